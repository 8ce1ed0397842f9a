/**
 * The SQLite store's transaction runner and its view of failures: which SQLite errors mean "the
 * storage is unusable right now" (answered 503) rather than a bug (500), and how a transaction
 * recovers from either without leaving the connection inside a half-finished transaction.
 */
import { StoreUnavailableError } from './store-unavailable.ts';

/** What the runner needs of a connection (a `DatabaseSync`; tests wrap one to inject failures). */
export interface SqlSession {
  exec(sql: string): void;
  /**
   * `false` once SQLite rolled a failed transaction back by itself (disk full, I/O error). Absent
   * before Node 22.16: the runner then tries its ROLLBACK anyway.
   */
  readonly isTransaction?: boolean;
}

/**
 * SQLite's primary result codes that describe the file or the machine, not the statement: BUSY,
 * LOCKED, NOMEM, READONLY, IOERR, CORRUPT, CANTOPEN, FULL, NOTADB.
 */
const STORAGE_CODES = new Set([5, 6, 7, 8, 10, 11, 14, 13, 26]);

/**
 * `error` as a {@link StoreUnavailableError} when SQLite reported a storage failure, else unchanged.
 * Extended codes (`SQLITE_IOERR_WRITE` = 778) carry the primary code in their low byte.
 */
export function storageFailure(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !(error instanceof Error)) return error;
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number' || !STORAGE_CODES.has(code & 0xff)) return error;
  return new StoreUnavailableError(`The data file failed: ${error.message} (SQLite code ${code}).`, {
    cause: error,
  });
}

/**
 * Runs `fn` inside a transaction; nested calls become savepoints so an inner failure rolls back
 * only its own writes (and rethrows, which normally unwinds the outer one too).
 *
 * Whatever fails (the work, its COMMIT, or SQLite rolling everything back by itself on a full disk),
 * the depth is restored exactly once and the connection is left outside any transaction it cannot
 * finish, so the next request starts clean once the storage works again.
 */
export function transactionRunner(db: SqlSession) {
  let depth = 0;
  const undo = (savepoint: string, outermost: boolean) => {
    // SQLite may already have rolled the whole transaction back; a second ROLLBACK would throw and
    // hide the original error.
    if (db.isTransaction === false) return;
    try {
      db.exec(outermost ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    } catch {
      // The original error is the one worth reporting; a failed rollback leaves nothing committed.
    }
  };
  return <T>(fn: () => T): T => {
    const outermost = depth === 0;
    const savepoint = `nested_${depth}`;
    try {
      db.exec(outermost ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    } catch (error) {
      throw storageFailure(error);
    }
    depth += 1;
    try {
      const result = fn();
      db.exec(outermost ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      undo(savepoint, outermost);
      throw storageFailure(error);
    } finally {
      depth -= 1;
    }
  };
}
