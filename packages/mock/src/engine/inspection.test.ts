import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import { createEngine } from './engine.ts';
import { harness, KEY1, T0, validBodies, WS1, WS2 } from './test-support/harness.ts';

describe('inspection, seeding and reset', () => {
  it('seeds users from friendly fixtures (write keys become internal keys) and serves them', async () => {
    const h = harness();
    h.engine.seed({
      users: [
        { workspaceId: WS1, customerId: 'seeded', attributes: { name: 'Seed', plan: 'gold' } },
        { workspaceId: WS1, customerId: 'fixed', moengageId: 'aaaaaaaaaaaaaaaaaaaaaaaa', createdAt: 5 },
      ],
    });
    expect(h.engine.store.users.get(WS1, 'seeded')).toMatchObject({
      attributes: { u_n: 'Seed', plan: 'gold' },
      createdAt: T0,
    });
    expect(h.engine.store.users.get(WS1, 'fixed')).toMatchObject({
      moengageId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      createdAt: 5,
      updatedAt: 5,
    });
    const response = await h.send('getUser', {
      body: { data: { identifiers: [{ identifier_type: 'id', identifier: 'aaaaaaaaaaaaaaaaaaaaaaaa' }] } },
    });
    expect(response.body).toMatchObject({ data: { users: [{ user_attributes: { customer_id: 'fixed' } }] } });
  });

  it('logs every request with its workspace, operation, status, row and units', async () => {
    const h = harness();
    await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: [{ action: 'x' }, { action: 'y' }] },
    });
    await h.send('trackUser', {
      as: null,
      path: '/v1/customer/WS1?project_code=P1',
      body: validBodies.trackUser,
    });
    expect(h.engine.store.requestLog.list()).toEqual([
      {
        requestId: 'req1',
        workspaceId: WS1,
        operationId: 'createEvent',
        method: 'POST',
        url: '/v1/event/WS1',
        status: 200,
        errorId: null,
        units: 2,
        at: T0,
      },
      {
        requestId: 'req2',
        workspaceId: null,
        operationId: 'trackUser',
        method: 'POST',
        url: '/v1/customer/WS1?project_code=P1',
        status: 401,
        errorId: 'authHeaderMissing',
        units: 0,
        at: T0,
      },
    ]);
    expect(h.engine.store.requestLog.list(undefined, { status: 401 })).toHaveLength(1);
  });

  it('keeps only the newest requestLogLimit entries and counts the evicted ones', async () => {
    const h = harness({ requestLogLimit: 2 });
    for (let n = 0; n < 3; n += 1) await h.send('trackUser', { body: validBodies.trackUser });
    expect(h.engine.store.requestLog.list().map((entry) => entry.requestId)).toEqual(['req2', 'req3']);
    expect(h.engine.store.requestLog.evicted()).toBe(1);
  });

  it('applies requestLogLimit to a store it was given, and refuses a limit that is not a whole number', () => {
    const store = createMemoryStore();
    createEngine({ store, requestLogLimit: 7 });
    expect(store.requestLog.limit()).toBe(7);
    expect(() => createEngine({ requestLogLimit: -1 })).toThrow(/requestLogLimit must be a whole number/);
  });

  it('empties the store on reset but keeps workspaces and their settings', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } });
    await h.send('trackUser', { body: validBodies.trackUser });
    h.engine.reset();
    expect(h.engine.store.snapshot().users).toEqual([]);
    expect(h.engine.store.requestLog.list()).toEqual([]);
    expect(h.engine.workspaces.get(WS1)?.strictBulk).toBe(true);
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
  });

  it('adds, updates, lists and removes workspaces at runtime', async () => {
    const h = harness();
    h.engine.workspaces.add('NEW', { apiKey: 'k', rateLimits: { trackUser: { users: 3 } } });
    expect(h.engine.workspaces.get('NEW')).toMatchObject({
      workspaceId: 'NEW',
      accountState: 'active',
      payloadLimitBytes: 131_072,
      strictBulk: false,
      fileImportCooldownSeconds: 300,
      rateLimits: { trackUser: { users: 3 }, bulkImport: { users: 10_000, events: 30_000 } },
    });
    expect(
      (await h.send('trackUser', { as: ['NEW', 'k'], path: '/v1/customer/NEW', body: validBodies.trackUser }))
        .status,
    ).toBe(200);
    expect(h.engine.workspaces.update('NEW', { accountState: 'suspended' })).toBe(true);
    expect(
      (await h.send('trackUser', { as: ['NEW', 'k'], path: '/v1/customer/NEW', body: validBodies.trackUser }))
        .status,
    ).toBe(403);
    expect(h.engine.workspaces.update('MISSING', {})).toBe(false);
    expect(h.engine.workspaces.list().map((w) => w.workspaceId)).toEqual([WS1, WS2, 'NEW']);
    expect(h.engine.workspaces.remove('NEW')).toBe(true);
    expect(h.engine.workspaces.has('NEW')).toBe(false);
  });

  it('applies defaults to every workspace, with per-workspace settings winning per unit', () => {
    const engine = createEngine({
      defaults: { payloadLimitBytes: 2048, rateLimits: { bulkImport: { users: 60_000 } } },
      workspaces: { A: { apiKey: 'k', rateLimits: { bulkImport: { events: 60_000 } } } },
    });
    expect(engine.workspaces.get('A')).toMatchObject({
      payloadLimitBytes: 2048,
      rateLimits: { bulkImport: { users: 60_000, events: 60_000 } },
    });
  });

  it('runs on a store it is given, so state can be inspected or persisted outside the engine', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, workspaces: { A: { apiKey: 'k' } } });
    expect(engine.store).toBe(store);
    await engine.handle({
      method: 'POST',
      url: '/v1/customer/A',
      headers: { authorization: `Basic ${btoa('A:k')}`, 'content-type': 'application/json' },
      body: new TextEncoder().encode('{"type":"customer","customer_id":"z"}'),
    });
    expect(store.users.get('A', 'z')).toBeDefined();
  });
});
