import { operationIds } from '@moedata/spec';
import { parseRateLimitHeaders } from '@moedata/spec/rate-limit';
import { describe, expect, it } from 'vitest';
import { harness, KEY1, KEY2, validBodies, WS1, WS2 } from './test-support/harness.ts';
import type { WorkspaceConfig } from './types.ts';

const limited = (workspaces: Record<string, WorkspaceConfig>) => harness({ workspaces });

const event = (n: number) => ({
  type: 'event',
  customer_id: 'john',
  actions: Array.from({ length: n }, (_, i) => ({ action: `E${i}` })),
});

describe('rate limits', () => {
  it('puts the three x-ratelimit headers on every response, successes and failures alike', async () => {
    const h = harness();
    const responses = [
      ...(await Promise.all(
        operationIds.map((id) => h.send(id, id === 'triggerFileImport' ? {} : { body: validBodies[id] })),
      )),
      await h.send('trackUser', { as: null, body: validBodies.trackUser }),
      await h.send('trackUser', { path: '/nowhere' }),
      await h.send('trackUser', { method: 'GET' }),
      await h.send('trackUser', { body: '{' }),
    ];
    for (const response of responses) {
      expect(parseRateLimitHeaders(response.headers), JSON.stringify(response.body)).toBeDefined();
      expect(response.headers['x-ratelimit-limit']).toMatch(/^\d+; w=\d+$/);
    }
  });

  it('counts Track User in users: the budget decreases by one per request', async () => {
    const h = harness();
    const first = await h.send('trackUser', { body: validBodies.trackUser });
    const second = await h.send('trackUser', { body: validBodies.trackUser });
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '10000; w=60',
      'x-ratelimit-remaining': '9999',
    });
    expect(second.headers['x-ratelimit-remaining']).toBe('9998');
  });

  it('counts Create Event in events: one per action', async () => {
    const h = harness();
    const response = await h.send('createEvent', { body: event(5) });
    expect(response.headers).toMatchObject({
      'x-ratelimit-limit': '30000; w=60',
      'x-ratelimit-remaining': '29995',
    });
  });

  it('reports the seconds left in the fixed 60-second window', async () => {
    const h = harness();
    h.clock.advance(45_500);
    const response = await h.send('trackUser', { body: validBodies.trackUser });
    expect(response.headers['x-ratelimit-reset']).toBe('15');
  });

  it('rejects a request over the remaining budget whole with 429, consuming nothing', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { createEvent: { events: 10 } } } });
    expect((await h.send('createEvent', { body: event(8) })).status).toBe(200);
    const rejected = await h.send('createEvent', { body: event(3) });
    expect(rejected.status).toBe(429);
    expect(h.errorOf(rejected)).toMatchObject({
      type: 'Rate Limits Exceeded',
      message: 'Rate limits for customers exceeded. Please Try After Some Time',
    });
    expect(rejected.headers['x-ratelimit-remaining']).toBe('2');
    expect(h.engine.store.events.list(WS1)).toHaveLength(8);
    expect((await h.send('createEvent', { body: event(2) })).status).toBe(200);
  });

  it('answers Track User over budget with the overview row and stores nothing', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 1 } } } });
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'a' } });
    const rejected = await h.send('trackUser', { body: { type: 'customer', customer_id: 'b' } });
    expect(rejected.status).toBe(429);
    expect(h.errorOf(rejected)).toMatchObject({
      type: 'Rate Limit Exceeded',
      message: 'Rate Limits for User / Event exceeded',
    });
    expect(h.engine.store.users.get(WS1, 'b')).toBeUndefined();
  });

  it('gives a fresh budget in the next window', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 1 } } } });
    await h.send('trackUser', { body: validBodies.trackUser });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(429);
    h.clock.advance(60_000);
    const next = await h.send('trackUser', { body: validBodies.trackUser });
    expect(next.status).toBe(200);
    expect(next.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' });
  });

  it('keeps budgets per workspace and per operation', async () => {
    const h = limited({
      [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 1 } } },
      [WS2]: { apiKey: KEY2, rateLimits: { trackUser: { users: 1 } } },
    });
    await h.send('trackUser', { body: validBodies.trackUser });
    expect((await h.send('trackUser', { as: [WS2, KEY2], body: validBodies.trackUser })).status).toBe(200);
    expect((await h.send('createEvent', { body: validBodies.createEvent })).status).toBe(200);
  });

  it('meters Bulk Import in users and events across requests, reporting the tighter one', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { bulkImport: { users: 100, events: 4 } } } });
    const body = {
      type: 'transition',
      elements: [
        { type: 'customer', customer_id: 'john' },
        { type: 'event', customer_id: 'john', actions: [{ action: 'A' }, { action: 'B' }, { action: 'C' }] },
      ],
    };
    const first = await h.send('bulkImport', { body });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '4; w=60', 'x-ratelimit-remaining': '1' });
    const second = await h.send('bulkImport', { body });
    expect(second.status).toBe(429);
    expect(h.engine.store.users.count(WS1)).toBe(1);
  });

  it('allows MoEngage newer Bulk Import numbers as an override', async () => {
    const h = limited({
      [WS1]: { apiKey: KEY1, rateLimits: { bulkImport: { users: 60_000, events: 60_000 } } },
    });
    const response = await h.send('bulkImport', { body: validBodies.bulkImport });
    expect(response.headers['x-ratelimit-limit']).toBe('60000; w=60');
  });

  it('uses the documented title envelope for Delete User over budget', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { deleteUser: { requests: 0 } } } });
    const response = await h.send('deleteUser', { body: validBodies.deleteUser });
    expect(response.status).toBe(429);
    expect(response.body).toEqual({
      status: 'fail',
      title: 'Rate limit exceeded',
      description: 'Exceeded rate limit for this url',
    });
  });

  it('shows an unauthenticated caller the default budget, never a workspace state', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 5 } } } });
    await h.send('trackUser', { body: validBodies.trackUser });
    const anonymous = await h.send('trackUser', { as: [WS1, 'wrong'], body: validBodies.trackUser });
    expect(anonymous.headers).toMatchObject({
      'x-ratelimit-limit': '10000; w=60',
      'x-ratelimit-remaining': '10000',
    });
  });

  it('reports the current budget, unconsumed, on failures after authentication', async () => {
    const h = harness();
    await h.send('trackUser', { body: validBodies.trackUser });
    const invalid = await h.send('trackUser', { body: { type: 'customer' } });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['x-ratelimit-remaining']).toBe('9999');
  });

  it('counts Get User per identifier and Merge Users per pair', async () => {
    const h = harness();
    const getUser = await h.send('getUser', {
      body: {
        data: {
          identifiers: ['a', 'b', 'c'].map((identifier) => ({ identifier_type: 'customer_id', identifier })),
        },
      },
    });
    expect(getUser.headers).toMatchObject({
      'x-ratelimit-limit': '1000; w=60',
      'x-ratelimit-remaining': '997',
    });
    const merge = await h.send('mergeUsers', {
      body: {
        merge_data: [
          { merged_user: 'a', retained_user: 'b' },
          { merged_user: 'c', retained_user: 'd' },
        ],
      },
    });
    expect(merge.headers['x-ratelimit-remaining']).toBe('998');
  });

  it('forgets every window on reset', async () => {
    const h = limited({ [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 1 } } } });
    await h.send('trackUser', { body: validBodies.trackUser });
    h.engine.reset();
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
  });
});
