/**
 * zod schemas for workspace settings given as JSON (the CLI's --config file and the server's
 * /_mock/workspaces and /_mock/faults endpoints). They mirror the engine's `WorkspaceConfig` (a type
 * test keeps them in step) minus what JSON cannot carry (the fault predicate `when`).
 */
import { operationIds } from '@moedata/spec';
import { DATA_CENTERS, DEFAULT_RATE_LIMITS, IDENTITY_RESOLUTION_MAX_IDENTIFIERS } from '@moedata/spec/rules';
import { z } from 'zod';
import type { RateLimitOverrides } from '../engine/types.ts';

const nonNegativeInteger = z.int().min(0);
const positiveInteger = z.int().min(1);

/** Per operation, the units it is counted in (`trackUser: { users }`, `bulkImport: { users, events }`). */
const rateLimitsShape = Object.fromEntries(
  operationIds.map((operationId) => {
    const units = Object.keys(DEFAULT_RATE_LIMITS[operationId].limits);
    const unitShape = Object.fromEntries(units.map((unit) => [unit, positiveInteger.optional()]));
    return [operationId, z.strictObject(unitShape).optional()];
  }),
);

/** Budget overrides: operation → unit → units per window, e.g. `{ "trackUser": { "users": 100 } }`. */
// Built from the spec's table at runtime, so its static type is asserted here.
export const RateLimitOverridesSchema = z.strictObject(
  rateLimitsShape,
) as unknown as z.ZodType<RateLimitOverrides>;

/** Fault injection as JSON: a 5xx rate, a number of next failures, extra latency. */
export const FaultSettingsSchema = z.strictObject({
  rate: z.number().min(0).max(1).optional(),
  nextFailures: nonNegativeInteger.optional(),
  status: z.literal([500, 502, 503, 504], { error: 'expected one of 500, 502, 503, 504' }).optional(),
  latencyMs: nonNegativeInteger.max(60_000).optional(),
});

/** Every per-workspace option except the API key (also the shape of the config file's `defaults`). */
export const WorkspaceOptionsSchema = z.strictObject({
  accountState: z.enum(['active', 'blacklisted', 'suspended', 'temporarilySuspended']).optional(),
  rateLimits: RateLimitOverridesSchema.optional(),
  payloadLimitBytes: positiveInteger.optional(),
  identityResolution: z
    .strictObject({
      identifiers: z.array(z.string().min(1)).min(1).max(IDENTITY_RESOLUTION_MAX_IDENTIFIERS),
    })
    .optional(),
  strictBulk: z.boolean().optional(),
  faults: FaultSettingsSchema.optional(),
  fileImportSchedules: z.array(z.string().min(1)).optional(),
  fileImportCooldownSeconds: nonNegativeInteger.optional(),
  dataCenter: z.enum(DATA_CENTERS).optional(),
});

/** One workspace: its options plus the API key (`null` = no key generated yet, every request gets 409). */
export const WorkspaceSettingsSchema = WorkspaceOptionsSchema.extend({
  apiKey: z
    .string()
    .min(1)
    .nullable()
    .optional()
    .transform((key) => key ?? undefined),
});

/** A workspace id as MoEngage shows it: letters, digits, `_` and `-`. */
export const WorkspaceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'use only letters, digits, "_" and "-"')
  .max(64);

export type WorkspaceSettings = z.output<typeof WorkspaceSettingsSchema>;
export type WorkspaceOptions = z.output<typeof WorkspaceOptionsSchema>;
export type FaultSettings = z.output<typeof FaultSettingsSchema>;

/**
 * One line per problem, each naming the field by its path (`workspaces.DEMO.rateLimits.trackUser.users`)
 * under `prefix`, with what was expected.
 */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    // A bad record key (a workspace id) carries the reason in its nested issues.
    const nested =
      issue.code === 'invalid_key' ? ` (${issue.issues.map((inner) => inner.message).join('; ')})` : '';
    return `${path || '(top level)'}: ${issue.message}${nested}`;
  });
}
