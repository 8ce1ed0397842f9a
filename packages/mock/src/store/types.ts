/**
 * The emulator's storage contract.
 *
 * Every method is synchronous (Node's `node:sqlite` `DatabaseSync` is synchronous, and the in-memory
 * store trivially is), every record is a plain JSON-serializable object, and every read returns a
 * copy: mutating a returned record never changes the store. Records are always scoped by
 * `workspaceId`, so one workspace can never see another's data through the store.
 *
 * Implementations: `createMemoryStore()` (default) and the SQLite store in `./sqlite*.ts`. Both run
 * `describeStoreContract()` from `./store-contract.ts`.
 */
import type { DataRuleName } from '@moedata/spec/rules';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A user profile as the emulator holds it. */
export interface StoredUser {
  workspaceId: string;
  /** MoEngage ID: 24 lower-case hex characters, assigned at creation, never changes. */
  moengageId: string;
  /** The client's ID (`customer_id`, shown as "ID" in the dashboard). `null` for a user created by
   * Identity Resolution identifiers alone. */
  customerId: string | null;
  /** Standard attributes under their internal keys (`u_n`, `u_em`, ...), custom attributes as written,
   * plus `platforms` when sent. Never contains `customer_id`, `uid` or `id` (those come from the fields above). */
  attributes: JsonObject;
  /** Epoch milliseconds of creation. */
  createdAt: number;
  /** Epoch milliseconds of the last write. */
  updatedAt: number;
}

/** A device attached to a user. */
export interface StoredDevice {
  workspaceId: string;
  deviceId: string;
  /** MoEngage ID of the owning user. */
  moengageId: string;
  /** `customer_id` of the owning user when the device was last written (informational). */
  customerId: string | null;
  /** `platform`, `push_id`, `model`, ... as written (platform as sent). */
  attributes: JsonObject;
  createdAt: number;
  updatedAt: number;
}

/** One recorded event action. Events are immutable once recorded, except for merges moving them. */
export interface StoredEvent {
  workspaceId: string;
  /** Unique within the store; assigned by the engine (`<request_id>-<n>`). */
  eventId: string;
  /** MoEngage ID of the user the event belongs to. */
  moengageId: string;
  customerId: string | null;
  deviceId: string | null;
  /** The event name (`actions[].action`). */
  action: string;
  attributes: JsonObject;
  platform: string | null;
  appVersion: string | null;
  /** As sent (ISO string, epoch seconds/milliseconds as number or string), or `null` when absent. */
  userTime: string | number | null;
  currentTime: string | number | null;
  userTimezoneOffset: number | null;
  /** Epoch milliseconds when the emulator received it. */
  receivedAt: number;
  requestId: string;
}

/** One applied merge pair (skipped pairs are recorded as drops instead). */
export interface MergeRecord {
  workspaceId: string;
  mergedCustomerId: string;
  retainedCustomerId: string;
  mergedMoengageId: string;
  retainedMoengageId: string;
  /** How many events moved to the retained user. */
  eventsMoved: number;
  at: number;
  requestId: string;
}

/** One completed deletion. */
export interface DeleteRecord {
  workspaceId: string;
  /** As sent: `customer_id`, `moengage_id` or `id`. */
  identityType: string;
  identityValue: string;
  moengageId: string;
  customerId: string | null;
  at: number;
  requestId: string;
}

/** One accepted Trigger File Imports call. */
export interface FileImportRun {
  workspaceId: string;
  scheduleId: string;
  at: number;
  requestId: string;
}

/**
 * Why something was accepted (200) but not ingested as sent: the name of the silent rule, shared with
 * the client's warnings (`DATA_RULES` in `@moedata/spec/rules` says what each does).
 */
export type DropReason = DataRuleName;

/** Something the emulator accepted with 200 but did not ingest as sent, with the reason. */
export interface DroppedItem {
  workspaceId: string;
  requestId: string;
  /** The operation that received it (`trackUser`, `bulkImport`, ...). */
  operationId: string;
  reason: DropReason;
  /** A sentence a developer can act on, e.g. "Attribute 'moe_score' was dropped: the moe_ prefix is reserved". */
  message: string;
  /** Where in the body, e.g. `attributes.moe_score` or `elements[2].actions[0]`. */
  path: string;
  /** The dropped value (or element) as sent. */
  item: JsonValue;
  at: number;
}

/** One request the engine answered. */
export interface RequestLogEntry {
  requestId: string;
  /** Authenticated workspace, or `null` when the request failed before authentication. */
  workspaceId: string | null;
  operationId: string | null;
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  /** The error catalogue row id for a failure, `null` on success. */
  errorId: string | null;
  /** Users/events/devices the request consumed from its rate-limit budget. */
  units: number;
  at: number;
}

/** Optional filters for listing events. */
export interface EventFilter {
  moengageId?: string;
  customerId?: string;
  action?: string;
}

/** Optional filters for listing request-log entries. */
export interface RequestLogFilter {
  operationId?: string;
  status?: number;
}

/** Users of all workspaces. */
export interface UserCollection {
  /** The user with this `customer_id` in this workspace. */
  get(workspaceId: string, customerId: string): StoredUser | undefined;
  /** The user with this MoEngage ID in this workspace. */
  getByMoengageId(workspaceId: string, moengageId: string): StoredUser | undefined;
  /** The first user (in creation order) whose attribute `key` equals `value` exactly (Identity Resolution). */
  findByAttribute(workspaceId: string, key: string, value: JsonValue): StoredUser | undefined;
  /** All users of a workspace (or of every workspace when omitted), in creation order. */
  list(workspaceId?: string): StoredUser[];
  /** Inserts the user, or replaces the one with the same `workspaceId` + `moengageId`.
   * A `customerId` already held by another user of the workspace is an error (throws). */
  put(user: StoredUser): void;
  /** Removes the user; returns whether it existed. Its devices and events stay (the engine decides). */
  delete(workspaceId: string, moengageId: string): boolean;
  count(workspaceId?: string): number;
}

