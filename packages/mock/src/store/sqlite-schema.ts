import type { DatabaseSync } from 'node:sqlite';

/**
 * The SQLite layout of the emulator's store.
 *
 * Every table keeps the whole record as JSON in `data` (so records round-trip exactly, numbers and
 * strings included) plus the few columns the store filters or orders on. `seq` is the insertion order
 * that the in-memory store gets from its Maps and arrays.
 */
export const SCHEMA_VERSION = 1;

/** Tables that are append-only logs of one record type, keyed by their `Store` property. */
export const LOG_TABLES = {
  merges: 'merges',
  deletes: 'deletes',
  drops: 'drops',
} as const;

const DDL = `
CREATE TABLE IF NOT EXISTS users (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  moengage_id TEXT NOT NULL,
  customer_id TEXT,
  data TEXT NOT NULL,
  UNIQUE (workspace_id, moengage_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_customer_id ON users (workspace_id, customer_id)
  WHERE customer_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS devices (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  moengage_id TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (workspace_id, device_id)
);
CREATE INDEX IF NOT EXISTS devices_by_user ON devices (workspace_id, moengage_id);

CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  moengage_id TEXT NOT NULL,
  customer_id TEXT,
  action TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_user ON events (workspace_id, moengage_id);

CREATE TABLE IF NOT EXISTS file_import_runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  schedule_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS file_import_runs_by_schedule ON file_import_runs (workspace_id, schedule_id);

CREATE TABLE IF NOT EXISTS request_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT,
  operation_id TEXT,
  status INTEGER NOT NULL,
  data TEXT NOT NULL
);
${Object.values(LOG_TABLES)
  .map(
    (table) => `CREATE TABLE IF NOT EXISTS ${table} (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  data TEXT NOT NULL
);`,
  )
  .join('\n')}
`;

/** Every table, in the order `reset()` clears them. */
export const ALL_TABLES = [
  'users',
  'devices',
  'events',
  'file_import_runs',
  'request_log',
  ...Object.values(LOG_TABLES),
] as const;

/**
 * Prepares a freshly opened database: WAL journal with `synchronous = NORMAL`. A transaction is in the
 * WAL file (the operating system's cache) when it commits, so a killed server loses nothing it already
 * answered; only a power cut or an OS crash can lose the last commits, which a throwaway emulator
 * does not need to survive (decisions/052). Creates the tables on first use and refuses a file written
 * by another layout.
 */
export function applySchema(db: DatabaseSync, location: string): void {
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA wal_autocheckpoint = 10000');
  db.exec('PRAGMA busy_timeout = 5000');
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const version = row?.user_version ?? 0;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    throw new Error(
      `The data file ${location} was written by a different version of @moedata/mock (layout ${version}, ` +
        `this one uses ${SCHEMA_VERSION}). Pass another --data file, or delete this one to start empty.`,
    );
  }
  db.exec(DDL);
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
}
