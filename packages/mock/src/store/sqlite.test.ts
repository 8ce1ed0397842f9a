import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqlite.ts';
import { describeStoreContract } from './store-contract.ts';
import { damageMiddlePages, logEntry } from './test-support/fixtures.ts';
import type { StoredUser } from './types.ts';

describeStoreContract('sqlite store (in memory)', () => createSqliteStore({ path: ':memory:' }));

const john: StoredUser = {
  workspaceId: 'WS1',
  moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
  customerId: 'john',
  attributes: { u_n: 'John', score: 10, 'first.last': 'dotted key', created: '2024-01-01' },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
};

describe('sqlite store on disk', () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'moengage-mock-sqlite-'));
    file = join(folder, 'state.db');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps users, events and logs after the store is closed and the file reopened', () => {
    const first = createSqliteStore({ path: file });
    first.users.put(john);
    first.events.add({
      workspaceId: 'WS1',
      eventId: 'req1-0',
      moengageId: john.moengageId,
      customerId: 'john',
      deviceId: null,
      action: 'Purchased',
      attributes: { price: 10.5 },
      platform: null,
      appVersion: null,
      userTime: '1700000000',
      currentTime: 1_700_000_000,
      userTimezoneOffset: null,
      receivedAt: 1_700_000_000_000,
      requestId: 'req1',
    });
    first.fileImportRuns.add({ workspaceId: 'WS1', scheduleId: 's1', at: 5, requestId: 'req2' });
    const before = first.snapshot();
    first.close();

    const reopened = createSqliteStore({ path: file });
    expect(reopened.snapshot()).toEqual(before);
    expect(reopened.users.get('WS1', 'john')).toEqual(john);
    // A string that looks like a number stays a string, and a number stays a number.
    expect(reopened.events.list('WS1')[0]?.userTime).toBe('1700000000');
    expect(reopened.events.list('WS1')[0]?.currentTime).toBe(1_700_000_000);
    reopened.close();
  });

  it('keeps nothing of a transaction that threw, even after reopening', () => {
    const store = createSqliteStore({ path: file });
    expect(() =>
      store.transaction(() => {
        store.users.put(john);
        throw new Error('engine failed half-way');
      }),
    ).toThrow('engine failed half-way');
    store.close();

    const reopened = createSqliteStore({ path: file });
    expect(reopened.users.list()).toEqual([]);
    reopened.close();
  });

  it('finds a user by an attribute whose key contains a dot', () => {
    const store = createSqliteStore({ path: file });
    store.users.put(john);
    expect(store.users.findByAttribute('WS1', 'first.last', 'dotted key')?.customerId).toBe('john');
    expect(store.users.findByAttribute('WS1', 'score', '10')).toBeUndefined();
    expect(store.users.findByAttribute('WS1', 'score', 10)?.customerId).toBe('john');
    store.close();
  });

  it('rolls back only the inner savepoint when a nested transaction fails and the outer one catches it', () => {
    const store = createSqliteStore({ path: file });
    store.transaction(() => {
      store.users.put(john);
      try {
        store.transaction(() => {
          store.users.put({ ...john, moengageId: '65f0a1b2c3d4e5f6a7b8c9d1', customerId: 'jane' });
          throw new Error('inner');
        });
      } catch {
        // The outer unit of work decides to continue without the inner writes.
      }
    });
    expect(store.users.list().map((user) => user.customerId)).toEqual(['john']);
    store.close();
  });

  it('refuses a data file written with another layout, naming the file and what to do', () => {
    const store = createSqliteStore({ path: file });
    store.close();
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA user_version = 99');
    raw.close();

    expect(() => createSqliteStore({ path: file })).toThrow(/different version.*delete this one/s);
  });

  it('refuses a data file with a damaged page at start-up, naming the file and what to do', () => {
    const store = createSqliteStore({ path: file });
    for (let n = 0; n < 300; n += 1) {
      store.users.put({
        ...john,
        moengageId: `m${n}`,
        customerId: `c${n}`,
        attributes: { n, pad: 'x'.repeat(200) },
      });
    }
    store.close();
    damageMiddlePages(file);

    expect(() => createSqliteStore({ path: file })).toThrow(
      /state\.db is damaged \(.+\)\. Restore it from a copy/,
    );
  });

  it('caps the request log on disk, keeps its evicted count across restarts and trims to a lower limit on open', () => {
    const first = createSqliteStore({ path: file, requestLogLimit: 3 });
    for (let n = 1; n <= 5; n += 1) first.requestLog.add(logEntry({ requestId: `req${n}`, at: n }));
    first.close();

    const reopened = createSqliteStore({ path: file, requestLogLimit: 2 });
    expect(reopened.requestLog.list().map((entry) => entry.requestId)).toEqual(['req4', 'req5']);
    expect(reopened.requestLog.evicted()).toBe(3);
    const rows = new DatabaseSync(file).prepare('SELECT count(*) AS n FROM request_log').get() as {
      n: number;
    };
    expect(rows.n).toBe(2);
    reopened.close();
  });

  it('refuses a request-log limit that is not a whole number before opening the file', () => {
    expect(() => createSqliteStore({ path: file, requestLogLimit: -1 })).toThrow(RangeError);
    expect(existsSync(file)).toBe(false);
  });

  it('explains a data file that cannot be created', () => {
    expect(() => createSqliteStore({ path: join(folder, 'missing-folder', 'state.db') })).toThrow(
      /Could not open the data file .*folder exists/,
    );
  });
});
