import { describe, expect, it } from 'vitest';
import { harness, T0, WS1 } from './test-support/harness.ts';

const device = (customerId: string, deviceId: string, attributes: Record<string, unknown> = {}) => ({
  body: {
    type: 'device',
    customer_id: customerId,
    device_id: deviceId,
    attributes: { platform: 'iOS', push_id: 'token', ...attributes },
  },
});

const createUser = (h: ReturnType<typeof harness>, customerId: string) =>
  h.send('trackUser', { body: { type: 'customer', customer_id: customerId } });

describe('Track Device', () => {
  it('attaches a device to an existing user', async () => {
    const h = harness();
    await createUser(h, 'john');
    const response = await h.send('trackDevice', device('john', 'd-1', { model: 'iPhone', brand: 'Apple' }));
    expect(response.status).toBe(200);
    const user = h.engine.store.users.get(WS1, 'john');
    expect(h.engine.store.devices.list(WS1, user?.moengageId)).toEqual([
      {
        workspaceId: WS1,
        deviceId: 'd-1',
        moengageId: user?.moengageId,
        customerId: 'john',
        attributes: { platform: 'iOS', push_id: 'token', model: 'iPhone', brand: 'Apple' },
        createdAt: T0,
        updatedAt: T0,
      },
    ]);
  });

  it('accepts but drops a device of a user that does not exist, saying how to fix it', async () => {
    const h = harness();
    const response = await h.send('trackDevice', device('ghost', 'd-1'));
    expect(response.status).toBe(200);
    expect(h.engine.store.devices.list()).toEqual([]);
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      {
        reason: 'unknownUser',
        message: expect.stringContaining('devices can only be created for existing users'),
      },
    ]);
    expect(h.engine.store.users.count()).toBe(0);
  });

  it('updates a device in place, merging its attributes', async () => {
    const h = harness();
    await createUser(h, 'john');
    await h.send('trackDevice', device('john', 'd-1', { model: 'iPhone' }));
    h.clock.advance(1000);
    await h.send('trackDevice', device('john', 'd-1', { push_id: 'new-token' }));
    expect(h.engine.store.devices.get(WS1, 'd-1')).toMatchObject({
      attributes: { platform: 'iOS', push_id: 'new-token', model: 'iPhone' },
      createdAt: T0,
      updatedAt: T0 + 1000,
    });
  });

  it('moves a device id sent for another user to that user', async () => {
    const h = harness();
    await createUser(h, 'john');
    await createUser(h, 'jane');
    await h.send('trackDevice', device('john', 'shared', { model: 'old' }));
    await h.send('trackDevice', device('jane', 'shared'));
    expect(h.engine.store.devices.get(WS1, 'shared')).toMatchObject({
      customerId: 'jane',
      attributes: { push_id: 'token' },
    });
    expect(h.engine.store.devices.get(WS1, 'shared')?.attributes.model).toBeUndefined();
  });

  it('drops a device of a blocklisted customer_id', async () => {
    const h = harness();
    await h.send('trackDevice', device('null', 'd-1'));
    expect(h.engine.store.drops.list(WS1)[0]?.reason).toBe('blocklistedCustomerId');
  });

  it('accepts custom device attributes and drops them with the reason, as the spec says MoEngage does', async () => {
    const h = harness();
    await createUser(h, 'john');
    const response = await h.send(
      'trackDevice',
      device('john', 'd-1', { model: 'iPhone', favourite_colour: 'red' }),
    );
    expect(response.status).toBe(200);
    expect(h.engine.store.devices.get(WS1, 'd-1')?.attributes).toEqual({
      platform: 'iOS',
      push_id: 'token',
      model: 'iPhone',
    });
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      { reason: 'customDeviceAttribute', path: 'attributes.favourite_colour', item: 'red' },
    ]);
  });

  it.each([
    ['moe_gaid', 'iOS'],
    ['idfv', 'ANDROID'],
  ])('drops %s sent for a %s device: the identifier belongs to the other platform', async (key, platform) => {
    const h = harness();
    await createUser(h, 'john');
    await h.send('trackDevice', device('john', 'd-1', { platform, [key]: 'ad-id' }));
    expect(h.engine.store.devices.get(WS1, 'd-1')?.attributes[key]).toBeUndefined();
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      { reason: 'platformForeignIdentifier', path: `attributes.${key}`, item: 'ad-id' },
    ]);
  });

  it.each([
    ['push_id', { push_id: 'shared-token' }],
    ['moe_gaid', { platform: 'ANDROID', moe_gaid: 'gaid-1' }],
    ['idfv', { idfv: 'idfv-1' }],
  ])('replaces (deletes) another device that holds the same %s as a new device', async (_key, shared) => {
    const h = harness();
    await createUser(h, 'john');
    await h.send('trackDevice', device('john', 'old-phone', { ...shared }));
    await h.send('trackDevice', device('john', 'new-phone', { ...shared }));
    expect(h.engine.store.devices.list(WS1).map((d) => d.deviceId)).toEqual(['new-phone']);
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      {
        reason: 'deviceReplaced',
        path: 'device_id',
        item: expect.objectContaining({ deviceId: 'old-phone' }),
      },
    ]);
  });

  it('drops a 1,001st device of one user, keeping the 1,000 it has', async () => {
    const h = harness();
    await createUser(h, 'john');
    const john = h.engine.store.users.get(WS1, 'john');
    for (let i = 0; i < 1000; i += 1) {
      h.engine.store.devices.put({
        workspaceId: WS1,
        deviceId: `d-${i}`,
        moengageId: john?.moengageId ?? '',
        customerId: 'john',
        attributes: { platform: 'iOS', push_id: `token-${i}` },
        createdAt: T0,
        updatedAt: T0,
      });
    }
    const response = await h.send('trackDevice', device('john', 'one-too-many', { push_id: 'fresh' }));
    expect(response.status).toBe(200);
    expect(h.engine.store.devices.get(WS1, 'one-too-many')).toBeUndefined();
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      { reason: 'deviceLimit', message: expect.stringContaining('1,000 devices') },
    ]);
    await h.send('trackDevice', device('john', 'd-7', { push_id: 'token-7', model: 'updated' }));
    expect(h.engine.store.devices.get(WS1, 'd-7')?.attributes.model).toBe('updated');
  });
});
