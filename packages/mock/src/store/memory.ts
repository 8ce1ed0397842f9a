/**
 * The default store: plain arrays and maps in memory. Reads return deep copies so a test that mutates
 * what it read cannot change the emulator's state behind its back; writes keep a copy of what they
 * were given. Only the engine skips both, through `./owned-access.ts`.
 */

import { BoundedList } from './bounded-list.ts';
import { cloneJson } from './clone-json.ts';
import { deleteFromMap, type Journal, pushTo, setInMap } from './memory-journal.ts';
import { emptyUserState, type UserState, userCollection, usersInOrder } from './memory-users.ts';
import { type OwnedAccess, provideOwnedAccess } from './owned-access.ts';
import { MemoryPager } from './pages.ts';
import { checkRequestLogLimit, DEFAULT_REQUEST_LOG_LIMIT } from './request-log-limit.ts';
import type {
  CollectionName,
  DeleteRecord,
  DeviceCollection,
  DroppedItem,
  EventCollection,
  EventFilter,
  FileImportRun,
  FileImportRunLog,
  MergeRecord,
  RecordLog,
  RequestLog,
  RequestLogEntry,
  RequestLogFilter,
  Store,
  StoredDevice,
  StoredEvent,
  StoreFixtures,
  StoreSnapshot,
} from './types.ts';

/** Records are plain JSON: copied on the way in and on the way out, with JSON semantics but no round trip. */
const copy = cloneJson;

const inWorkspace = (workspaceId: string | undefined) => (record: { workspaceId: string | null }) =>
  workspaceId === undefined || record.workspaceId === workspaceId;

interface MemoryState {
  users: UserState;
  devices: Map<string, StoredDevice>;
  events: StoredEvent[];
  merges: MergeRecord[];
  deletes: DeleteRecord[];
  fileImportRuns: FileImportRun[];
  drops: DroppedItem[];
  requestLog: BoundedList<RequestLogEntry>;
}

const emptyState = (): MemoryState => ({
  users: emptyUserState(),
  devices: new Map(),
  events: [],
  merges: [],
  deletes: [],
  fileImportRuns: [],
  drops: [],
  requestLog: new BoundedList(),
});

const key = (workspaceId: string, id: string) => `${workspaceId}\u0000${id}`;

