/**
 * The workspaces an engine serves, with every default of decisions.md filled in. Settings can change
 * at runtime; the next request sees them.
 */
import { operationIds } from '@moedata/spec';
import { DEFAULT_RATE_LIMITS, FILE_IMPORT_COOLDOWN_SECONDS, PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';
import type { RateLimits, ResolvedWorkspace, WorkspaceConfig, WorkspaceRegistry } from './types.ts';

/** The default budgets of every operation, copied so overrides never touch the spec's constants. */
function defaultRateLimits(): RateLimits {
  return Object.fromEntries(
    operationIds.map((operationId) => [operationId, { ...DEFAULT_RATE_LIMITS[operationId].limits }]),
  ) as RateLimits;
}

/** Fills in every default; `config` wins over `defaults`, per rate-limit unit too. */
export function resolveWorkspace(
  workspaceId: string,
  config: WorkspaceConfig,
  defaults: Omit<WorkspaceConfig, 'apiKey'> = {},
): ResolvedWorkspace {
  const rateLimits = defaultRateLimits();
  for (const overrides of [defaults.rateLimits, config.rateLimits]) {
    for (const [operationId, units] of Object.entries(overrides ?? {})) {
      const key = operationId as keyof RateLimits;
      if (rateLimits[key]) rateLimits[key] = { ...rateLimits[key], ...units };
    }
  }
  return {
    workspaceId,
    // null (from JSON config files) and '' mean "no key generated yet", like undefined.
    apiKey: typeof config.apiKey === 'string' && config.apiKey !== '' ? config.apiKey : undefined,
    accountState: config.accountState ?? defaults.accountState ?? 'active',
    rateLimits,
    payloadLimitBytes: config.payloadLimitBytes ?? defaults.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES,
    identityResolution: config.identityResolution ?? defaults.identityResolution,
    strictBulk: config.strictBulk ?? defaults.strictBulk ?? false,
    faults: config.faults ?? defaults.faults,
    fileImportSchedules: config.fileImportSchedules ?? defaults.fileImportSchedules,
    fileImportCooldownSeconds:
      config.fileImportCooldownSeconds ?? defaults.fileImportCooldownSeconds ?? FILE_IMPORT_COOLDOWN_SECONDS,
    dataCenter: config.dataCenter ?? defaults.dataCenter,
  };
}

/** Creates the registry from the engine options. */
export function createWorkspaceRegistry(
  initial: Record<string, WorkspaceConfig> = {},
  defaults: Omit<WorkspaceConfig, 'apiKey'> = {},
): WorkspaceRegistry {
  const configs = new Map<string, WorkspaceConfig>(Object.entries(initial).map(([id, c]) => [id, { ...c }]));
  // Resolved lazily and cached: the hot path reads a workspace on every request.
  const resolved = new Map<string, ResolvedWorkspace>();
  const get = (workspaceId: string) => {
    const cached = resolved.get(workspaceId);
    if (cached) return cached;
    const config = configs.get(workspaceId);
    if (!config) return undefined;
    const workspace = resolveWorkspace(workspaceId, config, defaults);
    resolved.set(workspaceId, workspace);
    return workspace;
  };
  return {
    add(workspaceId, config) {
      configs.set(workspaceId, { ...config });
      resolved.delete(workspaceId);
    },
    update(workspaceId, patch) {
      const config = configs.get(workspaceId);
      if (!config) return false;
      configs.set(workspaceId, { ...config, ...patch });
      resolved.delete(workspaceId);
      return true;
    },
    remove(workspaceId) {
      resolved.delete(workspaceId);
      return configs.delete(workspaceId);
    },
    has: (workspaceId) => configs.has(workspaceId),
    get,
    list: () => [...configs.keys()].map((id) => get(id) as ResolvedWorkspace),
  };
}
