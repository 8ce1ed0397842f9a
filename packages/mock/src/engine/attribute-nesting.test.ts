import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from './json-nesting.ts';
import { harness, WS1 } from './test-support/harness.ts';

/** A JSON text nesting arrays `depth` levels (built as text: building the value would need recursion). */
const nestedText = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Bodies carrying one custom attribute `nested`, given as JSON text, per write operation. */
const bodies = (nested: string): Record<string, string> => ({
  trackUser: `{"type":"customer","customer_id":"ada","attributes":{"nested":${nested}}}`,
  createEvent: `{"type":"event","customer_id":"ada","actions":[{"action":"Viewed","attributes":{"nested":${nested}}}]}`,
  trackDevice: `{"type":"device","customer_id":"ada","device_id":"d-1","attributes":{"platform":"web","push_id":"t","nested":${nested}}}`,
  bulkImport: `{"type":"transition","elements":[{"type":"customer","customer_id":"ada","attributes":{"nested":${nested}}}]}`,
});

describe('deeply nested bodies', () => {
  it.each(Object.keys(bodies('0')))(
    '%s: answers 400 Malformed JSON to a body nested 5,000 levels deep, and stores nothing',
    async (operationId) => {
      const h = harness();
      const response = await h.send(operationId as never, { body: bodies(nestedText(5_000))[operationId] });
      expect(response.status).toBe(400);
      expect(h.errorOf(response)).toMatchObject({ type: 'Malformed JSON' });
      expect(h.engine.store.snapshot()).toMatchObject({ users: [], events: [], devices: [], drops: [] });
    },
  );

  it(`accepts a body nested exactly ${MAX_JSON_DEPTH} levels and refuses one level more`, async () => {
    const h = harness();
    // The body is level 1, `attributes` level 2: the attribute may nest MAX_JSON_DEPTH - 2 levels.
    const fits = bodies(nestedText(MAX_JSON_DEPTH - 2)).trackUser;
    const tooDeep = bodies(nestedText(MAX_JSON_DEPTH - 1)).trackUser;
    expect((await h.send('trackUser', { body: fits })).status).toBe(200);
    expect((await h.send('trackUser', { body: tooDeep })).status).toBe(400);
  });
});

describe('custom attributes nested deeper than two object levels', () => {
  const deepValue = { item: 'book', cost: { amount: { value: 100, currency: 'USD' } } };
  const stored = { item: 'book', cost: { amount: '{"value":100,"currency":"USD"}' } };

  it('stores a user attribute with its third object level as JSON text, records it, and answers it back', async () => {
    const h = harness();
    const response = await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'ada', attributes: { order: deepValue, plan: 'gold' } },
    });
    expect(response.status).toBe(200);
    expect(h.engine.store.users.get(WS1, 'ada')?.attributes).toEqual({ order: stored, plan: 'gold' });
    expect(h.engine.store.drops.list(WS1)).toEqual([
      expect.objectContaining({ reason: 'nestedTooDeep', path: 'attributes.order', item: deepValue }),
    ]);
    const read = await h.send('getUser', {
      body: { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'ada' }] } },
    });
    expect(read.body).toMatchObject({ data: { users: [{ user_attributes: { order: stored } }] } });
  });

  it('applies the same rule to event attributes and bulk elements, with their paths (a custom device attribute is dropped whole)', async () => {
    const h = harness();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'ada' } });
    await h.send('createEvent', {
      body: {
        type: 'event',
        customer_id: 'ada',
        actions: [{ action: 'Ordered', attributes: { order: deepValue } }],
      },
    });
    await h.send('trackDevice', {
      body: {
        type: 'device',
        customer_id: 'ada',
        device_id: 'd-1',
        attributes: { platform: 'web', push_id: 't', order: deepValue },
      },
    });
    await h.send('bulkImport', {
      body: {
        type: 'transition',
        elements: [
          { type: 'customer', customer_id: 'bob', attributes: { order: deepValue } },
          {
            type: 'event',
            customer_id: 'bob',
            actions: [{ action: 'Paid', attributes: { order: deepValue } }],
          },
        ],
      },
    });
    expect(h.engine.store.events.list(WS1).map((event) => event.attributes.order)).toEqual([stored, stored]);
    expect(h.engine.store.devices.get(WS1, 'd-1')?.attributes.order).toBeUndefined();
    expect(h.engine.store.users.get(WS1, 'bob')?.attributes.order).toEqual(stored);
    expect(h.engine.store.drops.list(WS1).map((drop) => [drop.reason, drop.path])).toEqual([
      ['nestedTooDeep', 'actions[0].attributes.order'],
      ['customDeviceAttribute', 'attributes.order'],
      ['nestedTooDeep', 'elements[0].attributes.order'],
      ['nestedTooDeep', 'elements[1].actions[0].attributes.order'],
    ]);
  });

  it('keeps arrays of objects with two object levels as sent, recording nothing', async () => {
    const h = harness();
    const cart = [{ sku: 'a1', price: { amount: 100, currency: 'EUR' } }];
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'ada', attributes: { cart } } });
    expect(h.engine.store.users.get(WS1, 'ada')?.attributes.cart).toEqual(cart);
    expect(h.engine.store.drops.list(WS1)).toEqual([]);
  });
});