/** What every collection shares: the current state (reset() swaps it) and the undo journal. */
interface Context extends Journal {
  state(): MemoryState;
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

function eventCollection(context: Context): Pick<OwnedAccess, 'addEvent'> & { collection: EventCollection } {
  const events = () => context.state().events;
  const addEvent = (event: StoredEvent) => pushTo(context, events(), event);
  const collection: EventCollection = {
    add: (event) => addEvent(copy(event)),
    list: (workspaceId, filter) =>
      events().filter(inWorkspace(workspaceId)).filter(matchesEvent(filter)).map(copy),
    reassign: (workspaceId, fromMoengageId, to, eventIds) => {
      const only = eventIds === undefined ? undefined : new Set(eventIds);
      let moved = 0;
      for (const event of events()) {
        if (
          event.workspaceId === workspaceId &&
          event.moengageId === fromMoengageId &&
          (only === undefined || only.has(event.eventId))
        ) {
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
  return { collection, addEvent };
}

function recordLog<T extends { workspaceId: string }>(context: Context, list: () => T[]): RecordLog<T> {
  return ownedRecordLog(context, list).collection;
}

/** A record log and its copy-free append. */
function ownedRecordLog<T extends { workspaceId: string }>(
  context: Context,
  list: () => T[],
): { collection: RecordLog<T>; addOwned(record: T): void } {
  const addOwned = (record: T) => pushTo(context, list(), record);
  return {
    collection: {
      add: (record) => addOwned(copy(record)),
      list: (workspaceId) => list().filter(inWorkspace(workspaceId)).map(copy),
    },
    addOwned,
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

function requestLog(
  context: Context,
  initialLimit: number,
): Pick<OwnedAccess, 'addLogEntry'> & { collection: RequestLog } {
  let limit = checkRequestLogLimit(initialLimit);
  const entries = () => context.state().requestLog;
  const trim = () => {
    const ring = entries();
    while (ring.size > limit) {
      const oldest = ring.evictOldest() as RequestLogEntry;
      context.onUndo(() => ring.restoreOldest(oldest));
    }
  };
  const addLogEntry = (entry: RequestLogEntry) => {
    const ring = entries();
    ring.push(entry);
    context.onUndo(() => ring.popNewest());
    trim();
  };
  const collection: RequestLog = {
    add: (entry) => addLogEntry(copy(entry)),
    list: (workspaceId, filter) =>
      entries().values().filter(inWorkspace(workspaceId)).filter(matchesLogEntry(filter)).map(copy),
    limit: () => limit,
    setLimit: (newLimit) => {
      limit = checkRequestLogLimit(newLimit);
      trim();
    },
    evicted: () => entries().evicted,
  };
  return { collection, addLogEntry };
}

/**
 * The copy-free `fast` version of a public method for as long as that method is the store's own. Once
 * something replaced it (a test simulating a failing store), the engine's calls go through the
 * replacement too, as they would without copy-free access.
 */
function unlessReplaced<C extends object, K extends keyof C, A extends unknown[], R>(
  collection: C,
  method: K,
  fast: (...args: A) => R,
): (...args: A) => R {
  const own = collection[method];
  return (...args) => {
    const current = collection[method];
    return current === own ? fast(...args) : (current as (...args: A) => R)(...args);
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

  const users = userCollection(context, () => state.users);
  const events = eventCollection(context);
  const drops = ownedRecordLog(context, () => state.drops);
  const log = requestLog(context, options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT);
  const pager = new MemoryPager();
  // What each collection's pages walk, uncopied (pageInMemory copies only the page it returns).
  const sources: {
    [K in CollectionName]: (workspaceId: string | undefined) => Iterable<StoreSnapshot[K][number]>;
  } = {
    // One workspace's users come from its own map: no walk over every workspace.
    users: (workspaceId) => usersInOrder(state.users, workspaceId),
    devices: () => state.devices.values(),
    events: () => state.events,
    merges: () => state.merges,
    deletes: () => state.deletes,
    fileImportRuns: () => state.fileImportRuns,
    drops: () => state.drops,
    requestLog: () => state.requestLog.values(),
  };
  const store: Store = {
    users: users.collection,
    devices: deviceCollection(context),
    events: events.collection,
    merges: recordLog(context, () => state.merges),
    deletes: recordLog(context, () => state.deletes),
    fileImportRuns: fileImportRunLog(context),
    drops: drops.collection,
    requestLog: log.collection,
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
      pager.forget();
    },
    seed: (more) => seedInto(store, more),
    snapshot: (): StoreSnapshot => ({
      users: users.collection.list(),
      devices: [...state.devices.values()].map(copy),
      events: state.events.map(copy),
      merges: state.merges.map(copy),
      deletes: state.deletes.map(copy),
      fileImportRuns: state.fileImportRuns.map(copy),
      drops: state.drops.map(copy),
      requestLog: state.requestLog.values().map(copy),
    }),
    page: (collection, request) =>
      pager.page(collection, () => sources[collection](request.workspaceId), request),
    close: () => {},
  };
  provideOwnedAccess(store, {
    peekUser: unlessReplaced(store.users, 'get', users.peekUser),
    putUser: unlessReplaced(store.users, 'put', users.putUser),
    addEvent: unlessReplaced(store.events, 'add', events.addEvent),
    addDrop: unlessReplaced(store.drops, 'add', drops.addOwned),
    addLogEntry: unlessReplaced(store.requestLog, 'add', log.addLogEntry),
  });
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
