/**
 * The request log's part of the store contract (a capped ring with an evicted count), run by
 * `describeStoreContract()` for every store implementation.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LOG_LIMIT } from './request-log-limit.ts';
import { logEntry, storePerTest } from './test-support/fixtures.ts';
import type { RequestLogEntry, Store } from './types.ts';

const entry = (n: number, workspaceId: string | null = 'WS1'): RequestLogEntry =>
  logEntry({ requestId: `req${n}`, workspaceId, at: 1_700_000_000_000 + n });

const ids = (store: Store, workspaceId?: string) =>
  store.requestLog.list(workspaceId).map((logged) => logged.requestId);

/** Registers the request-log tests for one implementation; `makeStore` must return an empty store. */
export function describeRequestLogContract(name: string, makeStore: () => Store): void {
  describe(`${name} (request log contract)`, () => {
    const open = storePerTest(makeStore);

    it(`keeps ${DEFAULT_REQUEST_LOG_LIMIT.toLocaleString('en')} entries unless told otherwise`, () => {
      expect(open().requestLog.limit()).toBe(DEFAULT_REQUEST_LOG_LIMIT);
    });

    it('keeps only the newest entries past its limit, oldest first, and counts the evicted ones', () => {
      const s = open();
      s.requestLog.setLimit(3);
      for (let n = 1; n <= 5; n += 1) s.requestLog.add(entry(n, n % 2 === 0 ? 'WS2' : 'WS1'));
      expect(ids(s)).toEqual(['req3', 'req4', 'req5']);
      expect(ids(s, 'WS1')).toEqual(['req3', 'req5']);
      expect(s.requestLog.evicted()).toBe(2);
      expect(s.snapshot().requestLog.map((logged) => logged.requestId)).toEqual(['req3', 'req4', 'req5']);
    });

    it('evicts at once when the limit is lowered, and keeps everything with Infinity', () => {
      const s = open();
      for (let n = 1; n <= 4; n += 1) s.requestLog.add(entry(n));
      s.requestLog.setLimit(1);
      expect(ids(s)).toEqual(['req4']);
      expect(s.requestLog.evicted()).toBe(3);
      s.requestLog.setLimit(Number.POSITIVE_INFINITY);
      for (let n = 5; n <= 8; n += 1) s.requestLog.add(entry(n));
      expect(ids(s)).toHaveLength(5);
      expect(s.requestLog.limit()).toBe(Number.POSITIVE_INFINITY);
    });

    it('counts everything and keeps nothing with a limit of 0', () => {
      const s = open();
      s.requestLog.setLimit(0);
      s.requestLog.add(entry(1));
      s.requestLog.add(entry(2));
      expect(ids(s)).toEqual([]);
      expect(s.requestLog.evicted()).toBe(2);
    });

    it('refuses a limit that is negative, fractional or not a number, saying what to pass', () => {
      const s = open();
      for (const bad of [-1, 2.5, Number.NaN]) {
        expect(() => s.requestLog.setLimit(bad)).toThrow(/whole number of entries, 0 or more.*Infinity/);
      }
      expect(s.requestLog.limit()).toBe(DEFAULT_REQUEST_LOG_LIMIT);
    });

    it('rolls back an add of a transaction that throws, eviction included', () => {
      const s = open();
      s.requestLog.setLimit(2);
      s.requestLog.add(entry(1));
      s.requestLog.add(entry(2));
      expect(() =>
        s.transaction(() => {
          s.requestLog.add(entry(3));
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(ids(s)).toEqual(['req1', 'req2']);
      expect(s.requestLog.evicted()).toBe(0);
    });

    it('restarts the evicted count on reset but keeps the limit', () => {
      const s = open();
      s.requestLog.setLimit(1);
      s.requestLog.add(entry(1));
      s.requestLog.add(entry(2));
      s.reset();
      expect(s.requestLog.evicted()).toBe(0);
      expect(ids(s)).toEqual([]);
      s.requestLog.add(entry(3));
      s.requestLog.add(entry(4));
      expect(ids(s)).toEqual(['req4']);
      expect(s.requestLog.evicted()).toBe(1);
    });
  });
}
