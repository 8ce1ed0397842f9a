/**
 * The bounded FIFO of elements waiting to be packed, with running totals (so packing decisions never
 * rescan it) and the waiting room that implements `backpressure: 'wait'`.
 */
import type { QueuedElement } from './element.ts';

interface Waiter {
  item: QueuedElement;
  resolve: () => void;
  reject: (reason: Error) => void;
}

/** Limits of the queue; an empty queue always admits one element so nothing can deadlock. */
export interface QueueBounds {
  maxCount: number;
  maxBytes: number;
}

/** FIFO of queued elements with totals and a waiting room for `track()` calls that found it full. */
export class ElementQueue {
  readonly #bounds: QueueBounds;
  #items: QueuedElement[] = [];
  #head = 0;
  #waiters: Waiter[] = [];
  /** Elements queued. */
  count = 0;
  /** Serialized bytes queued. */
  bytes = 0;
  /** Users queued (budget units). */
  users = 0;
  /** Events queued (budget units). */
  events = 0;

  constructor(bounds: QueueBounds) {
    this.#bounds = bounds;
  }

  /** `track()` calls waiting for room. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Tracking position of the oldest waiting `track()` call, if any. */
  get firstWaitingSeq(): number | undefined {
    return this.#waiters[0]?.item.seq;
  }

  /** Whether `item` may be queued now (earlier waiters go first). */
  hasRoomFor(item: QueuedElement): boolean {
    if (this.#waiters.length > 0) return false;
    return this.#fits(item);
  }

  #fits(item: QueuedElement): boolean {
    if (this.count === 0) return true;
    return this.count + 1 <= this.#bounds.maxCount && this.bytes + item.bytes <= this.#bounds.maxBytes;
  }

  /** Queues an element (callers check {@link hasRoomFor} first). */
  push(item: QueuedElement): void {
    this.#items.push(item);
    this.count++;
    this.bytes += item.bytes;
    this.users += item.users;
    this.events += item.events;
  }

  /**
   * Puts elements taken earlier back at the head, in their order (a batch to repack after the budget
   * shrank). They were admitted once, so they go back even if the queue is over its bounds; waiters
   * get in again once it is below them.
   */
  putBack(items: readonly QueuedElement[]): void {
    if (items.length === 0) return;
    if (this.#head >= items.length) {
      this.#head -= items.length;
      for (let i = 0; i < items.length; i++) this.#items[this.#head + i] = items[i] as QueuedElement;
    } else {
      this.#items = [...items, ...this.#items.slice(this.#head)];
      this.#head = 0;
    }
    for (const item of items) {
      this.count++;
      this.bytes += item.bytes;
      this.users += item.users;
      this.events += item.events;
    }
  }

  /** Resolves once `item` has been queued behind every earlier waiter. */
  waitForRoom(item: QueuedElement): Promise<void> {
    return new Promise((resolve, reject) => this.#waiters.push({ item, resolve, reject }));
  }

  /** The element `offset` places behind the head, if any. */
  at(offset: number): QueuedElement | undefined {
    return this.#items[this.#head + offset];
  }

  /** Removes and returns the first `n` elements, then lets waiters in. */
  take(n: number, now: number): QueuedElement[] {
    const taken = this.#items.slice(this.#head, this.#head + n);
    this.#head += taken.length;
    for (const item of taken) {
      this.count--;
      this.bytes -= item.bytes;
      this.users -= item.users;
      this.events -= item.events;
    }
    // Compact once the consumed prefix dominates, keeping shifts amortised O(1).
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#admitWaiters(now);
    return taken;
  }

  #admitWaiters(now: number): void {
    while (this.#waiters.length > 0) {
      const waiter = this.#waiters[0] as Waiter;
      if (!this.#fits(waiter.item)) return;
      this.#waiters.shift();
      waiter.item.enqueuedAt = now;
      this.push(waiter.item);
      waiter.resolve();
    }
  }

  /** Rejects every waiting `track()` call; returns how many there were. */
  rejectWaiters(reason: Error): number {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(reason);
    return waiters.length;
  }
}
