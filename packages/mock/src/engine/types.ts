/**
 * The emulator engine's public types. The engine knows nothing of MSW or `node:http`: adapters turn
 * their request into an {@link EngineRequest}, call {@link Engine.handle}, and write the
 * {@link EngineResponse} back. It never throws and never answers 5xx unless a fault was injected.
 */
import type { OperationId } from '@moedata/spec';
import type { DataCenter, RateLimitUnit } from '@moedata/spec/rules';
import type { Store, StoreFixtures } from '../store/types.ts';

/** A request as an adapter hands it to the engine. */
export interface EngineRequest {
  /** HTTP method, any case. */
  method: string;
  /** A full URL (`http://127.0.0.1:4010/v1/customer/ABC`) or a path with query (`/v1/customer/ABC?x=1`). */
  url: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body bytes as read (at most `bodyLimit()` + 1 bytes when the adapter streams), `null` when none. */
  body: Uint8Array | null;
  /** `true` when the adapter stopped reading because the body exceeded `bodyLimit()` (answers 413 at its turn). */
  bodyExceededLimit?: boolean;
}

/** What the adapter writes back. */
export interface EngineResponse {
  status: number;
  /**
   * Lower-case header names: `content-type`, the three `x-ratelimit-*`, and `x-request-id` (the
   * emulator's own: the body's `request_id` where the envelope has one, and the request log's
   * `requestId` always; MoEngage documents no such header, so clients should not rely on it).
   */
  headers: Record<string, string>;
  /** A JSON value; the adapter serialises it with `JSON.stringify`. */
  body: unknown;
  /**
   * Set on a 500 (a bug) or a 503 of a failing store: what was thrown, for the adapter to log. The
   * body never carries a stack.
   */
  internalError?: unknown;
}

/** Account state of a workspace (the overview's 400 Blacklisted and 403 rows). */
export type AccountState = 'active' | 'blacklisted' | 'suspended' | 'temporarilySuspended';

/**
 * Overrides of the default rate-limit budgets (`DEFAULT_RATE_LIMITS` of `@moedata/spec/rules`), per
 * operation and unit, per fixed 60-second window. Example: MoEngage's newer Bulk Import numbers,
 * `{ bulkImport: { users: 60_000, events: 60_000 } }`. (triggerFileImport is governed by
 * `fileImportCooldownSeconds` instead.)
 */
export type RateLimitOverrides = Partial<Record<OperationId, Partial<Record<RateLimitUnit, number>>>>;

/** The budgets in force for one workspace: operation → unit → units per window. */
export type RateLimits = Record<OperationId, Partial<Record<RateLimitUnit, number>>>;

/** The HTTP status an injected fault answers with. */
export type FaultStatus = 500 | 502 | 503 | 504;

/**
 * Fault injection for testing client retries. A request is eligible when `when` is absent or returns
 * `true`; an eligible request waits `latencyMs`, then fails when `nextFailures` is above zero
 * (decremented), or with probability `rate` (seeded random), or — when neither is set but `when` or
 * `status` is — always (`{ status: 503 }` fails everything; `{ latencyMs: 200 }` only slows down).
 * Faults apply only after authentication, so one workspace's faults never hit another's requests,
 * and a failed request consumes no rate-limit budget and stores nothing.
 */
export interface FaultConfig {
  /** Probability (0..1) that an eligible request fails. */
  rate?: number;
  /** The next N eligible requests fail. */
  nextFailures?: number;
  /** @default 500 */
  status?: FaultStatus;
  /** Extra latency before answering an eligible request (failed or not). */
  latencyMs?: number;
  /** Which requests are eligible (e.g. `(r) => r.operationId === 'trackUser'`). */
  when?: (request: FaultContext) => boolean;
}

