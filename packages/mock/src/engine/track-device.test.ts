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
});
