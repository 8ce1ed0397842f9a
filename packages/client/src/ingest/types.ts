/**
 * Public types of the batching ingestor: its options, its stats, what `close()` returns, and the
 * small slice of the client it needs (so it can be tested with a fake client).
 */
import type {
  BulkCustomerElement,
  BulkDeviceElement,
  BulkEventElement,
  BulkImportRequest,
} from '@moedata/spec';
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { IngestClock } from './clock.ts';

/** Any element of a Bulk Import request: a customer, device or event element. */
export type BulkElement = BulkImportRequest['elements'][number];

/** Removes `type` from each member of a union (a plain `Omit` would merge the members). */
type WithoutType<T> = T extends unknown ? Omit<T, 'type'> : never;

/** A customer element without its `type`: what {@link Ingestor.trackUser} takes. */
export type IngestUser = WithoutType<BulkCustomerElement>;
/** An event element without its `type`: what {@link Ingestor.trackEvent} takes. */
export type IngestEvent = WithoutType<BulkEventElement>;
/** A device element without its `type`: what {@link Ingestor.trackDevice} takes. */
export type IngestDevice = WithoutType<BulkDeviceElement>;

/**
 * The part of the MoEngage client the ingestor calls. The client from `createMoEngage()` satisfies
 * it; tests pass a fake. Failures must be thrown as errors carrying `status` (HTTP) and, when the
 * response had them, the parsed `rateLimit` headers.
 */
export interface BulkImportClient {
  bulkImport(
    body: BulkImportRequest,
    options?: BulkImportCallOptions,
  ): Promise<{ requestId?: string | undefined; rateLimit?: RateLimitInfo | undefined }>;
}

/** The per-call options the ingestor passes to {@link BulkImportClient.bulkImport}. */
export interface BulkImportCallOptions {
  /** Aborted when `close({ timeoutMs })` gives up. */
  signal?: AbortSignal;
  /** Always `false`: the ingestor retries through its own pacer. */
  retry?: false;
  /** Portfolio project (`project_code`), when configured. */
  projectCode?: string;
  /** `false` when the ingestor validated every element in `track()`, so the client need not check again. */
  validateRequest?: boolean;
}

/** What the ingestor does when its queue is full. */
export type BackpressurePolicy = 'wait' | 'reject';

/** Extra facts passed to {@link IngestorOptions.onError}. */
export interface IngestFailureDetails {
  /** HTTP attempts made for these elements (1 when the failure was not retried). */
  attempts: number;
  /** `true` when the elements were given up because `close({ timeoutMs })` ran out of time. */
  dropped: boolean;
  /**
   * `true` when an attempt ended without an answer (the connection dropped or the call timed out
   * after the request was sent): MoEngage may have stored these elements. They are counted as
   * `maybeDelivered`, not as failed or dropped; check before sending them again.
   */
  maybeDelivered: boolean;
}

/** Options of {@link createIngestor}. Every number has a default taken from the Data API's rules. */
export interface IngestorOptions {
  /** The client that sends the Bulk Import requests (from `createMoEngage()`). */
  client: BulkImportClient;
  /** Portfolio workspaces only: the project to write to (sent as `project_code`). */
  projectCode?: string;
  /**
   * Largest request body in bytes (UTF-8 of the JSON sent). Lower it if your account enforces
   * MoEngage's older 100 KB Bulk Import cap.
   * @default PAYLOAD_LIMIT_BYTES (131072)
   */
  payloadLimitBytes?: number;
  /**
   * Per-minute budgets of the workspace's Bulk Import rate limit. The ingestor corrects them from
   * the `x-ratelimit-*` headers of every response.
   * @default { usersPerMinute: 10000, eventsPerMinute: 30000 }
   */
  budget?: { usersPerMinute?: number; eventsPerMinute?: number };
  /**
   * Device elements count against the users budget. Conservative: the server may not count them,
   * in which case the next response's headers give the unused budget back.
   * @default true
   */
  countDevicesAsUsers?: boolean;
  /**
   * Longest time an element waits in the queue for a request to fill up before it is sent in a
   * partial request.
   * @default 5000
   */
  flushIntervalMs?: number;
  /** Most elements waiting in the queue. @default 50000 */
  maxQueueSize?: number;
  /** Most bytes (serialized elements) waiting in the queue. @default 16 MiB */
  maxQueueBytes?: number;
  /**
   * When the queue is full, `'wait'` makes `track()`'s promise wait for room; `'reject'` makes it
   * reject with a `QueueFullError`.
   * @default 'wait'
   */
  backpressure?: BackpressurePolicy;
  /**
   * Requests in flight at once. With 1, elements reach MoEngage in the order they were tracked
   * (a customer is created before its events); more gives throughput but no order across requests.
   * @default 1
   */
  concurrency?: number;
  /** Retries of failed requests (the client's own retries are turned off for Bulk Import). */
  retry?: {
    /** Retries after a 5xx, a network error or a timeout. @default 5 */
    maxRetries?: number;
    /** Wait between those retries. @default 2000 */
    delayMs?: number;
    /** Retries after a 429 (each waits for the rate-limit window to reset). @default 10 */
    maxRateLimitRetries?: number;
    /**
     * After an attempt that ended without an answer (connection lost, timeout), MoEngage may already
     * have stored the request, and it has no idempotency key. `'retry'` sends it again: delivery is at
     * least once, and such elements may be stored twice. `'eventsAtMostOnce'` does not retry requests
     * holding events (a duplicated event is counted twice; a customer written twice is the same
     * customer). `'never'` retries none of them: at most once. Elements not retried are reported as
     * `maybeDelivered`.
     * @default 'retry'
     */
    uncertain?: 'retry' | 'eventsAtMostOnce' | 'never';
  };
  /**
   * Validate each element against the spec's Bulk Import element schema in `track()`, so one bad
   * element is rejected alone instead of failing the whole request it would be packed into. The
   * client then skips its own check of those requests (`validateRequest: false`). The schemas load
   * lazily: `track()` calls made before they arrive wait for them, in order.
   * @default true
   */
  validate?: boolean;
  /**
   * Receives elements that could not be delivered, with the reason (the client's error after
   * retries, or the close timeout). Without it, failures are logged with `console.error`.
   */
  onError?: (elements: BulkElement[], reason: Error, details: IngestFailureDetails) => void | Promise<void>;
  /**
   * Receives warnings about delivered elements: a 2xx whose body could not be read (the elements
   * count as sent). @default console.warn
   */
  onWarning?: (message: string) => void;
  /** Time source; tests pass a fake one. @default realIngestClock */
  clock?: IngestClock;
}

