import { describe, expect, it } from 'vitest';
import { BoundedList } from './bounded-list.ts';

function trimTo<T>(list: BoundedList<T>, limit: number): T[] {
  const evicted: T[] = [];
  while (list.size > limit) evicted.push(list.evictOldest() as T);
  return evicted;
}

describe('the request log ring (BoundedList)', () => {
  it('keeps the newest items in order and counts the evicted ones', () => {
    const list = new BoundedList<number>();
    for (let n = 1; n <= 5; n += 1) {
      list.push(n);
      trimTo(list, 3);
    }
    expect(list.values()).toEqual([3, 4, 5]);
    expect(list.evicted).toBe(2);
  });

  it('holds a bounded number of array slots after a million pushes', () => {
    const list = new BoundedList<number>();
    for (let n = 0; n < 1_000_000; n += 1) {
      list.push(n);
      trimTo(list, 100);
    }
    expect(list.size).toBe(100);
    expect(list.values().at(-1)).toBe(999_999);
    expect(list.evicted).toBe(999_900);
    expect(list.slots).toBeLessThanOrEqual(2 * 100 + 1025);
  });

  it('undoes pushes and evictions in reverse order, across a compaction', () => {
    const list = new BoundedList<number>();
    for (let n = 0; n < 3000; n += 1) list.push(n);
    const undo: Array<() => void> = [];
    for (let n = 3000; n < 6000; n += 1) {
      list.push(n);
      undo.push(() => list.popNewest());
      for (const item of trimTo(list, 3000)) undo.push(() => list.restoreOldest(item));
    }
    for (const step of undo.reverse()) step();
    expect(list.values()).toEqual(Array.from({ length: 3000 }, (_, n) => n));
    expect(list.evicted).toBe(0);
  });
});
