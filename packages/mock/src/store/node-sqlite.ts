/**
 * Loads Node's built-in `node:sqlite` when a SQLite store is created, never at import: the package's
 * entries must load on every Node that msw 3 supports (22.12+), where `node:sqlite` is missing (22.12)
 * or prints an ExperimentalWarning when loaded (22.13 to 23).
 */
import type * as NodeSqlite from 'node:sqlite';

/** The first Node release with `node:sqlite` available without a flag. */
export const SQLITE_MINIMUM_NODE = '22.13.0';

export function loadNodeSqlite(): typeof NodeSqlite {
  const sqlite = process.getBuiltinModule('node:sqlite') as typeof NodeSqlite | undefined;
  if (sqlite === undefined) {
    throw new Error(
      `The SQLite store needs Node's built-in node:sqlite, which Node ${process.version} does not have: ` +
        `use Node ${SQLITE_MINIMUM_NODE} or newer (24 or newer to avoid its ExperimentalWarning), ` +
        'or leave out --data / createSqliteStore() to keep the state in memory.',
    );
  }
  return sqlite;
}
