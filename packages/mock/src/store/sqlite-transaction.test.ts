import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { type SqlSession, storageFailure, transactionRunner } from './sqlite-transaction.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

function database(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE t (x TEXT)');
  return db;
}

const rows = (db: DatabaseSync) =>
  Number((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);

/** A connection whose next statement matching `failing` throws once, as a full disk makes COMMIT do. */
function failingOnce(db: DatabaseSync, failing: string): SqlSession {
  let armed = true;
  return {
    exec(sql) {
      if (armed && sql === failing) {
        armed = false;
        throw Object.assign(new Error('database or disk is full'), { errcode: 13 });
      }
      db.exec(sql);
    },
    get isTransaction() {
      return db.isTransaction;
    },
  };
}

describe('the SQLite transaction runner', () => {
  it('recovers after one failed COMMIT: the next transaction starts at the top level and commits', () => {
    const db = database();
    const transaction = transactionRunner(failingOnce(db, 'COMMIT'));
    const insert = db.prepare('INSERT INTO t VALUES (?)');

    expect(() => transaction(() => insert.run('lost'))).toThrow(StoreUnavailableError);
    expect(db.isTransaction).toBe(false);
    expect(rows(db)).toBe(0);

    // Before the fix the depth went to -1 here and every later call ran `SAVEPOINT nested_-1`.
    transaction(() => insert.run('kept'));
    transaction(() => transaction(() => insert.run('nested')));
    expect(rows(db)).toBe(2);
    expect(db.isTransaction).toBe(false);
  });

  it('answers a really full database as unavailable, keeps the original message, and works again once there is room', () => {
    const db = database();
    const transaction = transactionRunner(db);
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.exec('PRAGMA max_page_count = 3');

    let failure: unknown;
    try {
      transaction(() => {
        for (let i = 0; i < 100; i += 1) insert.run('x'.repeat(1000));
      });
    } catch (error) {
      failure = error;
    }
    // SQLite rolled the transaction back itself; the runner's own ROLLBACK must not replace the cause.
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toContain('database or disk is full');
    expect(db.isTransaction).toBe(false);

    db.exec('PRAGMA max_page_count = 100000');
    transaction(() => insert.run('after'));
    expect(rows(db)).toBe(1);
  });

  it('rolls a nested failure back when SQLite already ended the whole transaction', () => {
    const db = database();
    const transaction = transactionRunner(db);
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.exec('PRAGMA max_page_count = 3');
    expect(() =>
      transaction(() => {
        insert.run('outer');
        transaction(() => {
          for (let i = 0; i < 100; i += 1) insert.run('x'.repeat(1000));
        });
      }),
    ).toThrow(/database or disk is full/);
    db.exec('PRAGMA max_page_count = 100000');
    transaction(() => insert.run('after'));
    expect(rows(db)).toBe(1);
  });

  it('leaves errors that are not about storage (a constraint, a bug) as they are', () => {
    const constraint = Object.assign(new Error('UNIQUE constraint failed: t.x'), { errcode: 2067 });
    expect(storageFailure(constraint)).toBe(constraint);
    const bug = new TypeError('x is undefined');
    expect(storageFailure(bug)).toBe(bug);
    const ioError = Object.assign(new Error('disk I/O error'), { errcode: 778 });
    expect(storageFailure(ioError)).toBeInstanceOf(StoreUnavailableError);
  });
});