/** Devices of all workspaces. */
export interface DeviceCollection {
  get(workspaceId: string, deviceId: string): StoredDevice | undefined;
  /** Devices of one workspace (optionally of one user), in creation order. */
  list(workspaceId?: string, moengageId?: string): StoredDevice[];
  /** Inserts or replaces by `workspaceId` + `deviceId`. */
  put(device: StoredDevice): void;
  delete(workspaceId: string, deviceId: string): boolean;
}

/** Events of all workspaces. */
export interface EventCollection {
  add(event: StoredEvent): void;
  /** Events in the order they were added. */
  list(workspaceId?: string, filter?: EventFilter): StoredEvent[];
  /**
   * Moves the events of one user to another (merge): all of them, or only those whose `eventId` is in
   * `eventIds`; returns how many moved.
   */
  reassign(
    workspaceId: string,
    fromMoengageId: string,
    to: { moengageId: string; customerId: string | null },
    eventIds?: readonly string[],
  ): number;
}

/** An append-only list of records, read in insertion order. */
export interface RecordLog<T> {
  add(record: T): void;
  list(workspaceId?: string): T[];
}

/** Trigger File Imports runs. */
export interface FileImportRunLog extends RecordLog<FileImportRun> {
  /** The latest run of this schedule in this workspace. */
  latest(workspaceId: string, scheduleId: string): FileImportRun | undefined;
}

/**
 * The request log: a capped ring. It keeps the newest {@link RequestLog.limit} entries (10,000 unless
 * the store or the engine was given `requestLogLimit`) and evicts the oldest, counting them, so millions
 * of requests never grow memory (or the SQLite file) without bound.
 */
export interface RequestLog {
  /** Appends an entry, then evicts the oldest entries past the limit. */
  add(entry: RequestLogEntry): void;
  /** The entries kept, oldest first. */
  list(workspaceId?: string, filter?: RequestLogFilter): RequestLogEntry[];
  /** How many entries are kept (`Infinity` = all). */
  limit(): number;
  /**
   * Changes the limit (a whole number ≥ 0, or `Infinity`) and evicts what no longer fits right away.
   * Throws a `RangeError` for anything else.
   */
  setLimit(limit: number): void;
  /** How many entries were evicted, in every workspace, since the log was created or last reset. */
  evicted(): number;
}

/** Everything a store holds, as plain arrays (what `snapshot()` returns and `seed()` takes). */
export interface StoreSnapshot {
  users: StoredUser[];
  devices: StoredDevice[];
  events: StoredEvent[];
  merges: MergeRecord[];
  deletes: DeleteRecord[];
  fileImportRuns: FileImportRun[];
  drops: DroppedItem[];
  requestLog: RequestLogEntry[];
}

/** A collection {@link Store.page} reads: a key of the snapshot. */
export type CollectionName = keyof StoreSnapshot;

/** The filters {@link Store.page} applies; each collection uses those its `list` takes (see `PAGE_FILTERS`). */
export interface PageFilter extends EventFilter, RequestLogFilter {}

/** What {@link Store.page} reads. */
export interface PageRequest {
  /** One workspace; every workspace when omitted. */
  workspaceId?: string | undefined;
  filter?: PageFilter;
  /** Where to continue: the `next` of the previous page (opaque digits); the start when omitted. */
  cursor?: string | undefined;
  /** At most this many records (≥ 1). */
  limit: number;
}

/** One page of records, in the order `list` returns them. */
export interface Page<T> {
  items: T[];
  /** The cursor of the following page, or `null` on the last one. */
  next: string | null;
}

/** Fixtures for `seed()`: any subset of a snapshot. */
export type StoreFixtures = Partial<StoreSnapshot>;

/** The emulator's state. Synchronous; see the module comment. */
export interface Store {
  readonly users: UserCollection;
  readonly devices: DeviceCollection;
  readonly events: EventCollection;
  readonly merges: RecordLog<MergeRecord>;
  readonly deletes: RecordLog<DeleteRecord>;
  readonly fileImportRuns: FileImportRunLog;
  readonly drops: RecordLog<DroppedItem>;
  readonly requestLog: RequestLog;
  /**
   * Runs `fn` as one unit: a store that can (SQLite) commits all its writes together or none
   * (rolling back and rethrowing when `fn` throws). The engine wraps each request in one call.
   */
  transaction<T>(fn: () => T): T;
  /** Removes everything, in every workspace (the request log's limit stays, its evicted count restarts). */
  reset(): void;
  /** Adds the fixtures (users and devices upsert by their keys; the lists append). */
  seed(fixtures: StoreFixtures): void;
  /** A copy of everything (the request log: the entries it kept), suitable for `JSON.stringify` and for `seed()` into another store. */
  snapshot(): StoreSnapshot;
  /**
   * One page of a collection, so a large store is read in slices that never hold the event loop for
   * long (`/_mock` lists and the streamed snapshot). Pages taken while writes go on may skip or repeat
   * a record that moved; each page is consistent by itself.
   */
  page<K extends CollectionName>(collection: K, request: PageRequest): Page<StoreSnapshot[K][number]>;
  /** Releases resources (closes a database). The in-memory store does nothing. */
  close(): void;
}
