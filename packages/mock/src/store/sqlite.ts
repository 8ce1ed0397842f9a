/**
 * The persistent store behind `moengage-mock --data FILE`: the same synchronous `Store` contract as
 * the in-memory store, on Node's built-in `node:sqlite` (no native dependency; loaded only when a store is
 * created, see node-sqlite.ts). Writes commit in WAL
 * mode with `synchronous = NORMAL`: once the engine answered a request its effects are in the WAL file,
 * which survives a killed process (not a power cut; decisions/052).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { seedInto } from './memory.ts';
import { loadNodeSqlite } from './node-sqlite.ts';
import { cursorPosition, PAGE_FILTERS } from './pages.ts';
import { checkRequestLogLimit, DEFAULT_REQUEST_LOG_LIMIT } from './request-log-limit.ts';
import { ALL_TABLES, applySchema, LOG_TABLES } from './sqlite-schema.ts';
import { storageFailure, transactionRunner } from './sqlite-transaction.ts';
import { StoreUnavailableError } from './store-unavailable.ts';
import type {
  CollectionName,
  DeviceCollection,
  EventCollection,
  FileImportRun,
  FileImportRunLog,
  JsonValue,
  Page,
  PageFilter,
  PageRequest,
  RecordLog,
  RequestLog,
  RequestLogEntry,
  Store,
  StoredDevice,
  StoredEvent,
  StoredUser,
  StoreFixtures,
  StoreSnapshot,
  UserCollection,
} from './types.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file; created when missing. `':memory:'` gives a private in-memory database. */
  path: string;
  /** Fixtures added right after opening (users and devices upsert; logs append). */
  fixtures?: StoreFixtures;
  /**
   * How many request-log rows are kept; older ones are deleted (and counted, across restarts). A whole
   * number ≥ 0, or `Infinity` to keep every row (the file then grows with every request).
   * @default 10000
   */
  requestLogLimit?: number;
}

type Row = Record<string, unknown>;

/**
 * A statement that binds positional parameters and decodes the `data` column of every row. A storage
 * failure (disk full, I/O error, corrupted page) surfaces as a `StoreUnavailableError`.
 */
