import { describe, expect, it } from 'vitest';
import { harness, WS1 } from './test-support/harness.ts';

async function withJohn() {
  const h = harness();
  await h.send('trackUser', {
    body: { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
  });
  await h.send('createEvent', { body: { type: 'event', customer_id: 'john', actions: [{ action: 'A' }] } });
  await h.send('trackDevice', {
    body: {
      type: 'device',
      customer_id: 'john',
      device_id: 'd-1',
      attributes: { platform: 'iOS', push_id: 'p' },
    },
  });
  return h;
}

describe('Delete User', () => {
  it('removes the user and its devices at once, keeps its events, and records the deletion', async () => {
    const h = await withJohn();
    const moengageId = h.engine.store.users.get(WS1, 'john')?.moengageId;
    const response = await h.send('deleteUser', {
      body: { identity_type: 'customer_id', identity_value: 'john' },
    });
    expect(response.status).toBe(200);
    expect(h.engine.store.users.get(WS1, 'john')).toBeUndefined();
    expect(h.engine.store.devices.list(WS1)).toEqual([]);
    expect(h.engine.store.events.list(WS1)).toHaveLength(1);
    expect(h.engine.store.deletes.list(WS1)).toMatchObject([
      {
        identityType: 'customer_id',
        identityValue: 'john',
        moengageId,
        customerId: 'john',
        requestId: 'req4',
      },
    ]);
  });

  it.each(['moengage_id', 'id'])('deletes by MoEngage ID sent as %s', async (identityType) => {
    const h = await withJohn();
    const moengageId = h.engine.store.users.get(WS1, 'john')?.moengageId;
    await h.send('deleteUser', { body: { identity_type: identityType, identity_value: moengageId } });
    expect(h.engine.store.users.count()).toBe(0);
  });

  it('answers an unknown user with 400 "Not Found" naming the id', async () => {
    const h = harness();
    const response = await h.send('deleteUser', {
      body: { identity_type: 'customer_id', identity_value: 'ghost' },
    });
    expect(response.status).toBe(400);
    expect(h.errorOf(response)).toMatchObject({
      type: 'Not Found',
      message: "User doesn't exists with customer id ghost",
    });
  });

  it('creates a new user with a new MoEngage ID when the deleted id is sent again', async () => {
    const h = await withJohn();
    const before = h.engine.store.users.get(WS1, 'john')?.moengageId;
    await h.send('deleteUser', { body: { identity_type: 'customer_id', identity_value: 'john' } });
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'john' } });
    const after = h.engine.store.users.get(WS1, 'john');
    expect(after?.moengageId).not.toBe(before);
    expect(after?.attributes).toEqual({});
  });
});
