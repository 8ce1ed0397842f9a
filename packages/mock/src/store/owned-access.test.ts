import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory.ts';
import { ownedAccess } from './owned-access.ts';
import { logEntry } from './test-support/fixtures.ts';
import type { Store, StoredUser } from './types.ts';

const user = (): StoredUser => ({
  workspaceId: 'WS1',
  moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
  customerId: 'john',
  attributes: { u_n: 'John', tags: ['a'] },
  createdAt: 1,
  updatedAt: 1,
});

describe('ownedAccess', () => {
  it('hands the in-memory store records over without copies, while its public methods still copy', () => {
    const store = createMemoryStore();
    const owned = ownedAccess(store);
    const handedOver = user();
    owned.putUser(handedOver);
    expect(owned.peekUser('WS1', 'john')).toBe(handedOver);
    const read = store.users.get('WS1', 'john');
    expect(read).toEqual(handedOver);
    expect(read).not.toBe(handedOver);
    expect(read?.attributes.tags).not.toBe(handedOver.attributes.tags);
  });

  it('rolls copy-free writes back with the transaction they were made in', () => {
    const store = createMemoryStore();
    const owned = ownedAccess(store);
    expect(() =>
      store.transaction(() => {
        owned.putUser(user());
        owned.addLogEntry(logEntry({ requestId: 'r1', at: 1 }));
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.users.count()).toBe(0);
    expect(store.requestLog.list()).toEqual([]);
  });

  it('goes through a public method that was replaced, as a test simulating a failing store expects', () => {
    const store = createMemoryStore();
    const owned = ownedAccess(store);
    store.events.add = () => {
      throw new Error('disk full');
    };
    expect(() =>
      owned.addEvent({
        workspaceId: 'WS1',
        eventId: 'r1-0',
        moengageId: 'm',
        customerId: 'john',
        deviceId: null,
        action: 'Viewed',
        attributes: {},
        platform: null,
        appVersion: null,
        userTime: null,
        currentTime: null,
        userTimezoneOffset: null,
        receivedAt: 1,
        requestId: 'r1',
      }),
    ).toThrow('disk full');
  });

  it('uses the public methods of a store that offers no copy-free access', () => {
    const memory = createMemoryStore();
    const calls: string[] = [];
    const wrapped: Store = {
      ...memory,
      users: {
        ...memory.users,
        put: (record) => {
          calls.push(record.moengageId);
          memory.users.put(record);
        },
      },
    };
    const handedOver = user();
    ownedAccess(wrapped).putUser(handedOver);
    expect(calls).toEqual([handedOver.moengageId]);
    expect(ownedAccess(wrapped).peekUser('WS1', 'john')).not.toBe(handedOver);
  });
});
