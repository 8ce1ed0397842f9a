/**
 * Packs queued elements into Bulk Import requests by exact UTF-8 size. The body the client sends is
 * `{"type":"transition","elements":[e1,e2,...]}`, so its size is the envelope plus each element's
 * own JSON plus one comma between elements: sizes are added, never re-serialized.
 */
import type { BulkImportRequest } from '@moedata/spec';
import { type QueuedElement, utf8ByteLength } from './element.ts';
import type { ElementQueue } from './queue.ts';

/** The JSON around the elements, exactly as `JSON.stringify` writes a Bulk Import body. */
const ENVELOPE = JSON.stringify({ type: 'transition', elements: [] });

/** Bytes of a Bulk Import body with no elements (`{"type":"transition","elements":[]}`). */
export const ENVELOPE_BYTES = utf8ByteLength(ENVELOPE);

/** Bytes of a Bulk Import body holding `count` elements whose own JSON totals `elementBytes`. */
export function bodyBytes(elementBytes: number, count: number): number {
  return ENVELOPE_BYTES + elementBytes + Math.max(0, count - 1);
}

/** The largest element that fits alone in a request under `payloadLimitBytes`. */
export function maxElementBytes(payloadLimitBytes: number): number {
  return payloadLimitBytes - ENVELOPE_BYTES;
}

/** Elements that travel together in one request, with their totals. */
export interface Batch {
  readonly items: readonly QueuedElement[];
  /** UTF-8 bytes of the request body. */
  readonly bytes: number;
  readonly users: number;
  readonly events: number;
}

/** Why a planned batch ends where it does. */
export type BatchStop = 'bytes' | 'budget' | 'end';

/** How many queued elements the next request takes, and why it cannot take more. */
export interface BatchPlan {
  count: number;
  stoppedBy: BatchStop;
}

/** Room for the next request: bytes of body, and budget units allowed right now. */
export interface BatchCapacity {
  payloadLimitBytes: number;
  maxUsers: number;
  maxEvents: number;
}

/**
 * Plans the next request from the head of the queue: as many elements as fit, in order. Scans only
 * the elements it takes (plus one).
 */
export function planBatch(queue: ElementQueue, capacity: BatchCapacity): BatchPlan {
  let bytes = ENVELOPE_BYTES;
  let users = 0;
  let events = 0;
  for (let count = 0; ; count++) {
    const item = queue.at(count);
    if (item === undefined) return { count, stoppedBy: 'end' };
    bytes += item.bytes + (count > 0 ? 1 : 0);
    if (bytes > capacity.payloadLimitBytes) return { count, stoppedBy: 'bytes' };
    users += item.users;
    events += item.events;
    if (users > capacity.maxUsers || events > capacity.maxEvents) return { count, stoppedBy: 'budget' };
  }
}

/** Whether the whole queue would fit in one request under `capacity` (then no plan can stop early). */
export function queueFitsInOneRequest(queue: ElementQueue, capacity: BatchCapacity): boolean {
  return (
    bodyBytes(queue.bytes, queue.count) <= capacity.payloadLimitBytes &&
    queue.users <= capacity.maxUsers &&
    queue.events <= capacity.maxEvents
  );
}

/** Wraps elements into a batch with its totals. */
export function makeBatch(items: readonly QueuedElement[]): Batch {
  let elementBytes = 0;
  let users = 0;
  let events = 0;
  for (const item of items) {
    elementBytes += item.bytes;
    users += item.users;
    events += item.events;
  }
  return { items, bytes: bodyBytes(elementBytes, items.length), users, events };
}

/** Splits a batch of two or more elements into halves, keeping order (for 413 answers). */
export function splitBatch(batch: Batch): [Batch, Batch] {
  const middle = Math.ceil(batch.items.length / 2);
  return [makeBatch(batch.items.slice(0, middle)), makeBatch(batch.items.slice(middle))];
}

/** The Bulk Import body for a batch; `JSON.stringify` of it is exactly `batch.bytes` long. */
export function toRequestBody(batch: Batch): BulkImportRequest {
  return { type: 'transition', elements: batch.items.map((item) => item.element) };
}
