/**
 * The default store: plain arrays and maps in memory. Reads return deep copies so a test that mutates
 * what it read cannot change the emulator's state behind its back.
 */

import { BoundedList } from './bounded-list.ts';
import { checkRequestLogLimit, DEFAULT_REQUEST_LOG_LIMIT } from './request-log-limit.ts';
import type {
  DeleteRecord,
  DeviceCollection,
  DroppedItem,
  EventCollection,
  EventFilter,
  FileImportRun,
  FileImportRunLog,
  JsonValue,
  MergeRecord,
  RecordLog,
  RequestLog,
  RequestLogEntry,
  RequestLogFilter,
  Store,
  StoredDevice,
  StoredEvent,
  StoredUser,
  StoreFixtures,
  StoreSnapshot,
  UserCollection,
} from './types.ts';

/** Records are plain JSON, and a JSON round trip copies them several times faster than structuredClone. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const inWorkspace = (workspaceId: string | undefined) => (record: { workspaceId: string | null }) =>
  workspaceId === undefined || record.workspaceId === workspaceId;

/** Deep equality of JSON values (Identity Resolution matches identifiers exactly). */
function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface MemoryState {
  /** Keyed by `${workspaceId}\u0000${moengageId}`; a Map keeps insertion (creation) order. */
  users: Map<string, StoredUser>;
  /** `${workspaceId}\u0000${customerId}` → moengageId, so lookups by customer_id stay O(1). */
  customerIndex: Map<string, string>;
  devices: Map<string, StoredDevice>;
  events: StoredEvent[];
  merges: MergeRecord[];
  deletes: DeleteRecord[];
  fileImportRuns: FileImportRun[];
  drops: DroppedItem[];
  requestLog: BoundedList<RequestLogEntry>;
}

const emptyState = (): MemoryState => ({
  users: new Map(),
  customerIndex: new Map(),
  devices: new Map(),
  events: [],
  merges: [],
  deletes: [],
  fileImportRuns: [],
  drops: [],
  requestLog: new BoundedList(),
});

const key = (workspaceId: string, id: string) => `${workspaceId}\u0000${id}`;

/**
 * What every collection shares: the current state (reset() swaps it) and an undo journal, so a
 * transaction can roll back in time proportional to its own writes, not to the store's size.
 */
interface Context {
  state(): MemoryState;
  /** Remembers how to undo one write when inside a transaction. */
  onUndo(undo: () => void): void;
}

/** Sets `map[k] = value`, journaling the previous value. */
function setInMap<V>(context: Context, map: Map<string, V>, k: string, value: V): void {
  const had = map.has(k);
  const previous = map.get(k);
  map.set(k, value);
  context.onUndo(() => (had ? map.set(k, previous as V) : map.delete(k)));
}

function deleteFromMap<V>(context: Context, map: Map<string, V>, k: string): boolean {
  if (!map.has(k)) return false;
  const previous = map.get(k) as V;
  map.delete(k);
  // Re-inserting moves the entry to the end of the Map; rollback restores content, not position.
  context.onUndo(() => map.set(k, previous));
  return true;
}

function pushTo<T>(context: Context, list: T[], value: T): void {
  list.push(value);
  context.onUndo(() => list.pop());
}

