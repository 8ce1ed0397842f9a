import { describe, expect, it } from 'vitest';
import { harness, KEY1, T0, WS1 } from './test-support/harness.ts';

async function twoUsers() {
  const h = harness();
  await h.send('trackUser', {
    body: { type: 'customer', customer_id: 'guest-1', attributes: { city: 'Pune', name: 'Guest' } },
  });
  await h.send('trackUser', {
    body: { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
  });
  await h.send('createEvent', {
    body: { type: 'event', customer_id: 'guest-1', actions: [{ action: 'Browsed' }, { action: 'Carted' }] },
  });
  await h.send('trackDevice', {
    body: {
      type: 'device',
      customer_id: 'guest-1',
      device_id: 'd-1',
      attributes: { platform: 'web', push_id: 'p' },
    },
  });
  return h;
}

describe('Merge Users', () => {
  it('moves events, devices and missing attributes to the retained user and removes the merged one', async () => {
    const h = await twoUsers();
    const merged = h.engine.store.users.get(WS1, 'guest-1');
    const retained = h.engine.store.users.get(WS1, 'john');
    const response = await h.send('mergeUsers', {
      body: { merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'success', operation: 'created' });
    expect(h.engine.store.users.get(WS1, 'guest-1')).toBeUndefined();
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ u_n: 'John', city: 'Pune' });
    expect(h.engine.store.events.list(WS1, { customerId: 'john' }).map((e) => e.action)).toEqual([
      'Browsed',
      'Carted',
    ]);
    expect(h.engine.store.devices.get(WS1, 'd-1')?.moengageId).toBe(retained?.moengageId);
    expect(h.engine.store.merges.list(WS1)).toEqual([
      {
        workspaceId: WS1,
        mergedCustomerId: 'guest-1',
        retainedCustomerId: 'john',
        mergedMoengageId: merged?.moengageId,
        retainedMoengageId: retained?.moengageId,
        eventsMoved: 2,
        at: expect.any(Number),
        requestId: 'req5',
      },
    ]);
  });

  it('skips a pair naming an unknown user (still 200) and applies the other pairs', async () => {
    const h = await twoUsers();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'jane' } });
    const response = await h.send('mergeUsers', {
      body: {
        merge_data: [
          { merged_user: 'ghost', retained_user: 'john' },
          { merged_user: 'john', retained_user: 'john' },
          { merged_user: 'guest-1', retained_user: 'jane' },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(h.engine.store.merges.list(WS1).map((m) => m.retainedCustomerId)).toEqual(['jane']);
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path])).toEqual([
      ['mergePairSkipped', 'merge_data[0]'],
      ['mergePairSkipped', 'merge_data[1]'],
    ]);
  });

  it('is not transitive: each pair uses the users as they are when it runs', async () => {
    const h = await twoUsers();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'jane' } });
    await h.send('mergeUsers', {
      body: {
        merge_data: [
          { merged_user: 'guest-1', retained_user: 'john' },
          { merged_user: 'guest-1', retained_user: 'jane' },
        ],
      },
    });
    expect(h.engine.store.merges.list(WS1)).toHaveLength(1);
    expect(h.engine.store.events.list(WS1, { customerId: 'jane' })).toEqual([]);
  });

  it('frees the merged customer_id: sending it again creates a new user', async () => {
    const h = await twoUsers();
    const before = h.engine.store.users.get(WS1, 'guest-1')?.moengageId;
    await h.send('mergeUsers', { body: { merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] } });
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'guest-1' } });
    expect(h.engine.store.users.get(WS1, 'guest-1')?.moengageId).not.toBe(before);
  });

  it('is disabled in Identity Resolution workspaces with a clear 400', async () => {
    const h = harness({
      workspaces: { [WS1]: { apiKey: KEY1, identityResolution: { identifiers: ['moe_mobile'] } } },
    });
    const response = await h.send('mergeUsers', {
      body: { merge_data: [{ merged_user: 'a', retained_user: 'b' }] },
    });
    expect(response.status).toBe(400);
    expect(h.errorOf(response).message).toMatch(/disabled for workspaces with Identity Resolution/);
  });

  it("moves only the merged user's events of the last 30 days; older ones stay with the merged user", async () => {
    const h = harness();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'guest-1' } });
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'john' } });
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(T0 - daysAgo * day).toISOString().replace('.000', '');
    await h.send('createEvent', {
      body: {
        type: 'event',
        customer_id: 'guest-1',
        actions: [
          { action: 'Old', current_time: at(31) },
          { action: 'Recent', current_time: at(29) },
          { action: 'Now' },
        ],
      },
    });
    const merged = h.engine.store.users.get(WS1, 'guest-1');
    await h.send('mergeUsers', { body: { merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] } });
    expect(h.engine.store.events.list(WS1, { customerId: 'john' }).map((e) => e.action)).toEqual([
      'Recent',
      'Now',
    ]);
    expect(h.engine.store.events.list(WS1, { moengageId: merged?.moengageId }).map((e) => e.action)).toEqual([
      'Old',
    ]);
    expect(h.engine.store.merges.list(WS1)[0]?.eventsMoved).toBe(2);
  });

  it('leaves the merged user holding only its MoEngage ID: no customer_id, no attributes', async () => {
    const h = await twoUsers();
    const merged = h.engine.store.users.get(WS1, 'guest-1');
    await h.send('mergeUsers', { body: { merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] } });
    expect(h.engine.store.users.getByMoengageId(WS1, merged?.moengageId ?? '')).toMatchObject({
      moengageId: merged?.moengageId,
      customerId: null,
      attributes: {},
    });
    const exported = await h.send('getUser', {
      body: { data: { identifiers: [{ identifier_type: 'id', identifier: merged?.moengageId }] } },
    });
    expect(exported.body).toMatchObject({
      data: { users: [{ user_attributes: { id: merged?.moengageId } }] },
    });
    const attributes = (exported.body as { data: { users: { user_attributes: object }[] } }).data.users[0]
      ?.user_attributes;
    expect(Object.keys(attributes ?? {})).toEqual(['id']);
  });
});