/** How much of one rate-limit budget is left in the current window. */
export interface BudgetHeadroom {
  limit: number;
  used: number;
  remaining: number;
}

/** A snapshot of the ingestor for progress displays. */
export interface IngestorStats {
  /** Elements waiting to be packed into a request. */
  queued: number;
  /** Serialized bytes of the queued elements. */
  queuedBytes: number;
  /** `track()` calls waiting for room in the queue (`backpressure: 'wait'`) or for the validators to load. */
  waiting: number;
  /** Elements in requests being sent or waiting to be retried. */
  inFlight: number;
  /** Elements MoEngage accepted (2xx). */
  sent: number;
  /** Elements reported to `onError` after a definitive failure. */
  failed: number;
  /** Elements given up because `close({ timeoutMs })` ran out of time (also reported). */
  dropped: number;
  /** Elements reported after an attempt without an answer: MoEngage may have stored them. */
  maybeDelivered: number;
  /** Elements sent (in `sent`) after an attempt without an answer: they may be stored twice. */
  maybeTwice: number;
  /** Bytes of request bodies MoEngage accepted. */
  bytesSent: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Requests that were retries. */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Budgets of the current rate-limit window, as the ingestor believes them. */
  budget: {
    users: BudgetHeadroom;
    events: BudgetHeadroom;
    /** Milliseconds until the window resets (the ingestor's estimate). */
    resetsInMs: number;
    /** Milliseconds left of a pause caused by a 429; 0 when not paused. */
    pausedForMs: number;
  };
}

/**
 * The totals `close()` resolves with. Every tracked element is counted in exactly one of `sent`,
 * `failed`, `dropped` and `maybeDelivered`. Delivery is at least once (MoEngage has no idempotency
 * key): `maybeTwice` of the sent elements followed an attempt that may already have stored them.
 */
export interface IngestorCloseResult {
  sent: number;
  failed: number;
  dropped: number;
  /** Reported to `onError` with `maybeDelivered: true`: MoEngage may or may not have stored them. */
  maybeDelivered: number;
  /** Of `sent`, the elements that may be stored twice. */
  maybeTwice: number;
  /** HTTP requests made, retries included. */
  requests: number;
}

/** Sends bulk elements through Bulk Import as fast as the workspace's limits allow. */
export interface Ingestor {
  /**
   * Queues one element (customer, device or event; Identity Resolution elements without
   * `customer_id` too). Resolves once queued, not once delivered. Rejects when the element is
   * invalid or too large for one request, when the queue is full with `backpressure: 'reject'`,
   * or after `close()`.
   */
  track(element: BulkElement): Promise<void>;
  /** `track({ type: 'customer', ...user })`. */
  trackUser(user: IngestUser): Promise<void>;
  /** `track({ type: 'event', ...event })`. */
  trackEvent(event: IngestEvent): Promise<void>;
  /** `track({ type: 'device', ...device })`. */
  trackDevice(device: IngestDevice): Promise<void>;
  /** Sends everything queued now; resolves when every element tracked before the call is delivered or reported. */
  flush(): Promise<void>;
  /**
   * Stops accepting elements, sends the rest, and waits for requests in flight and pending retries.
   * After `timeoutMs`, what is left is aborted and reported to `onError` as dropped.
   * Calling it again returns the same promise.
   */
  close(options?: { timeoutMs?: number }): Promise<IngestorCloseResult>;
  /** Current counts and budget headroom. */
  stats(): IngestorStats;
}