class Query<T> {
  readonly #statement: StatementSync;
  constructor(db: DatabaseSync, sql: string) {
    this.#statement = db.prepare(sql);
  }
  all(...params: Array<string | number | null>): T[] {
    try {
      return (this.#statement.all(...params) as Row[]).map((row) => JSON.parse(String(row.data)) as T);
    } catch (error) {
      throw storageFailure(error);
    }
  }
  first(...params: Array<string | number | null>): T | undefined {
    try {
      const row = this.#statement.get(...params) as Row | undefined;
      return row === undefined ? undefined : (JSON.parse(String(row.data)) as T);
    } catch (error) {
      throw storageFailure(error);
    }
  }
  run(...params: Array<string | number | null>): number {
    try {
      return Number(this.#statement.run(...params).changes);
    } catch (error) {
      throw storageFailure(error);
    }
  }
  count(...params: Array<string | number | null>): number {
    try {
      const row = this.#statement.get(...params) as Row | undefined;
      return Number(row?.n ?? 0);
    } catch (error) {
      throw storageFailure(error);
    }
  }
}

/** `workspace_id = ?` when a workspace is given, every row otherwise (`?` bound twice). */
const WORKSPACE_FILTER = '(?1 IS NULL OR workspace_id = ?1)';

function userCollection(db: DatabaseSync): UserCollection {
  const byCustomerId = new Query<StoredUser>(
    db,
    'SELECT data FROM users WHERE workspace_id = ? AND customer_id = ?',
  );
  const byMoengageId = new Query<StoredUser>(
    db,
    'SELECT data FROM users WHERE workspace_id = ? AND moengage_id = ?',
  );
  const withAttribute = new Query<StoredUser>(
    db,
    "SELECT data FROM users WHERE workspace_id = ? AND json_type(data, '$.attributes.' || ?) IS NOT NULL ORDER BY seq",
  );
  const inWorkspace = new Query<StoredUser>(
    db,
    `SELECT data FROM users WHERE ${WORKSPACE_FILTER} ORDER BY seq`,
  );
  const upsert = new Query<never>(
    db,
    `INSERT INTO users (workspace_id, moengage_id, customer_id, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_id, moengage_id) DO UPDATE SET customer_id = excluded.customer_id, data = excluded.data`,
  );
  const remove = new Query<never>(db, 'DELETE FROM users WHERE workspace_id = ? AND moengage_id = ?');
  const count = new Query<never>(db, `SELECT count(*) AS n FROM users WHERE ${WORKSPACE_FILTER}`);

  return {
    get: (workspaceId, customerId) => byCustomerId.first(workspaceId, customerId),
    getByMoengageId: (workspaceId, moengageId) => byMoengageId.first(workspaceId, moengageId),
    findByAttribute: (workspaceId, key, value) => {
      // The path quotes the key so dots or spaces in attribute names stay one path segment.
      const candidates = withAttribute.all(workspaceId, JSON.stringify(key));
      const wanted = JSON.stringify(value);
      return candidates.find((user) => JSON.stringify(user.attributes[key] as JsonValue) === wanted);
    },
    list: (workspaceId) => inWorkspace.all(workspaceId ?? null),
    put: (user) => {
      if (user.customerId !== null) {
        const holder = byCustomerId.first(user.workspaceId, user.customerId);
        if (holder && holder.moengageId !== user.moengageId) {
          throw new Error(
            `customer_id '${user.customerId}' already belongs to user ${holder.moengageId} in workspace ${user.workspaceId}`,
          );
        }
      }
      upsert.run(user.workspaceId, user.moengageId, user.customerId, JSON.stringify(user));
    },
    delete: (workspaceId, moengageId) => remove.run(workspaceId, moengageId) > 0,
    count: (workspaceId) => count.count(workspaceId ?? null),
  };
}

function deviceCollection(db: DatabaseSync): DeviceCollection {
  const byId = new Query<StoredDevice>(
    db,
    'SELECT data FROM devices WHERE workspace_id = ? AND device_id = ?',
  );
  const list = new Query<StoredDevice>(
    db,
    `SELECT data FROM devices WHERE ${WORKSPACE_FILTER} AND (?2 IS NULL OR moengage_id = ?2) ORDER BY seq`,
  );
  const upsert = new Query<never>(
    db,
    `INSERT INTO devices (workspace_id, device_id, moengage_id, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_id, device_id) DO UPDATE SET moengage_id = excluded.moengage_id, data = excluded.data`,
  );
  const remove = new Query<never>(db, 'DELETE FROM devices WHERE workspace_id = ? AND device_id = ?');
  return {
    get: (workspaceId, deviceId) => byId.first(workspaceId, deviceId),
    list: (workspaceId, moengageId) => list.all(workspaceId ?? null, moengageId ?? null),
    put: (device) => {
      upsert.run(device.workspaceId, device.deviceId, device.moengageId, JSON.stringify(device));
    },
    delete: (workspaceId, deviceId) => remove.run(workspaceId, deviceId) > 0,
  };
}

function eventCollection(db: DatabaseSync): EventCollection {
  const insert = new Query<never>(
    db,
    'INSERT INTO events (workspace_id, moengage_id, customer_id, action, data) VALUES (?, ?, ?, ?, ?)',
  );
  const list = new Query<StoredEvent>(
    db,
    `SELECT data FROM events WHERE ${WORKSPACE_FILTER}
       AND (?2 IS NULL OR moengage_id = ?2) AND (?3 IS NULL OR customer_id = ?3) AND (?4 IS NULL OR action = ?4)
     ORDER BY seq`,
  );
  const reassign = new Query<never>(
    db,
    `UPDATE events SET moengage_id = ?3, customer_id = ?4,
       data = json_set(data, '$.moengageId', ?3, '$.customerId', ?4)
     WHERE workspace_id = ?1 AND moengage_id = ?2
       AND (?5 IS NULL OR json_extract(data, '$.eventId') IN (SELECT value FROM json_each(?5)))`,
  );
  return {
    add: (event) => {
      insert.run(event.workspaceId, event.moengageId, event.customerId, event.action, JSON.stringify(event));
    },
    list: (workspaceId, filter) =>
      list.all(
        workspaceId ?? null,
        filter?.moengageId ?? null,
        filter?.customerId ?? null,
        filter?.action ?? null,
      ),
    reassign: (workspaceId, fromMoengageId, to, eventIds) =>
      reassign.run(
        workspaceId,
        fromMoengageId,
        to.moengageId,
        to.customerId,
        eventIds === undefined ? null : JSON.stringify(eventIds),
      ),
  };
}

function recordLog<T extends { workspaceId: string }>(db: DatabaseSync, table: string): RecordLog<T> {
  const insert = new Query<never>(db, `INSERT INTO ${table} (workspace_id, data) VALUES (?, ?)`);
  const list = new Query<T>(db, `SELECT data FROM ${table} WHERE ${WORKSPACE_FILTER} ORDER BY seq`);
  return {
    add: (record) => {
      insert.run(record.workspaceId, JSON.stringify(record));
    },
    list: (workspaceId) => list.all(workspaceId ?? null),
  };
}

function fileImportRunLog(db: DatabaseSync): FileImportRunLog {
  const insert = new Query<never>(
    db,
    'INSERT INTO file_import_runs (workspace_id, schedule_id, data) VALUES (?, ?, ?)',
  );
  const list = new Query<FileImportRun>(
    db,
    `SELECT data FROM file_import_runs WHERE ${WORKSPACE_FILTER} ORDER BY seq`,
  );
  const latest = new Query<FileImportRun>(
    db,
    'SELECT data FROM file_import_runs WHERE workspace_id = ? AND schedule_id = ? ORDER BY seq DESC LIMIT 1',
  );
  return {
    add: (run) => {
      insert.run(run.workspaceId, run.scheduleId, JSON.stringify(run));
    },
    list: (workspaceId) => list.all(workspaceId ?? null),
    latest: (workspaceId, scheduleId) => latest.first(workspaceId, scheduleId),
  };
}

function requestLog(db: DatabaseSync, transaction: <T>(fn: () => T) => T, initialLimit: number): RequestLog {
  let limit = initialLimit;
  const insert = new Query<never>(
    db,
    'INSERT INTO request_log (workspace_id, operation_id, status, data) VALUES (?, ?, ?, ?)',
  );
  // `seq` counts every row ever added (AUTOINCREMENT, restarted by reset()): the newest `limit` stay.
  const trimTo = new Query<never>(
    db,
    'DELETE FROM request_log WHERE seq <= (SELECT max(seq) FROM request_log) - ?',
  );
  const evicted = new Query<never>(
    db,
    `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'request_log'), 0)
       - (SELECT count(*) FROM request_log) AS n`,
  );
  const trim = () => {
    if (limit !== Number.POSITIVE_INFINITY) trimTo.run(limit);
  };
  const list = new Query<RequestLogEntry>(
    db,
    `SELECT data FROM request_log WHERE ${WORKSPACE_FILTER}
       AND (?2 IS NULL OR operation_id = ?2) AND (?3 IS NULL OR status = ?3)
     ORDER BY seq`,
  );
  return {
    add: (entry) => {
      transaction(() => {
        insert.run(entry.workspaceId, entry.operationId, entry.status, JSON.stringify(entry));
        trim();
      });
    },
    list: (workspaceId, filter) =>
      list.all(workspaceId ?? null, filter?.operationId ?? null, filter?.status ?? null),
    limit: () => limit,
    setLimit: (newLimit) => {
      limit = checkRequestLogLimit(newLimit);
      trim();
    },
    evicted: () => evicted.count(),
  };
}

const TABLE_OF: Record<CollectionName, string> = {
  users: 'users',
  devices: 'devices',
  events: 'events',
  merges: LOG_TABLES.merges,
  deletes: LOG_TABLES.deletes,
  drops: LOG_TABLES.drops,
  fileImportRuns: 'file_import_runs',
  requestLog: 'request_log',
};

const COLUMN_OF: Record<keyof PageFilter, string> = {
  moengageId: 'moengage_id',
  customerId: 'customer_id',
  action: 'action',
  operationId: 'operation_id',
  status: 'status',
};

/** `Store.page` on SQLite: the cursor is the last row's `seq`, so a page is one indexed range read. */
function pager(db: DatabaseSync) {
  const statements = new Map<CollectionName, StatementSync>();
  const statementFor = (collection: CollectionName) => {
    let statement = statements.get(collection);
    if (!statement) {
      const filters = PAGE_FILTERS[collection]
        .map((key, index) => `AND (?${index + 4} IS NULL OR ${COLUMN_OF[key]} = ?${index + 4})`)
        .join(' ');
      statement = db.prepare(
        `SELECT seq, data FROM ${TABLE_OF[collection]} WHERE ${WORKSPACE_FILTER} AND seq > ?2 ${filters} ORDER BY seq LIMIT ?3`,
      );
      statements.set(collection, statement);
    }
    return statement;
  };
  return <K extends CollectionName>(collection: K, request: PageRequest): Page<StoreSnapshot[K][number]> => {
    const after = cursorPosition(request.cursor);
    const filters = PAGE_FILTERS[collection].map((key) => request.filter?.[key] ?? null);
    let rows: Row[];
    try {
      // One row more than asked tells whether a next page exists.
      rows = statementFor(collection).all(
        request.workspaceId ?? null,
        after,
        request.limit + 1,
        ...filters,
      ) as Row[];
    } catch (error) {
      throw storageFailure(error);
    }
    const items = rows.slice(0, request.limit).map((row) => JSON.parse(String(row.data)));
    const last = rows.length > request.limit ? rows[request.limit - 1] : undefined;
    return { items, next: last === undefined ? null : String(last.seq) };
  };
}

/**
 * `PRAGMA quick_check` before anything else: a damaged file is refused at start-up with a message,
 * rather than answering 503 on whichever request first touches the bad page.
 */
function checkIntegrity(db: DatabaseSync, path: string): void {
  let problems: string[];
  try {
    problems = (db.prepare('PRAGMA quick_check').all() as Row[]).map((row) => String(row.quick_check));
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length === 1 && problems[0] === 'ok') return;
  db.close();
  throw new StoreUnavailableError(
    `The data file ${path} is damaged (${problems.slice(0, 3).join('; ')}). ` +
      'Restore it from a copy, or delete it to start empty.',
  );
}

/**
 * Opens (or creates) a SQLite-backed store. State survives closing and reopening the same file.
 *
 * @example
 * const store = createSqliteStore({ path: '.moengage-mock.db' });
 * const engine = createEngine({ store, workspaces: { DEMO: { apiKey: 'secret' } } });
 * // ... later
 * store.close();
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const requestLogLimit = checkRequestLogLimit(options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT);
  const { DatabaseSync } = loadNodeSqlite();
  let db: DatabaseSync;
  let open = true;
  try {
    db = new DatabaseSync(options.path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not open the data file ${options.path}: ${reason}. Check that its folder exists and is writable.`,
    );
  }
  checkIntegrity(db, options.path);
  applySchema(db, options.path);
  const transaction = transactionRunner(db);

  const store: Store = {
    users: userCollection(db),
    devices: deviceCollection(db),
    events: eventCollection(db),
    merges: recordLog(db, LOG_TABLES.merges),
    deletes: recordLog(db, LOG_TABLES.deletes),
    fileImportRuns: fileImportRunLog(db),
    drops: recordLog(db, LOG_TABLES.drops),
    requestLog: requestLog(db, transaction, requestLogLimit),
    transaction,
    reset: () => {
      store.transaction(() => {
        for (const table of ALL_TABLES) db.exec(`DELETE FROM ${table}`);
        // Restarts the request log's evicted count (see requestLog()).
        db.exec("DELETE FROM sqlite_sequence WHERE name = 'request_log'");
      });
    },
    seed: (fixtures) => seedInto(store, fixtures),
    snapshot: (): StoreSnapshot =>
      store.transaction(() => ({
        users: store.users.list(),
        devices: store.devices.list(),
        events: store.events.list(),
        merges: store.merges.list(),
        deletes: store.deletes.list(),
        fileImportRuns: store.fileImportRuns.list(),
        drops: store.drops.list(),
        requestLog: store.requestLog.list(),
      })),
    page: pager(db),
    close: () => {
      // Our own flag: `DatabaseSync#isOpen` is newer (22.15) than node:sqlite itself (22.13).
      if (open) db.close();
      open = false;
    },
  };
  // A file written with a higher limit is trimmed to this one now.
  store.requestLog.setLimit(store.requestLog.limit());
  if (options.fixtures) store.seed(options.fixtures);
  return store;
}
