import { describe, expect, it } from 'vitest';
import { ownedAccess } from '../store/owned-access.ts';
import { harness, T0, WS1 } from './test-support/harness.ts';

const track = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  body: { type: 'customer', customer_id: 'john', attributes, ...extra },
});

describe('Track User', () => {
  it('creates a user with standard attributes under internal keys, custom ones as written, and a MoEngage ID', async () => {
    const h = harness();
    const response = await h.send(
      'trackUser',
      track({
        name: 'John Smith',
        first_name: 'John',
        email: 'j@x.io',
        plan_expiry_date: '2020-05-31T00:00:00Z',
        super_user: true,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'success',
      message: 'Your request has been accepted and will be processed soon.',
      request_id: 'req1',
    });
    const user = h.engine.store.users.get(WS1, 'john');
    expect(user).toMatchObject({
      customerId: 'john',
      attributes: {
        u_n: 'John Smith',
        u_fn: 'John',
        u_em: 'j@x.io',
        plan_expiry_date: '2020-05-31T00:00:00Z',
        super_user: true,
      },
      createdAt: T0,
    });
    expect(user?.moengageId).toMatch(/^[0-9a-f]{24}$/);
  });

  it('updates an existing user in place, keeping its MoEngage ID and other attributes', async () => {
    const h = harness();
    await h.send('trackUser', track({ name: 'John', points: 1 }));
    const { moengageId } = h.engine.store.users.get(WS1, 'john') ?? {};
    h.clock.advance(5_000);
    await h.send('trackUser', track({ u_n: 'Johnny', points: 2 }));
    expect(h.engine.store.users.get(WS1, 'john')).toMatchObject({
      moengageId,
      attributes: { u_n: 'Johnny', points: 2 },
      createdAt: T0,
      updatedAt: T0 + 5_000,
    });
    expect(h.engine.store.users.count(WS1)).toBe(1);
  });

  it('stores platforms sent inside attributes or at the top level', async () => {
    const h = harness();
    await h.send('trackUser', track({ platforms: [{ platform: 'ANDROID', active: 'true' }] }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.platforms).toEqual([
      { platform: 'ANDROID', active: 'true' },
    ]);
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'jane', platforms: [{ platform: 'web', active: false }] },
    });
    expect(h.engine.store.users.get(WS1, 'jane')?.attributes.platforms).toEqual([
      { platform: 'web', active: false },
    ]);
  });

  it('ignores derived attributes and records why', async () => {
    const h = harness();
    await h.send('trackUser', track({ t_rev: 100, moe_ip_city: 'Pune', u_s_c: 4, name: 'John' }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ u_n: 'John' });
    const drops = h.engine.store.drops.list(WS1);
    expect(drops.map((d) => [d.reason, d.path])).toEqual([
      ['notWritable', 'attributes.t_rev'],
      ['notWritable', 'attributes.moe_ip_city'],
      ['notWritable', 'attributes.u_s_c'],
    ]);
    expect(drops[0]?.message).toContain('MoEngage derives it');
  });

  it('sets create-only attributes when the user is created and ignores them afterwards', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ publisher_name: 'Google', created_time: 1_600_000_000, last_seen: 1_600_000_100 }),
    );
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({
      publisher_name: 'Google',
      cr_t: 1_600_000_000,
      u_l_a: 1_600_000_100,
    });
    await h.send('trackUser', track({ publisher_name: 'Meta', campaign_name: 'late' }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toMatchObject({ publisher_name: 'Google' });
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.campaign_name).toBeUndefined();
    expect(h.engine.store.drops.list(WS1).map((d) => d.message)).toEqual([
      "Attribute 'publisher_name' (Publisher Name) was ignored: it can only be set when the user is created",
      "Attribute 'campaign_name' (Campaign Name) was ignored: it can only be set when the user is created",
    ]);
  });

  it('drops moe_ attributes but keeps the documented moe_ subscription flags', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ moe_score: 5, moe_unsubscribe: true, moe_email_optin_status: 'OPTED_OUT' }),
    );
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({
      moe_unsubscribe: true,
      moe_email_optin_status: 'OPTED_OUT',
    });
    expect(h.engine.store.drops.list(WS1)).toMatchObject([
      {
        reason: 'reservedPrefix',
        path: 'attributes.moe_score',
        item: 5,
        operationId: 'trackUser',
        requestId: 'req1',
      },
    ]);
  });

  it('drops attribute names that identify users (id, _id, uid, customer_id)', async () => {
    const h = harness();
    await h.send('trackUser', track({ id: 'x', _id: 'y', uid: 'z', customer_id: 'other', ok: 1 }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ ok: 1 });
    expect(h.engine.store.drops.list(WS1).every((d) => d.reason === 'notWritable')).toBe(true);
  });

  it('appends with addValueToArrayField and removes every equal value with removeValueFromArrayField', async () => {
    const h = harness();
    await h.send('trackUser', track({ tags: ['a', 'b'], score: 7 }));
    await h.send(
      'trackUser',
      track({ addValueToArrayField: { tags: ['c', 'a'], score: [8], fresh: ['x'] } }),
    );
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({
      tags: ['a', 'b', 'c', 'a'],
      score: [7, 8],
      fresh: ['x'],
    });
    await h.send('trackUser', track({ removeValueFromArrayField: { tags: ['a'], missing: ['q'] } }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.tags).toEqual(['b', 'c']);
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.missing).toEqual([]);
  });

  it('applies array operators to standard attributes under their internal keys', async () => {
    const h = harness();
    await h.send('trackUser', track({ addValueToArrayField: { first_name: ['Jo'] } }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ u_fn: ['Jo'] });
  });

  it('rejects adding to and removing from one attribute in one call with 400 ArrayFieldError', async () => {
    const h = harness();
    const response = await h.send(
      'trackUser',
      track({ addValueToArrayField: { tags: ['a'] }, removeValueFromArrayField: { tags: ['b'] } }),
    );
    expect(response.status).toBe(400);
    expect(h.errorOf(response)).toMatchObject({
      type: 'ArrayFieldError',
      message: "Cannot add and remove 'tags' at the same time",
      attribute: 'addValueToArrayField',
    });
    expect(h.engine.store.users.count()).toBe(0);
  });

  it('ignores an array operator on platforms or on an attribute the same call sets directly', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ tags: ['x'], addValueToArrayField: { tags: ['y'], platforms: ['web'] } }),
    );
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ tags: ['x'] });
    expect(h.engine.store.drops.list(WS1).map((d) => d.reason)).toEqual(['conflictingWrite', 'notWritable']);
  });

  it('clears attributes with unset_attributes by equals, prefix, suffix and contains', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ first_name: 'John', temp_a: 1, temp_b: 2, score_old: 3, mid_x_dle: 4, keep: 5 }),
    );
    await h.send('trackUser', {
      body: {
        type: 'customer',
        customer_id: 'john',
        unset_attributes: [
          { type: 'equals', attr: 'FIRST_NAME', case_sensitive: false },
          { type: 'prefix', attr: 'temp_' },
          { type: 'suffix', attr: '_old' },
          { type: 'contains', attr: '_x_' },
          { type: 'equals', attr: 'Keep' },
        ],
      },
    });
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ keep: 5 });
  });

  it('lets unset win over a set of the same attribute in one call', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ temp_x: 1, stay: 2 }, { unset_attributes: [{ type: 'prefix', attr: 'temp_' }] }),
    );
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ stay: 2 });
  });

  it('never unsets customer_id, derived or create-only attributes, or platforms', async () => {
    const h = harness();
    await h.send(
      'trackUser',
      track({ publisher_name: 'G', platforms: [{ platform: 'web', active: 'true' }] }),
    );
    await h.send('trackUser', {
      body: {
        type: 'customer',
        customer_id: 'john',
        unset_attributes: [
          { type: 'equals', attr: 'customer_id' },
          { type: 'equals', attr: 't_rev' },
          { type: 'contains', attr: 'i' },
        ],
      },
    });
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toMatchObject({
      publisher_name: 'G',
      platforms: expect.any(Array),
    });
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path])).toEqual([
      ['unsetNotAllowed', 'unset_attributes[0]'],
      ['unsetNotAllowed', 'unset_attributes[1]'],
    ]);
  });

  it('with update_existing_only, updates a known user and creates nobody for an unknown one', async () => {
    const h = harness();
    await h.send('trackUser', track({ points: 1 }, { update_existing_only: true }));
    expect(h.engine.store.users.count()).toBe(0);
    expect(h.engine.store.drops.list(WS1)[0]?.reason).toBe('updateExistingOnly');
    await h.send('trackUser', track({ points: 1 }));
    await h.send('trackUser', track({ points: 2 }, { update_existing_only: true }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.points).toBe(2);
  });

  it.each(['unknown', 'NULL', 'guest', '0', 'n/a'])(
    'accepts but drops the whole record of blocklisted customer_id %s',
    async (id) => {
      const h = harness();
      const response = await h.send('trackUser', {
        body: { type: 'customer', customer_id: id, attributes: { a: 1 } },
      });
      expect(response.status).toBe(200);
      expect(h.engine.store.users.count()).toBe(0);
      expect(h.engine.store.drops.list(WS1)).toMatchObject([
        { reason: 'blocklistedCustomerId', path: 'customer_id' },
      ]);
    },
  );

  it('never changes a stored user in place: an update or unset stores a new record', async () => {
    const h = harness();
    await h.send('trackUser', track({ plan: 'gold', tags: ['a'], temp_x: 1 }));
    const before = ownedAccess(h.engine.store).peekUser(WS1, 'john');
    const snapshot = structuredClone(before);
    await h.send(
      'trackUser',
      track(
        { plan: 'silver', addValueToArrayField: { tags: ['b'] } },
        { unset_attributes: [{ type: 'prefix', attr: 'temp_' }] },
      ),
    );
    expect(before).toEqual(snapshot);
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ plan: 'silver', tags: ['a', 'b'] });
  });

  it('stores nested objects and arrays as sent', async () => {
    const h = harness();
    await h.send('trackUser', track({ address: { city: 'Pune', geo: [1, 2] } }));
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.address).toEqual({ city: 'Pune', geo: [1, 2] });
  });
});