/** What a fault predicate sees. */
export interface FaultContext {
  operationId: OperationId;
  workspaceId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Identity Resolution settings (off when absent). */
export interface IdentityResolutionConfig {
  /** Up to 5 identifier attribute keys matched exactly, e.g. `['moe_mobile', 'u_em']`. */
  identifiers: string[];
}

/** One workspace of the emulator. Every field but `apiKey` has a default. */
export interface WorkspaceConfig {
  /** The Data API key. `undefined` = no key generated yet (every request gets the 409 "not set" row). */
  apiKey?: string | undefined;
  /** @default 'active' */
  accountState?: AccountState;
  /** Overrides of the default budgets (decisions.md). */
  rateLimits?: RateLimitOverrides;
  /** Body size limit in bytes. @default 131072 (128 KB) */
  payloadLimitBytes?: number;
  /** Identity Resolution identifiers; `undefined` = feature off. */
  identityResolution?: IdentityResolutionConfig | undefined;
  /** Turn per-element Bulk Import problems into 400s instead of recorded drops. @default false */
  strictBulk?: boolean;
  faults?: FaultConfig | undefined;
  /** Known Trigger File Imports schedule ids; `undefined` = every id exists. Unknown ids get 400 NOT_FOUND. */
  fileImportSchedules?: string[] | undefined;
  /** Cooldown between two runs of one schedule. @default 300 */
  fileImportCooldownSeconds?: number;
  /**
   * The data center the workspace lives in. Bound, it is unknown (401 "Invalid APP_ID used in
   * Authentication Header", as any unknown workspace) on another data center's hosts and on the wrong
   * API's host; a local or custom base URL always reaches it. `undefined` = answers on every host.
   */
  dataCenter?: DataCenter | undefined;
}

/** A workspace with every default filled in. */
export interface ResolvedWorkspace {
  workspaceId: string;
  apiKey: string | undefined;
  accountState: AccountState;
  rateLimits: RateLimits;
  payloadLimitBytes: number;
  identityResolution: IdentityResolutionConfig | undefined;
  strictBulk: boolean;
  faults: FaultConfig | undefined;
  fileImportSchedules: string[] | undefined;
  fileImportCooldownSeconds: number;
  dataCenter: DataCenter | undefined;
}

/** The workspaces an engine serves; changes apply to the next request. */
export interface WorkspaceRegistry {
  /** Adds (or replaces) a workspace. */
  add(workspaceId: string, config: WorkspaceConfig): void;
  /** Changes some settings of an existing workspace; returns `false` when it does not exist. */
  update(workspaceId: string, patch: Partial<WorkspaceConfig>): boolean;
  remove(workspaceId: string): boolean;
  has(workspaceId: string): boolean;
  /** The workspace with defaults filled in. */
  get(workspaceId: string): ResolvedWorkspace | undefined;
  list(): ResolvedWorkspace[];
}

/** A time source in epoch milliseconds (tests inject a fake one). */
export interface Clock {
  now(): number;
}

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Workspace id → settings. */
  workspaces?: Record<string, WorkspaceConfig>;
  /** Settings every workspace starts from (its own settings win). */
  defaults?: Omit<WorkspaceConfig, 'apiKey'>;
  /** @default createMemoryStore() */
  store?: Store;
  /** @default Date */
  clock?: Clock;
  /** @default 8 random letters, like MoEngage's `request_id` */
  requestIdGenerator?: () => string;
  /**
   * How many request-log entries the store keeps; the oldest are evicted first and counted
   * (`store.requestLog.evicted()`). Applied to the store whether the engine created it or was given
   * one (a given store otherwise keeps its own limit). A whole number ≥ 0, or `Infinity` to keep every
   * entry (memory then grows with every request). Throws a `RangeError` for anything else.
   * @default 10000
   */
  requestLogLimit?: number;
  /** Seed of the pseudo-random numbers used by fault `rate` and default ids. @default 1 */
  randomSeed?: number;
  /** How latency is waited for (tests inject an instant one). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** Friendlier fixtures for {@link Engine.seed}: user attributes may use write keys (`name` → `u_n`),
 * and `moengageId`/timestamps are filled in when missing. */
export interface EngineFixtures extends Omit<StoreFixtures, 'users'> {
  users?: UserFixture[];
}

/** A user to seed. */
export interface UserFixture {
  workspaceId: string;
  customerId: string | null;
  attributes?: Record<string, unknown>;
  moengageId?: string;
  createdAt?: number;
  updatedAt?: number;
}

/** The emulator. */
export interface Engine {
  /** Answers one request. Never rejects. */
  handle(request: EngineRequest): Promise<EngineResponse>;
  /** The body size (bytes) the request may have, so a server can stop reading a stream past it. */
  bodyLimit(request: Pick<EngineRequest, 'method' | 'url' | 'headers'>): number;
  /** The state, with inspection accessors (`store.users.get(workspaceId, customerId)`, `store.drops.list()`, ...). */
  readonly store: Store;
  readonly workspaces: WorkspaceRegistry;
  /** Replaces a workspace's fault injection (`undefined` returns to `defaults.faults`, i.e. none unless set there). */
  setFaults(workspaceId: string, faults: FaultConfig | undefined): void;
  /** Adds fixtures to the store. */
  seed(fixtures: EngineFixtures): void;
  /** Empties the store and the rate-limit windows (workspaces and their settings stay). */
  reset(): void;
}
