import { describe, expect, it } from 'vitest';
import { harness, KEY1, WS1 } from './test-support/harness.ts';

const irWorkspace = () =>
  harness({
    workspaces: { [WS1]: { apiKey: KEY1, identityResolution: { identifiers: ['moe_mobile', 'email'] } } },
  });

describe('Identity Resolution', () => {
  it('creates a user from identifiers alone and finds it again by them', async () => {
    const h = irWorkspace();
    const created = await h.send('trackUser', {
      body: { type: 'customer', attributes: { moe_mobile: '+919876500000', first_name: 'John' } },
    });
    expect(created.status).toBe(200);
    await h.send('trackUser', {
      body: { type: 'customer', attributes: { moe_mobile: '+919876500000', last_name: 'Doe' } },
    });
    const users = h.engine.store.users.list(WS1);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      customerId: null,
      attributes: { moe_mobile: '+919876500000', u_fn: 'John', u_ln: 'Doe' },
    });
  });

  it('matches identifiers given by friendly name under their internal key (email → u_em)', async () => {
    const h = irWorkspace();
    await h.send('trackUser', { body: { type: 'customer', attributes: { email: 'j@x.io', name: 'J' } } });
    await h.send('createEvent', {
      body: { type: 'event', user_identifiers: { u_em: 'j@x.io' }, actions: [{ action: 'A' }] },
    });
    const [user] = h.engine.store.users.list(WS1);
    expect(h.engine.store.users.count(WS1)).toBe(1);
    expect(h.engine.store.events.list(WS1)[0]?.moengageId).toBe(user?.moengageId);
  });

  it('records events for user_identifiers, creating the user with those identifiers when unknown', async () => {
    const h = irWorkspace();
    await h.send('createEvent', {
      body: {
        type: 'event',
        user_identifiers: { moe_mobile: '+91999' },
        actions: [{ action: 'product_selected' }],
      },
    });
    expect(h.engine.store.users.list(WS1)).toMatchObject([
      { customerId: null, attributes: { moe_mobile: '+91999' } },
    ]);
    expect(h.engine.store.events.list(WS1)).toHaveLength(1);
  });

  it('lets a user found by identifier adopt the customer_id sent later', async () => {
    const h = irWorkspace();
    await h.send('trackUser', { body: { type: 'customer', attributes: { moe_mobile: '+91999' } } });
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'john', attributes: { moe_mobile: '+91999' } },
    });
    expect(h.engine.store.users.list(WS1)).toMatchObject([{ customerId: 'john' }]);
    expect(h.engine.store.users.get(WS1, 'john')).toBeDefined();
  });

  it('applies Bulk Import elements identified by identifiers', async () => {
    const h = irWorkspace();
    await h.send('bulkImport', {
      body: {
        type: 'transition',
        elements: [
          { type: 'customer', attributes: { moe_mobile: '+91777', first_name: 'John' } },
          { type: 'event', user_identifiers: { moe_mobile: '+91777' }, actions: [{ action: 'AddToCart' }] },
        ],
      },
    });
    const [user] = h.engine.store.users.list(WS1);
    expect(h.engine.store.users.count(WS1)).toBe(1);
    expect(h.engine.store.events.list(WS1, { moengageId: user?.moengageId })).toHaveLength(1);
  });

  it('still requires customer_id when no configured identifier is present', async () => {
    const h = irWorkspace();
    const response = await h.send('trackUser', {
      body: { type: 'customer', attributes: { phone: '+91', name: 'x' } },
    });
    expect(response.status).toBe(400);
    expect(h.errorOf(response).message).toBe('customer_id is not found in the payload');
    const event = await h.send('createEvent', {
      body: { type: 'event', user_identifiers: { other: '1' }, actions: [{ action: 'A' }] },
    });
    expect(event.status).toBe(400);
  });

  it('requires customer_id in workspaces without Identity Resolution, identifiers or not', async () => {
    const h = harness();
    const response = await h.send('trackUser', {
      body: { type: 'customer', attributes: { moe_mobile: '+91' } },
    });
    expect(response.status).toBe(400);
  });

  it('keeps the identifier attributes although they start with moe_', async () => {
    const h = irWorkspace();
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'a', attributes: { moe_mobile: '+91', moe_other: 1 } },
    });
    expect(h.engine.store.users.get(WS1, 'a')?.attributes).toEqual({ moe_mobile: '+91' });
  });
});
