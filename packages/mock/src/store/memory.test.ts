import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory store', () => createMemoryStore());

describe('memory store', () => {
  it('starts with the fixtures it was created with', () => {
    const store = createMemoryStore({
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
    });
    expect(store.users.get('WS1', 'john')?.moengageId).toBe('65f0a1b2c3d4e5f6a7b8c9d0');
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
