/**
 * The behaviour every {@link Store} implementation must have, as a reusable vitest suite:
 * `memory.test.ts` runs it against the in-memory store and the SQLite store's test runs it too.
 *
 * @example
 * describeStoreContract('memory store', () => createMemoryStore());
 */
import { describe, expect, it } from 'vitest';
import { describeRequestLogContract } from './request-log-contract.ts';
import { logEntry, storePerTest } from './test-support/fixtures.ts';
import type { DroppedItem, Store, StoredDevice, StoredEvent, StoredUser } from './types.ts';

const user = (overrides: Partial<StoredUser> = {}): StoredUser => ({
  workspaceId: 'WS1',
  moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
  customerId: 'john',
  attributes: { u_n: 'John', plan: 'gold', tags: ['a', 'b'], nested: { x: 1 } },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...overrides,
});

const device = (overrides: Partial<StoredDevice> = {}): StoredDevice => ({
  workspaceId: 'WS1',
  deviceId: 'device-1',
  moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
  customerId: 'john',
  attributes: { platform: 'ANDROID', push_id: 'token' },
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...overrides,
});

const event = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  workspaceId: 'WS1',
  eventId: 'req1-0',
  moengageId: '65f0a1b2c3d4e5f6a7b8c9d0',
  customerId: 'john',
  deviceId: null,
  action: 'Purchased',
  attributes: { price: 10 },
  platform: 'iOS',
  appVersion: null,
  userTime: null,
  currentTime: 1_700_000_000,
  userTimezoneOffset: 19800,
  receivedAt: 1_700_000_000_000,
  requestId: 'req1',
  ...overrides,
});

const drop = (overrides: Partial<DroppedItem> = {}): DroppedItem => ({
  workspaceId: 'WS1',
  requestId: 'req1',
  operationId: 'trackUser',
  reason: 'reservedPrefix',
  message: "Attribute 'moe_x' was dropped",
  path: 'attributes.moe_x',
  item: 1,
  at: 1_700_000_000_000,
  ...overrides,
});

