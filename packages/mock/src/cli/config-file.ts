/**
 * The `--config FILE` JSON: every option of the CLI plus per-workspace settings, validated with zod so
 * a mistake is reported with the path of the bad field and what was expected.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from '../server/logger.ts';
import {
  describeIssues,
  WorkspaceIdSchema,
  WorkspaceOptionsSchema,
  WorkspaceSettingsSchema,
} from '../server/workspace-schema.ts';
import { CliUsageError } from './errors.ts';

const OriginSchema = z
  .string()
  .regex(
    /^https?:\/\/[^/\s]+$/,
    'expected an origin such as "http://localhost:5173" (scheme, host, optional port)',
  );

/** The config file's shape. Every field is optional; command-line flags win over it. */
export const ConfigFileSchema = z.strictObject({
  /** Editors may point at a JSON schema; ignored here. */
  $schema: z.string().optional(),
  port: z.int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  log: z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]]).optional(),
  /** SQLite file for persistence, relative to the config file. */
  data: z.string().min(1).optional(),
  /** Static folder served at /docs, relative to the config file. */
  docsDir: z.string().min(1).optional(),
  /** Web app folder served at / (instead of the playground), relative to the config file. */
  appDir: z.string().min(1).optional(),
  corsOrigins: z.union([z.literal('*'), z.array(OriginSchema)]).optional(),
  /** Host names `/_mock` accepts besides the loopback ones (e.g. a name in /etc/hosts). */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /** Connections open at once (the oldest idle one is closed for a new one at the cap). */
  maxConnections: z.int().min(1).optional(),
  /** How many request-log entries are kept (oldest evicted first); default 10000. */
  requestLogLimit: z.int().min(0).optional(),
  /** Settings every workspace starts from. */
  defaults: WorkspaceOptionsSchema.optional(),
  workspaces: z.record(WorkspaceIdSchema, WorkspaceSettingsSchema).optional(),
});

/** A parsed config file, with `data`, `docsDir` and `appDir` made absolute. */
export type ConfigFile = z.output<typeof ConfigFileSchema>;

/**
 * Reads and validates a config file. Throws a {@link CliUsageError} that names the file and lists
 * every bad field (`workspaces.DEMO.rateLimits.trackUser.users: Too small: expected number to be >=1`).
 */
export function loadConfigFile(path: string): ConfigFile {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : String(error);
    throw new CliUsageError(`Cannot read the config file ${absolute}: ${reason}. Check the --config path.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(
      `The config file ${absolute} is not valid JSON (${(error as Error).message}). Fix the syntax and retry.`,
    );
  }
  const result = ConfigFileSchema.safeParse(json);
  if (!result.success) {
    const lines = describeIssues(result.error).map((line) => `  - ${line}`);
    throw new CliUsageError(
      [
        `The config file ${absolute} has invalid fields:`,
        ...lines,
        'Fix these fields and retry (see --help).',
      ].join('\n'),
    );
  }
  const config = result.data;
  const nextToFile = (path: string | undefined) =>
    path === undefined ? undefined : resolve(dirname(absolute), path);
  return {
    ...config,
    data: nextToFile(config.data),
    docsDir: nextToFile(config.docsDir),
    appDir: nextToFile(config.appDir),
  };
}
