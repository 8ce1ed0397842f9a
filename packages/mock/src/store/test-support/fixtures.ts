/** Store records for the store tests: one place that knows what a complete entry looks like. */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { RequestLogEntry, Store } from '../types.ts';

/** A successful Track User log entry of workspace WS1, with `overrides` applied. */
export const logEntry = (overrides: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  requestId: 'req1',
  workspaceId: 'WS1',
  operationId: 'trackUser',
  method: 'POST',
  url: '/v1/customer/WS1',
  status: 200,
  errorId: null,
  units: 1,
  at: 1_700_000_000_000,
  ...overrides,
});

/** `open()` for a describe block: a fresh store from `makeStore`, closed after the test that opened it. */
export function storePerTest(makeStore: () => Store): () => Store {
  let store: Store | undefined;
  afterEach(() => {
    store?.close();
    store = undefined;
  });
  return () => {
    store = makeStore();
    return store;
  };
}

/**
 * Overwrites 8 KB in the middle of a closed SQLite file with garbage, as a bad disk sector would; the
 * first page (header and schema) stays readable, so only `PRAGMA quick_check` notices.
 */
export function damageMiddlePages(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}
