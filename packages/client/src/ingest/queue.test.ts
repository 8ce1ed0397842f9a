import { describe, expect, it } from 'vitest';
import { type QueuedElement, snapshotElement } from './element.ts';
import { ElementQueue } from './queue.ts';

const item = (seq: number): QueuedElement =>
  snapshotElement({ type: 'customer', customer_id: `u-${seq}` }, seq, 0, { countDevicesAsUsers: true });

const seqs = (queue: ElementQueue) => Array.from({ length: queue.count }, (_, i) => queue.at(i)?.seq);

const filled = (count: number, bounds = { maxCount: 10_000, maxBytes: 2 ** 30 }) => {
  const queue = new ElementQueue(bounds);
  for (let seq = 1; seq <= count; seq++) queue.push(item(seq));
  return queue;
};

describe('ElementQueue.putBack', () => {
  it('puts taken elements back at the head in their order, with the totals', () => {
    const queue = filled(5);
    const totals = { bytes: queue.bytes, users: queue.users };
    const taken = queue.take(3, 0);
    queue.putBack(taken);
    expect(seqs(queue)).toEqual([1, 2, 3, 4, 5]);
    expect({ count: queue.count, bytes: queue.bytes, users: queue.users }).toEqual({ count: 5, ...totals });
  });

  it('keeps the order when the queue was compacted after the elements were taken', () => {
    // Taking more than 1,024 elements compacts the backing array, so the freed slots are gone.
    const queue = filled(3_000);
    const taken = queue.take(2_000, 0);
    expect(queue.take(1, 0)[0]?.seq).toBe(2_001);
    queue.putBack(taken.slice(1_500));
    expect(seqs(queue).slice(0, 3)).toEqual([1_501, 1_502, 1_503]);
    expect(seqs(queue).slice(499, 502)).toEqual([2_000, 2_002, 2_003]);
    expect(queue.count).toBe(500 + 999);
  });

  it('takes its elements back even over the bounds, and admits waiters only once below them again', async () => {
    const queue = filled(2, { maxCount: 2, maxBytes: 2 ** 30 });
    const taken = queue.take(2, 0);
    let admitted = false;
    queue.push(item(3));
    queue.push(item(4));
    const waiting = queue.waitForRoom(item(5)).then(() => {
      admitted = true;
    });
    queue.putBack(taken);
    expect(seqs(queue)).toEqual([1, 2, 3, 4]);
    queue.take(1, 0);
    await Promise.resolve();
    expect(admitted).toBe(false);
    queue.take(2, 0);
    await waiting;
    expect(seqs(queue)).toEqual([4, 5]);
  });
});