/** Registers the store contract tests for one implementation; `makeStore` must return an empty store. */
export function describeStoreContract(name: string, makeStore: () => Store): void {
  describeRequestLogContract(name, makeStore);
  describe(`${name} (store contract)`, () => {
    const open = storePerTest(makeStore);

    it('finds a stored user by customer_id, by MoEngage ID and by an attribute value', () => {
      const s = open();
      s.users.put(user());
      expect(s.users.get('WS1', 'john')).toEqual(user());
      expect(s.users.getByMoengageId('WS1', '65f0a1b2c3d4e5f6a7b8c9d0')).toEqual(user());
      expect(s.users.findByAttribute('WS1', 'plan', 'gold')?.customerId).toBe('john');
      expect(s.users.findByAttribute('WS1', 'plan', 'silver')).toBeUndefined();
    });

    it('keeps workspaces apart: a user of one workspace is invisible from another', () => {
      const s = open();
      s.users.put(user());
      expect(s.users.get('WS2', 'john')).toBeUndefined();
      expect(s.users.getByMoengageId('WS2', '65f0a1b2c3d4e5f6a7b8c9d0')).toBeUndefined();
      expect(s.users.findByAttribute('WS2', 'plan', 'gold')).toBeUndefined();
      expect(s.users.list('WS2')).toEqual([]);
      expect(s.users.count('WS1')).toBe(1);
      expect(s.users.count()).toBe(1);
    });

    it('lets the same customer_id exist once in each workspace', () => {
      const s = open();
      s.users.put(user());
      s.users.put(user({ workspaceId: 'WS2', moengageId: '65f0a1b2c3d4e5f6a7b8c9d1' }));
      expect(s.users.list().map((u) => u.workspaceId)).toEqual(['WS1', 'WS2']);
    });

    it('replaces a user written again under the same MoEngage ID and keeps creation order', () => {
      const s = open();
      s.users.put(user());
      s.users.put(user({ moengageId: '65f0a1b2c3d4e5f6a7b8c9d1', customerId: 'jane' }));
      s.users.put(user({ attributes: { u_n: 'Johnny' }, updatedAt: 1_700_000_000_500 }));
      expect(s.users.list('WS1').map((u) => u.customerId)).toEqual(['john', 'jane']);
      expect(s.users.get('WS1', 'john')?.attributes).toEqual({ u_n: 'Johnny' });
    });

    it('refuses a second user with a customer_id another user of the workspace holds', () => {
      const s = open();
      s.users.put(user());
      expect(() => s.users.put(user({ moengageId: '65f0a1b2c3d4e5f6a7b8c9d1' }))).toThrow(/already belongs/);
    });

    it('stores users without a customer_id (created by Identity Resolution identifiers)', () => {
      const s = open();
      s.users.put(user({ customerId: null, attributes: { moe_mobile: '+9198' } }));
      s.users.put(user({ moengageId: '65f0a1b2c3d4e5f6a7b8c9d1', customerId: null }));
      expect(s.users.findByAttribute('WS1', 'moe_mobile', '+9198')?.moengageId).toBe(
        '65f0a1b2c3d4e5f6a7b8c9d0',
      );
      expect(s.users.count('WS1')).toBe(2);
    });

    it('deletes a user and frees its customer_id', () => {
      const s = open();
      s.users.put(user());
      expect(s.users.delete('WS1', '65f0a1b2c3d4e5f6a7b8c9d0')).toBe(true);
      expect(s.users.delete('WS1', '65f0a1b2c3d4e5f6a7b8c9d0')).toBe(false);
      expect(s.users.get('WS1', 'john')).toBeUndefined();
      s.users.put(user({ moengageId: '65f0a1b2c3d4e5f6a7b8c9d1' }));
      expect(s.users.get('WS1', 'john')?.moengageId).toBe('65f0a1b2c3d4e5f6a7b8c9d1');
    });

    it('returns copies: mutating what was read does not change the store', () => {
      const s = open();
      s.users.put(user());
      const read = s.users.get('WS1', 'john');
      if (read) read.attributes.u_n = 'Mallory';
      expect(s.users.get('WS1', 'john')?.attributes.u_n).toBe('John');
    });

    it('upserts devices by device_id and lists them per user', () => {
      const s = open();
      s.devices.put(device());
      s.devices.put(device({ deviceId: 'device-2', moengageId: 'other' }));
      s.devices.put(device({ attributes: { platform: 'iOS', push_id: 'new' } }));
      expect(s.devices.get('WS1', 'device-1')?.attributes).toEqual({ platform: 'iOS', push_id: 'new' });
      expect(s.devices.list('WS1', '65f0a1b2c3d4e5f6a7b8c9d0').map((d) => d.deviceId)).toEqual(['device-1']);
      expect(s.devices.list('WS1')).toHaveLength(2);
      expect(s.devices.get('WS2', 'device-1')).toBeUndefined();
      expect(s.devices.delete('WS1', 'device-2')).toBe(true);
      expect(s.devices.list()).toHaveLength(1);
    });

    it('lists events in the order they were added, filtered by user and action', () => {
      const s = open();
      s.events.add(event());
      s.events.add(event({ eventId: 'req1-1', action: 'Viewed' }));
      s.events.add(event({ eventId: 'req2-0', moengageId: 'other', customerId: 'jane' }));
      expect(s.events.list('WS1').map((e) => e.eventId)).toEqual(['req1-0', 'req1-1', 'req2-0']);
      expect(s.events.list('WS1', { customerId: 'john' })).toHaveLength(2);
      expect(s.events.list('WS1', { action: 'Viewed' })[0]).toEqual(
        event({ eventId: 'req1-1', action: 'Viewed' }),
      );
      expect(s.events.list('WS2')).toEqual([]);
    });

    it('moves every event of one user to another when reassigning', () => {
      const s = open();
      s.events.add(event());
      s.events.add(event({ eventId: 'req1-1' }));
      s.events.add(event({ eventId: 'req2-0', workspaceId: 'WS2' }));
      const moved = s.events.reassign('WS1', '65f0a1b2c3d4e5f6a7b8c9d0', {
        moengageId: 'kept',
        customerId: 'k',
      });
      expect(moved).toBe(2);
      expect(s.events.list('WS1', { moengageId: 'kept' }).map((e) => e.customerId)).toEqual(['k', 'k']);
      expect(s.events.list('WS2')[0]?.moengageId).toBe('65f0a1b2c3d4e5f6a7b8c9d0');
    });

    it('moves only the listed events when reassigning with event ids', () => {
      const s = open();
      s.events.add(event());
      s.events.add(event({ eventId: 'req1-1' }));
      const moved = s.events.reassign(
        'WS1',
        '65f0a1b2c3d4e5f6a7b8c9d0',
        { moengageId: 'kept', customerId: 'k' },
        ['req1-1'],
      );
      expect(moved).toBe(1);
      expect(s.events.list('WS1', { moengageId: 'kept' }).map((e) => e.eventId)).toEqual(['req1-1']);
    });

    it('appends merges, deletes, drops and file-import runs and lists them per workspace', () => {
      const s = open();
      s.merges.add({
        workspaceId: 'WS1',
        mergedCustomerId: 'a',
        retainedCustomerId: 'b',
        mergedMoengageId: 'ma',
        retainedMoengageId: 'mb',
        eventsMoved: 3,
        at: 1,
        requestId: 'r',
      });
      s.deletes.add({
        workspaceId: 'WS1',
        identityType: 'customer_id',
        identityValue: 'a',
        moengageId: 'ma',
        customerId: 'a',
        at: 2,
        requestId: 'r',
      });
      s.drops.add(drop());
      s.drops.add(drop({ workspaceId: 'WS2', reason: 'futureEvent', item: { nested: [1, null] } }));
      expect(s.merges.list('WS1')[0]?.eventsMoved).toBe(3);
      expect(s.deletes.list('WS1')[0]?.identityValue).toBe('a');
      expect(s.drops.list('WS1')).toEqual([drop()]);
      expect(s.drops.list('WS2')[0]?.item).toEqual({ nested: [1, null] });
      expect(s.drops.list()).toHaveLength(2);
      expect(s.merges.list('WS2')).toEqual([]);
    });

    it('returns the latest file-import run of a schedule', () => {
      const s = open();
      s.fileImportRuns.add({ workspaceId: 'WS1', scheduleId: 'S1', at: 1000, requestId: 'a' });
      s.fileImportRuns.add({ workspaceId: 'WS1', scheduleId: 'S1', at: 2000, requestId: 'b' });
      s.fileImportRuns.add({ workspaceId: 'WS1', scheduleId: 'S2', at: 3000, requestId: 'c' });
      expect(s.fileImportRuns.latest('WS1', 'S1')?.requestId).toBe('b');
      expect(s.fileImportRuns.latest('WS2', 'S1')).toBeUndefined();
      expect(s.fileImportRuns.list('WS1')).toHaveLength(3);
    });

    it('logs requests, including ones that failed before a workspace was known', () => {
      const s = open();
      s.requestLog.add(logEntry());
      s.requestLog.add(
        logEntry({ requestId: 'req2', workspaceId: null, status: 401, errorId: 'authHeaderMissing' }),
      );
      expect(s.requestLog.list()).toHaveLength(2);
      expect(s.requestLog.list('WS1')).toEqual([logEntry()]);
      expect(s.requestLog.list(undefined, { status: 401 })[0]?.errorId).toBe('authHeaderMissing');
      expect(s.requestLog.list(undefined, { operationId: 'getUser' })).toEqual([]);
    });

    it('rolls back every write of a transaction that throws', () => {
      const s = open();
      s.users.put(user());
      expect(() =>
        s.transaction(() => {
          s.users.put(user({ attributes: { u_n: 'Changed' } }));
          s.users.put(user({ moengageId: '65f0a1b2c3d4e5f6a7b8c9d1', customerId: 'jane' }));
          s.events.add(event());
          s.drops.add(drop());
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(s.users.list()).toEqual([user()]);
      expect(s.events.list()).toEqual([]);
      expect(s.drops.list()).toEqual([]);
    });

    it('commits a transaction that returns and passes its value through', () => {
      const s = open();
      const result = s.transaction(() => {
        s.users.put(user());
        return 42;
      });
      expect(result).toBe(42);
      expect(s.users.count()).toBe(1);
    });

    it('empties everything on reset', () => {
      const s = open();
      s.users.put(user());
      s.devices.put(device());
      s.events.add(event());
      s.drops.add(drop());
      s.requestLog.add(logEntry());
      s.reset();
      expect(s.snapshot()).toEqual({
        users: [],
        devices: [],
        events: [],
        merges: [],
        deletes: [],
        fileImportRuns: [],
        drops: [],
        requestLog: [],
      });
      s.users.put(user());
      expect(s.users.get('WS1', 'john')).toEqual(user());
    });

    it('seeds fixtures and round-trips a snapshot into another store', () => {
      const s = open();
      s.seed({ users: [user()], devices: [device()], events: [event()], drops: [drop()] });
      const snapshot = s.snapshot();
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      const other = makeStore();
      try {
        other.seed(snapshot);
        expect(other.snapshot()).toEqual(snapshot);
      } finally {
        other.close();
      }
    });

    it('reads a collection page by page, in list order, until next is null', () => {
      const s = open();
      for (let n = 0; n < 5; n += 1) {
        s.users.put(user({ moengageId: `m${n}`, customerId: `c${n}` }));
        s.users.put(user({ workspaceId: 'WS2', moengageId: `other${n}`, customerId: `c${n}` }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = s.page('users', { workspaceId: 'WS1', limit: 2, cursor });
        seen.push(...page.items.map((item) => item.customerId ?? ''));
        cursor = page.next ?? undefined;
        pages += 1;
      } while (cursor !== undefined);
      expect(seen).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
      expect(pages).toBe(3);
      expect(s.page('users', { limit: 100 }).items).toHaveLength(10);
      expect(s.page('users', { limit: 10 }).next).toBeNull();
    });

    it('applies the filters a collection lists by, and returns copies', () => {
      const s = open();
      s.events.add(event({ eventId: 'a', action: 'Purchased' }));
      s.events.add(event({ eventId: 'b', action: 'Viewed' }));
      s.events.add(event({ eventId: 'c', action: 'Purchased', customerId: 'jane' }));
      const page = s.page('events', { filter: { action: 'Purchased', customerId: 'john' }, limit: 10 });
      expect(page.items.map((item) => item.eventId)).toEqual(['a']);
      (page.items[0] as StoredEvent).action = 'changed';
      expect(s.events.list()[0]?.action).toBe('Purchased');
    });

    it('refuses a cursor that no page returned', () => {
      expect(() => open().page('users', { limit: 1, cursor: 'abc' })).toThrow(RangeError);
    });
  });
}