function userCollection(context: Context): UserCollection {
  const users = () => context.state().users;
  const index = () => context.state().customerIndex;
  const find = (predicate: (user: StoredUser) => boolean) => {
    for (const user of users().values()) if (predicate(user)) return copy(user);
    return undefined;
  };
  const getByMoengageId = (workspaceId: string, moengageId: string) => {
    const user = users().get(key(workspaceId, moengageId));
    return user && copy(user);
  };
  return {
    get: (workspaceId, customerId) => {
      const moengageId = index().get(key(workspaceId, customerId));
      return moengageId === undefined ? undefined : getByMoengageId(workspaceId, moengageId);
    },
    getByMoengageId,
    findByAttribute: (workspaceId, attribute, value) =>
      find((u) => u.workspaceId === workspaceId && jsonEquals(u.attributes[attribute], value)),
    list: (workspaceId) => [...users().values()].filter(inWorkspace(workspaceId)).map(copy),
    put: (user) => {
      const userKey = key(user.workspaceId, user.moengageId);
      if (user.customerId !== null) {
        const holder = index().get(key(user.workspaceId, user.customerId));
        if (holder !== undefined && holder !== user.moengageId) {
          throw new Error(
            `customer_id '${user.customerId}' already belongs to user ${holder} in workspace ${user.workspaceId}`,
          );
        }
      }
      const previous = users().get(userKey);
      if (previous?.customerId != null && previous.customerId !== user.customerId) {
        deleteFromMap(context, index(), key(user.workspaceId, previous.customerId));
      }
      if (user.customerId !== null) {
        setInMap(context, index(), key(user.workspaceId, user.customerId), user.moengageId);
      }
      setInMap(context, users(), userKey, copy(user));
    },
    delete: (workspaceId, moengageId) => {
      const user = users().get(key(workspaceId, moengageId));
      if (user?.customerId != null) deleteFromMap(context, index(), key(workspaceId, user.customerId));
      return deleteFromMap(context, users(), key(workspaceId, moengageId));
    },
    count: (workspaceId) => [...users().values()].filter(inWorkspace(workspaceId)).length,
  };
}

function deviceCollection(context: Context): DeviceCollection {
  const devices = () => context.state().devices;
  return {
    get: (workspaceId, deviceId) => {
      const device = devices().get(key(workspaceId, deviceId));
      return device && copy(device);
    },
    list: (workspaceId, moengageId) =>
      [...devices().values()]
        .filter(inWorkspace(workspaceId))
        .filter((d) => moengageId === undefined || d.moengageId === moengageId)
        .map(copy),
    put: (device) => setInMap(context, devices(), key(device.workspaceId, device.deviceId), copy(device)),
    delete: (workspaceId, deviceId) => deleteFromMap(context, devices(), key(workspaceId, deviceId)),
  };
}

const matchesEvent = (filter: EventFilter | undefined) => (event: StoredEvent) =>
  (filter?.moengageId === undefined || event.moengageId === filter.moengageId) &&
  (filter?.customerId === undefined || event.customerId === filter.customerId) &&
  (filter?.action === undefined || event.action === filter.action);

function eventCollection(context: Context): EventCollection {
  const events = () => context.state().events;
  return {
    add: (event) => pushTo(context, events(), copy(event)),
    list: (workspaceId, filter) =>
      events().filter(inWorkspace(workspaceId)).filter(matchesEvent(filter)).map(copy),
    reassign: (workspaceId, fromMoengageId, to) => {
      let moved = 0;
      for (const event of events()) {
        if (event.workspaceId === workspaceId && event.moengageId === fromMoengageId) {
          const before = { moengageId: event.moengageId, customerId: event.customerId };
          event.moengageId = to.moengageId;
          event.customerId = to.customerId;
          context.onUndo(() => Object.assign(event, before));
          moved += 1;
        }
      }
      return moved;
    },
  };
}

function recordLog<T extends { workspaceId: string }>(context: Context, list: () => T[]): RecordLog<T> {
  return {
    add: (record) => pushTo(context, list(), copy(record)),
    list: (workspaceId) => list().filter(inWorkspace(workspaceId)).map(copy),
  };
}

function fileImportRunLog(context: Context): FileImportRunLog {
  const runs = () => context.state().fileImportRuns;
  return {
    ...recordLog(context, runs),
    latest: (workspaceId, scheduleId) => {
      const last = runs()
        .filter((run) => run.workspaceId === workspaceId && run.scheduleId === scheduleId)
        .at(-1);
      return last && copy(last);
    },
  };
}

const matchesLogEntry = (filter: RequestLogFilter | undefined) => (entry: RequestLogEntry) =>
  (filter?.operationId === undefined || entry.operationId === filter.operationId) &&
  (filter?.status === undefined || entry.status === filter.status);

