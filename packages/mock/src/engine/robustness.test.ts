import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store/sqlite.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import { seededRandom } from './ids.ts';
import { harness, validBodies } from './test-support/harness.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A random JSON value from a seeded generator. */
function randomJson(random: () => number, depth = 0): Json {
  const pick = Math.floor(random() * (depth > 2 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.floor(random() * 2e6) - 1e6;
    case 3:
      return ['', 'moe_x', 'customer', 'event', 'ANDROID', '2030-01-01T00:00:00Z', 'ünï'][
        Math.floor(random() * 7)
      ] as string;
    case 4:
      return String(random());
    case 5:
      return Array.from({ length: Math.floor(random() * 3) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [
          [
            'type',
            'customer_id',
            'attributes',
            'actions',
            'action',
            'elements',
            'data',
            'identifiers',
            'merge_data',
            'platform',
            'x',
          ][Math.floor(random() * 11)] as string,
          randomJson(random, depth + 1),
        ]),
      );
  }
}

/** Replaces one value somewhere inside a valid body. */
function mutate(body: Json, random: () => number): Json {
  if (body === null || typeof body !== 'object') return randomJson(random);
  const copy = structuredClone(body) as Record<string, Json> | Json[];
  const keys = Object.keys(copy);
  const key = keys[Math.floor(random() * keys.length)];
  if (key === undefined) return randomJson(random);
  const target = copy as Record<string, Json>;
  target[key] = random() < 0.5 ? randomJson(random) : mutate(target[key] as Json, random);
  return copy;
}

describe('robustness', () => {
  it('never throws and never answers 5xx, whatever the body (2,000 mutated requests)', async () => {
    const random = seededRandom(2024);
    const h = harness();
    const operations = Object.keys(validBodies) as (keyof typeof validBodies)[];
    for (let i = 0; i < 2000; i += 1) {
      const operationId = operations[i % operations.length] as keyof typeof validBodies;
      const body = mutate(validBodies[operationId] as Json, random);
      const response = await h.send(operationId, { body: JSON.stringify(body) });
      expect(response.status, `${operationId} ${JSON.stringify(body)}`).toBeLessThan(500);
      expect([200, 400, 429]).toContain(response.status);
    }
  }, 60_000); // about a second alone; many times that when the machine is busy with other suites

  it('never throws on hostile request lines and headers', async () => {
    const h = harness();
    const lines = [
      '',
      '%',
      '/%E0%A4%A',
      '/v1/customer/%ZZ',
      '//v1//customer//WS1',
      'http://[::1',
      '/v1/customer/WS1?app_id=%',
    ];
    for (const url of lines) {
      const response = await h.engine.handle({
        method: 'POST',
        url,
        headers: { authorization: 'Basic ' },
        body: null,
      });
      expect(response.status).toBeLessThan(500);
    }
    const weird = await h.engine.handle({
      method: '',
      url: '/v1/customer/WS1',
      headers: { 'content-type': '' },
      body: new Uint8Array([0, 1, 2]),
    });
    expect(weird.status).toBeLessThan(500);
  });

  it('answers 500 instead of throwing when the store fails, and rolls the request back', async () => {
    const h = harness();
    const store = h.engine.store;
    const originalAdd = store.events.add;
    store.events.add = () => {
      throw new Error('disk full');
    };
    const response = await h.send('createEvent', { body: validBodies.createEvent });
    store.events.add = originalAdd;
    expect(response.status).toBe(500);
    expect(store.users.count()).toBe(0);
    expect(store.requestLog.list().at(-1)?.errorId).toBe('serverError: disk full');
  });

  it('answers 503 naming the cause while the store cannot write, and 200 again once it can, without a restart', async () => {
    const h = harness({ store: createSqliteStore({ path: ':memory:' }) });
    const store = h.engine.store;
    const originalAdd = store.events.add;
    const diskFull = new StoreUnavailableError(
      'The data file failed: database or disk is full (SQLite code 13).',
      {
        cause: new Error('database or disk is full'),
      },
    );
    store.events.add = () => {
      throw diskFull;
    };
    const failed = await h.send('createEvent', { body: validBodies.createEvent });
    expect(failed.status).toBe(503);
    expect(h.errorOf(failed).message).toMatch(/^Service Unavailable: .*database or disk is full/);
    // For the adapter's error-level log line; never in the body.
    expect(failed.internalError).toBe(diskFull);
    expect(store.users.count()).toBe(0);

    store.events.add = originalAdd;
    const retried = await h.send('createEvent', { body: validBodies.createEvent });
    expect(retried.status).toBe(200);
    expect(retried.internalError).toBeUndefined();
    expect(store.events.list()).toHaveLength(1);
  });
});

describe('attribute names that are JavaScript built-ins', () => {
  it('stores __proto__, constructor and toString as ordinary user attributes', async () => {
    const h = harness();
    const body =
      '{"type":"customer","customer_id":"john","attributes":{"__proto__":{"polluted":true},"constructor":"c","toString":"t"}}';
    expect((await h.send('trackUser', { body })).status).toBe(200);
    const attributes = h.engine.store.users.get('WS1', 'john')?.attributes ?? {};
    expect(Object.keys(attributes).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const exported = await h.send('getUser', {
      body: {
        data: {
          identifiers: [{ identifier_type: 'customer_id', identifier: 'john' }],
          user_fields_to_export: ['constructor', 'hasOwnProperty'],
        },
      },
    });
    const user = (exported.body as { data: { users: { user_attributes: Record<string, unknown> }[] } }).data
      .users[0];
    expect(Object.keys(user?.user_attributes ?? {}).sort()).toEqual(['constructor', 'id']);
  });

  it('drops a Bulk Import element whose type is an inherited property name', async () => {
    const h = harness();
    const response = await h.send('bulkImport', {
      body: { type: 'transition', elements: [{ type: 'constructor' }] },
    });
    expect(response.status).toBe(200);
    expect(h.engine.store.drops.list()[0]?.reason).toBe('invalidBulkElement');
  });
});
