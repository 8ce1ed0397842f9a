import { describe, expect, it } from 'vitest';
import { harness, WS1 } from './test-support/harness.ts';

const lookUp = (identifiers: [string, string][], fields?: string[]) => ({
  body: {
    data: {
      identifiers: identifiers.map(([identifier_type, identifier]) => ({ identifier_type, identifier })),
      ...(fields && { user_fields_to_export: fields }),
    },
  },
});

async function withJohn() {
  const h = harness();
  await h.send('trackUser', {
    body: {
      type: 'customer',
      customer_id: 'john',
      attributes: { name: 'John', last_name: 'Doe', custom_user_attr: 12345 },
    },
  });
  const moengageId = h.engine.store.users.get(WS1, 'john')?.moengageId as string;
  return { h, moengageId };
}

describe('Get User', () => {
  it("answers every attribute under its public name without user_fields_to_export, as MoEngage's example does", async () => {
    const { h, moengageId } = await withJohn();
    const response = await h.send('getUser', lookUp([['customer_id', 'john']]));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'success',
      type: 'export_users',
      data: {
        users: [
          {
            user_attributes: {
              name: 'John',
              last_name: 'Doe',
              custom_user_attr: 12345,
              customer_id: 'john',
              id: moengageId,
            },
          },
        ],
        users_not_found: [],
      },
    });
  });

  it('finds users by MoEngage ID under both names, and lists identifiers that matched nobody', async () => {
    const { h, moengageId } = await withJohn();
    const response = await h.send(
      'getUser',
      lookUp([
        ['id', moengageId],
        ['moengage_id', moengageId],
        ['customer_id', 'jane'],
        ['id', '000000000000000000000000'],
      ]),
    );
    const body = response.body as { data: { users: unknown[]; users_not_found: unknown[] } };
    expect(body.data.users).toHaveLength(2);
    expect(body.data.users_not_found).toEqual([
      { identifier_type: 'customer_id', identifier: 'jane' },
      { identifier_type: 'id', identifier: '000000000000000000000000' },
    ]);
  });

  it('returns exactly the user_fields_to_export asked for, under the names asked, plus the MoEngage ID', async () => {
    const { h, moengageId } = await withJohn();
    const response = await h.send(
      'getUser',
      lookUp([['customer_id', 'john']], ['last_name', 'customer_id', 'name', 'nope']),
    );
    const attributes = (response.body as { data: { users: { user_attributes: object }[] } }).data.users[0]
      ?.user_attributes;
    expect(attributes).toEqual({ last_name: 'Doe', customer_id: 'john', name: 'John', id: moengageId });
  });

  it('answers a field asked by its internal key under that key (u_ln, uid)', async () => {
    const { h, moengageId } = await withJohn();
    const response = await h.send(
      'getUser',
      lookUp([['customer_id', 'john']], ['u_ln', 'uid', 'first_name']),
    );
    const attributes = (response.body as { data: { users: { user_attributes: object }[] } }).data.users[0]
      ?.user_attributes;
    expect(attributes).toEqual({ u_ln: 'Doe', uid: 'john', id: moengageId });
  });

  it('does not find a user of another workspace', async () => {
    const { h } = await withJohn();
    const response = await h.send('getUser', {
      ...lookUp([['customer_id', 'john']]),
      as: ['WS2', 'key-two-secret'],
    });
    expect(response.body).toMatchObject({ data: { users: [], users_not_found: [{ identifier: 'john' }] } });
  });

  it('reads without writing: no user, event or drop is created', async () => {
    const h = harness();
    await h.send('getUser', lookUp([['customer_id', 'ghost']]));
    expect(h.engine.store.users.count()).toBe(0);
    expect(h.engine.store.drops.list()).toEqual([]);
  });
});