function requestLog(context: Context, initialLimit: number): RequestLog {
  let limit = checkRequestLogLimit(initialLimit);
  const entries = () => context.state().requestLog;
  const trim = () => {
    const ring = entries();
    while (ring.size > limit) {
      const oldest = ring.evictOldest() as RequestLogEntry;
      context.onUndo(() => ring.restoreOldest(oldest));
    }
  };
  return {
    add: (entry) => {
      const ring = entries();
      ring.push(copy(entry));
      context.onUndo(() => ring.popNewest());
      trim();
    },
    list: (workspaceId, filter) =>
      entries().values().filter(inWorkspace(workspaceId)).filter(matchesLogEntry(filter)).map(copy),
    limit: () => limit,
    setLimit: (newLimit) => {
      limit = checkRequestLogLimit(newLimit);
      trim();
    },
    evicted: () => entries().evicted,
  };
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Added right after creation (users and devices upsert; logs append). */
  fixtures?: StoreFixtures;
  /**
   * How many request-log entries are kept; older ones are evicted (and counted). A whole number ≥ 0,
   * or `Infinity` to keep every entry (memory then grows with every request).
   * @default 10000
   */
  requestLogLimit?: number;
}

/**
 * Creates an in-memory store (the engine's default), optionally seeded.
 *
 * @example
 * const store = createMemoryStore({ requestLogLimit: 1_000 });
 * const engine = createEngine({ store, workspaces: { DEMO: { apiKey: 'secret' } } });
 * store.users.get('DEMO', 'john@example.com');
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  let state = emptyState();
  let journal: (() => void)[] | undefined;
  const context: Context = {
    state: () => state,
    onUndo: (undo) => journal?.push(undo),
  };

  const store: Store = {
    users: userCollection(context),
    devices: deviceCollection(context),
    events: eventCollection(context),
    merges: recordLog(context, () => state.merges),
    deletes: recordLog(context, () => state.deletes),
    fileImportRuns: fileImportRunLog(context),
    drops: recordLog(context, () => state.drops),
    requestLog: requestLog(context, options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT),
    transaction: (fn) => {
      if (journal) return fn(); // nested: the outer transaction owns the rollback
      journal = [];
      try {
        return fn();
      } catch (error) {
        for (const undo of journal.reverse()) undo();
        throw error;
      } finally {
        journal = undefined;
      }
    },
    reset: () => {
      state = emptyState();
    },
    seed: (more) => seedInto(store, more),
    snapshot: (): StoreSnapshot => ({
      users: [...state.users.values()].map(copy),
      devices: [...state.devices.values()].map(copy),
      events: state.events.map(copy),
      merges: state.merges.map(copy),
      deletes: state.deletes.map(copy),
      fileImportRuns: state.fileImportRuns.map(copy),
      drops: state.drops.map(copy),
      requestLog: state.requestLog.values().map(copy),
    }),
    close: () => {},
  };
  if (options.fixtures) store.seed(options.fixtures);
  return store;
}

/**
 * Adds fixtures to any store through its public methods, in one transaction (users and devices
 * upsert by their keys; the logs append). Other store implementations may reuse it for `seed()`.
 */
export function seedInto(store: Store, fixtures: StoreFixtures): void {
  store.transaction(() => {
    for (const user of fixtures.users ?? []) store.users.put(user);
    for (const device of fixtures.devices ?? []) store.devices.put(device);
    for (const event of fixtures.events ?? []) store.events.add(event);
    for (const merge of fixtures.merges ?? []) store.merges.add(merge);
    for (const deletion of fixtures.deletes ?? []) store.deletes.add(deletion);
    for (const run of fixtures.fileImportRuns ?? []) store.fileImportRuns.add(run);
    for (const drop of fixtures.drops ?? []) store.drops.add(drop);
    for (const entry of fixtures.requestLog ?? []) store.requestLog.add(entry);
  });
}
