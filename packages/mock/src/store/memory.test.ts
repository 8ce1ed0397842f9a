import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory.ts';
import { describeStoreContract } from './store-contract.ts';
import { logEntry } from './test-support/fixtures.ts';

describeStoreContract('memory store', () => createMemoryStore());

describe('memory store', () => {
  it('starts with the fixtures it was created with', () => {
    const store = createMemoryStore({
      fixtures: {
        users: [
          {
            workspaceId: 'WS1',
            moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
            customerId: 'john',
            attributes: {},
            createdAt: 0,
            updatedAt: 0,
          },
        ],
      },
    });
    expect(store.users.get('WS1', 'john')?.moengageId).toBe('65f0a1b2c3d4e5f6a7b8c9d0');
  });

  it('keeps as many request-log entries as it was created with, and refuses a bad limit', () => {
    const store = createMemoryStore({ requestLogLimit: 5_000 });
    for (let n = 0; n < 20_000; n += 1) {
      store.requestLog.add(logEntry({ requestId: `r${n}`, at: n }));
    }
    expect(store.requestLog.list()).toHaveLength(5_000);
    expect(store.requestLog.list()[0]?.requestId).toBe('r15000');
    expect(store.requestLog.evicted()).toBe(15_000);
    expect(() => createMemoryStore({ requestLogLimit: -5 })).toThrow(RangeError);
  });

  it('keeps the rollback of a nested transaction with the outer one', () => {
    const store = createMemoryStore();
    expect(() =>
      store.transaction(() => {
        store.transaction(() => store.drops.list());
        store.requestLog.add({
          requestId: 'r',
          workspaceId: 'WS1',
          operationId: null,
          method: 'POST',
          url: '/',
          status: 404,
          errorId: 'routeNotFound',
          units: 0,
          at: 0,
        });
        throw new Error('after nested');
      }),
    ).toThrow('after nested');
    expect(store.requestLog.list()).toEqual([]);
  });
});
