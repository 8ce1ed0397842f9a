import { describe, expect, it } from 'vitest';
import {
  bodyBytes,
  ENVELOPE_BYTES,
  makeBatch,
  maxElementBytes,
  planBatch,
  splitBatch,
  toRequestBody,
} from './batcher.ts';
import { type QueuedElement, snapshotElement } from './element.ts';
import { ElementQueue } from './queue.ts';

const options = { countDevicesAsUsers: true };
let seq = 0;
const item = (attributes: Record<string, unknown>, type = 'customer'): QueuedElement =>
  snapshotElement({ type, customer_id: `u-${++seq}`, attributes }, seq, 0, options);

const queueOf = (items: QueuedElement[]) => {
  const queue = new ElementQueue({ maxCount: 1_000_000, maxBytes: 2 ** 40 });
  for (const queued of items) queue.push(queued);
  return queue;
};
const sentBytes = (items: readonly QueuedElement[]) =>
  Buffer.byteLength(JSON.stringify(toRequestBody(makeBatch(items))));

const noBudgetLimit = { maxUsers: Number.POSITIVE_INFINITY, maxEvents: Number.POSITIVE_INFINITY };

describe('request size accounting', () => {
  it('knows the size of the empty Bulk Import envelope', () => {
    expect(ENVELOPE_BYTES).toBe(Buffer.byteLength('{"type":"transition","elements":[]}'));
    expect(maxElementBytes(131_072)).toBe(131_072 - ENVELOPE_BYTES);
  });

  it('adds element sizes and commas to exactly the size of the serialized body', () => {
    const items = [
      item({ name: 'Ada' }),
      item({ city: '東京' }),
      item({ mood: '🚀🎉' }),
      item({ note: 'é'.repeat(50) }),
    ];
    const batch = makeBatch(items);
    expect(batch.bytes).toBe(sentBytes(items));
    expect(bodyBytes(0, 0)).toBe(ENVELOPE_BYTES);
  });
});

describe('planBatch', () => {
  it('fills a request to exactly the payload limit with multi-byte elements', () => {
    const items = [item({ v: '🚀'.repeat(100) }), item({ v: '東'.repeat(200) }), item({ v: 'x' })];
    const limit = sentBytes(items);
    const plan = planBatch(queueOf(items), { payloadLimitBytes: limit, ...noBudgetLimit });
    expect(plan).toEqual({ count: 3, stoppedBy: 'end' });
    const oneByteShort = planBatch(queueOf(items), { payloadLimitBytes: limit - 1, ...noBudgetLimit });
    expect(oneByteShort).toEqual({ count: 2, stoppedBy: 'bytes' });
    expect(sentBytes(items.slice(0, 2))).toBeLessThanOrEqual(limit - 1);
  });

  it('stops where the remaining budget ends, keeping order', () => {
    const items = [item({}), item({}), item({}), item({})];
    const plan = planBatch(queueOf(items), { payloadLimitBytes: 131_072, maxUsers: 2, maxEvents: 0 });
    expect(plan).toEqual({ count: 2, stoppedBy: 'budget' });
  });

  it('counts event actions against the events budget', () => {
    const event = snapshotElement(
      { type: 'event', customer_id: 'u', actions: [{ action: 'a' }, { action: 'b' }] },
      ++seq,
      0,
      options,
    );
    const plan = planBatch(queueOf([event, item({})]), {
      payloadLimitBytes: 131_072,
      maxUsers: 10,
      maxEvents: 1,
    });
    expect(plan).toEqual({ count: 0, stoppedBy: 'budget' });
  });
});

describe('splitBatch', () => {
  it('splits into two halves in order, each with its own exact size', () => {
    const items = [item({ a: 1 }), item({ b: '東' }), item({ c: '🚀' }), item({ d: 4 }), item({ e: 5 })];
    const [first, second] = splitBatch(makeBatch(items));
    expect(first.items.map((x) => x.seq)).toEqual(items.slice(0, 3).map((x) => x.seq));
    expect(second.items.map((x) => x.seq)).toEqual(items.slice(3).map((x) => x.seq));
    expect(first.bytes).toBe(sentBytes(first.items));
    expect(second.bytes).toBe(sentBytes(second.items));
  });
});
