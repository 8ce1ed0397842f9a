/**
 * Turns what `track()` receives into a queued element: a JSON snapshot (what will be sent, byte for
 * byte), its exact UTF-8 size, and what it costs against the rate-limit budgets.
 */
import type { Validators } from '../validation.ts';
import { InvalidElementError } from './errors.ts';
import type { BulkElement } from './types.ts';

/** An element waiting in the queue or travelling in a request. */
export interface QueuedElement {
  /** Position in tracking order (1, 2, ...); flushes and `flush()` promises refer to it. */
  readonly seq: number;
  /** A deep copy made from the JSON: later changes to the tracked object are not sent. */
  readonly element: BulkElement;
  /** UTF-8 bytes of `JSON.stringify(element)`. */
  readonly bytes: number;
  /** Users it counts against the users budget. */
  readonly users: number;
  /** Events it counts against the events budget (one per action). */
  readonly events: number;
  /** When it was queued (clock milliseconds). */
  enqueuedAt: number;
}

/** UTF-8 length of a string without encoding it (JSON.stringify never emits lone surrogates). */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    // Two bytes below U+0800, three above; a surrogate pair (two UTF-16 units) is four bytes,
    // and a lone surrogate becomes U+FFFD (three bytes) when encoded.
    bytes += code < 0x800 ? 1 : 2;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return bytes;
}

/** The client's JSON serializer turns bigint into strings; the snapshot must match what it sends. */
function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Serializes an element, failing with a clear error when it is not JSON. */
export function serializeElement(element: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(element, bigintAsString);
  } catch (error) {
    throw new InvalidElementError(`it cannot be serialized to JSON (${(error as Error).message})`);
  }
  if (json === undefined || json[0] !== '{') {
    throw new InvalidElementError('it must be a JSON object with a `type` of customer, event or device');
  }
  return json;
}

/**
 * Checks one element against the Bulk Import element schema of its `type` (generated from the spec);
 * throws the first problem, with its path inside the element.
 */
export function validateElement(element: unknown, validators: Pick<Validators, 'checkBulkElement'>): void {
  const problem = validators.checkBulkElement(element);
  if (problem) throw new InvalidElementError(problem.message, problem.path);
}

/** Users and events one element counts against the Bulk Import budgets. */
export function elementCost(
  element: BulkElement,
  countDevicesAsUsers: boolean,
): { users: number; events: number } {
  switch (element.type) {
    case 'customer':
      return { users: 1, events: 0 };
    case 'device':
      return { users: countDevicesAsUsers ? 1 : 0, events: 0 };
    case 'event': {
      const actions = (element as { actions?: unknown }).actions;
      return { users: 0, events: Array.isArray(actions) ? actions.length : 0 };
    }
    default:
      return { users: 0, events: 0 };
  }
}

/** Snapshot, measure and price one tracked element (validation is separate: its schemas load lazily). */
export function snapshotElement(
  element: unknown,
  seq: number,
  now: number,
  options: { countDevicesAsUsers: boolean },
): QueuedElement {
  const json = serializeElement(element);
  const snapshot = JSON.parse(json) as BulkElement;
  const { users, events } = elementCost(snapshot, options.countDevicesAsUsers);
  return { seq, element: snapshot, bytes: utf8ByteLength(json), users, events, enqueuedAt: now };
}
