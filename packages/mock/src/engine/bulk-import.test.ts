import { describe, expect, it } from 'vitest';
import { harness, KEY1, WS1 } from './test-support/harness.ts';

const bulk = (elements: unknown[]) => ({ body: { type: 'transition', elements } });

describe('Bulk Import', () => {
  it('applies users, devices and events in order, so a device can follow the user it needs', async () => {
    const h = harness();
    const response = await h.send(
      'bulkImport',
      bulk([
        {
          type: 'customer',
          customer_id: 'john',
          attributes: { name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] },
        },
        {
          type: 'device',
          customer_id: 'john',
          device_id: 'd-1',
          attributes: { brand: 'Apple', platform: 'iOS', push_id: 'p' },
        },
        {
          type: 'event',
          customer_id: 'john',
          device_id: 'd-1',
          actions: [
            { action: 'Added to Cart', current_time: '2020-05-31T16:33:35Z', user_timezone_offset: 19800 },
            { action: 'Purchase', current_time: 1590404615 },
          ],
        },
      ]),
    );
    expect(response.status).toBe(200);
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.u_n).toBe('John');
    expect(h.engine.store.devices.get(WS1, 'd-1')?.customerId).toBe('john');
    expect(h.engine.store.events.list(WS1).map((e) => [e.action, e.deviceId])).toEqual([
      ['Added to Cart', 'd-1'],
      ['Purchase', 'd-1'],
    ]);
    expect(h.engine.store.drops.list()).toEqual([]);
  });

  it('drops a device that comes before its user (order matters)', async () => {
    const h = harness();
    await h.send(
      'bulkImport',
      bulk([
        {
          type: 'device',
          customer_id: 'john',
          device_id: 'd-1',
          attributes: { platform: 'iOS', push_id: 'p' },
        },
        { type: 'customer', customer_id: 'john' },
      ]),
    );
    expect(h.engine.store.devices.list()).toEqual([]);
    expect(h.engine.store.drops.list(WS1)).toMatchObject([{ reason: 'unknownUser', path: 'elements[0]' }]);
  });

  it('accepts a request with bad elements, dropping each with the reason and applying the rest', async () => {
    const h = harness();
    const response = await h.send(
      'bulkImport',
      bulk([
        { type: 'customer', attributes: { name: 'No id' } },
        { type: 'user', customer_id: 'x' },
        'not an object',
        { type: 'event', customer_id: 'john', actions: [] },
        { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
      ]),
    );
    expect(response.status).toBe(200);
    expect(h.engine.store.users.list(WS1).map((u) => u.customerId)).toEqual(['john']);
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path, d.message])).toEqual([
      ['invalidBulkElement', 'elements[0]', "Element 0 was dropped: 'customer_id not found in the payload"],
      [
        'invalidBulkElement',
        'elements[1]',
        "Element 1 was dropped: 'type in elements should be customer/event/device",
      ],
      [
        'invalidBulkElement',
        'elements[2]',
        'Element 2 was dropped: elements is expected to be Array of Objects',
      ],
      ['invalidBulkElement', 'elements[3]', "Element 3 was dropped: 'actions cannot be empty array"],
    ]);
    expect(h.engine.store.drops.list(WS1)[1]?.item).toEqual({ type: 'user', customer_id: 'x' });
  });

  it('in strict mode answers the first bad element with its 400 and applies nothing', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } });
    const response = await h.send(
      'bulkImport',
      bulk([
        { type: 'customer', customer_id: 'john' },
        { type: 'event', customer_id: 'john', actions: [{ action: 'A', user_timezone_offset: 'x' }] },
      ]),
    );
    expect(response.status).toBe(400);
    expect(h.errorOf(response)).toMatchObject({
      message: 'user_timezone_offset is expected to be Number',
      attribute: 'user_timezone_offset',
    });
    expect(h.engine.store.users.count()).toBe(0);
  });

  it.each([
    [
      'a wrong top-level type',
      { type: 'Transition', elements: [{ type: 'customer', customer_id: 'a' }] },
      'type is expected to be transition',
    ],
    ['missing elements', { type: 'transition' }, 'elements is not found in the payload'],
    ['empty elements', { type: 'transition', elements: [] }, "'elements cannot be empty array"],
    ['elements as an object', { type: 'transition', elements: {} }, 'elements is expected to be Array'],
  ])('answers %s with 400 whatever the mode', async (_case, body, message) => {
    const h = harness();
    const response = await h.send('bulkImport', { body });
    expect(response.status).toBe(400);
    expect(h.errorOf(response).message).toBe(message);
  });

  it('records element drops (moe_ keys, future events) under the element path', async () => {
    const h = harness();
    await h.send(
      'bulkImport',
      bulk([
        { type: 'customer', customer_id: 'john', attributes: { moe_x: 1 } },
        {
          type: 'event',
          customer_id: 'john',
          actions: [{ action: 'Later', current_time: '2999-01-01T00:00:00Z' }],
        },
      ]),
    );
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path, d.operationId])).toEqual([
      ['reservedPrefix', 'elements[0].attributes.moe_x', 'bulkImport'],
      ['futureEvent', 'elements[1].actions[0]', 'bulkImport'],
    ]);
  });

  it('keeps event ids unique across the elements of one request', async () => {
    const h = harness();
    await h.send(
      'bulkImport',
      bulk([
        { type: 'event', customer_id: 'a', actions: [{ action: 'X' }, { action: 'Y' }] },
        { type: 'event', customer_id: 'b', actions: [{ action: 'Z' }] },
      ]),
    );
    expect(h.engine.store.events.list(WS1).map((e) => e.eventId)).toEqual(['req1-0', 'req1-1', 'req1-2']);
  });
});
