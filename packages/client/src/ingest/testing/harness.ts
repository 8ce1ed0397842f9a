/** Test wiring: a fake clock, a fake Bulk Import endpoint, an ingestor, and element factories. */
import { createIngestor } from '../ingestor.ts';
import type { BulkElement, IngestFailureDetails, IngestorOptions } from '../types.ts';
import { createFakeBulkServer, type FakeBulkServerOptions } from './fake-bulk-server.ts';
import { createFakeIngestClock } from './fake-ingest-clock.ts';

/** One `onError` call. */
export interface ReportedFailure {
  elements: BulkElement[];
  reason: Error;
  details: IngestFailureDetails;
}

/** Builds the fakes and an ingestor wired to them. */
export function createHarness(
  options: {
    server?: Omit<FakeBulkServerOptions, 'clock'>;
    ingestor?: Omit<IngestorOptions, 'client' | 'clock'>;
    start?: number;
  } = {},
) {
  const clock = createFakeIngestClock(options.start ?? 0);
  const server = createFakeBulkServer({ clock, ...options.server });
  const failures: ReportedFailure[] = [];
  const ingestor = createIngestor({
    client: server.client,
    clock,
    onError: (elements, reason, details) => {
      failures.push({ elements, reason, details });
    },
    ...options.ingestor,
  });
  return { clock, server, ingestor, failures };
}

/** A customer element. */
export function user(id: number | string, attributes: Record<string, unknown> = {}): BulkElement {
  return { type: 'customer', customer_id: `user-${id}`, attributes };
}

/** An event element with `actions` actions. */
export function event(id: number | string, actions = 1): BulkElement {
  return {
    type: 'event',
    customer_id: `user-${id}`,
    actions: Array.from({ length: actions }, (_, i) => ({ action: `Viewed ${i}`, attributes: { page: i } })),
  };
}

/** A device element. */
export function device(id: number | string): BulkElement {
  return {
    type: 'device',
    customer_id: `user-${id}`,
    device_id: `device-${id}`,
    attributes: { platform: 'ANDROID', push_id: `token-${id}` },
  };
}

/**
 * A customer element whose JSON is exactly `bytes` bytes, padded with `filler` (which may be a
 * multi-byte character, e.g. an emoji or a CJK character).
 */
export function userOfSize(id: number | string, bytes: number, filler = 'x'): BulkElement {
  const fillerBytes = Buffer.byteLength(filler);
  const base = Buffer.byteLength(JSON.stringify(user(id, { note: '' })));
  const room = bytes - base;
  if (room < 0) throw new Error(`userOfSize: ${bytes} bytes is smaller than an empty element (${base})`);
  const count = Math.floor(room / fillerBytes);
  const note = filler.repeat(count) + 'x'.repeat(room - count * fillerBytes);
  const element = user(id, { note });
  if (Buffer.byteLength(JSON.stringify(element)) !== bytes) throw new Error('userOfSize: size mismatch');
  return element;
}

/** Tracks `elements` one by one, awaiting each `track()` (a producer that respects back-pressure). */
export async function produce(
  ingestor: { track(element: BulkElement): Promise<void> },
  elements: Iterable<BulkElement>,
) {
  for (const element of elements) await ingestor.track(element);
}
