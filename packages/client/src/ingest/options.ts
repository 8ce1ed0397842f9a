/**
 * Defaults and checks for {@link IngestorOptions}: a bad option fails at construction with a message
 * that says what to pass instead.
 */
import { DEFAULT_RATE_LIMITS, PAYLOAD_LIMIT_BYTES, SERVER_ERROR_RETRY } from '@moedata/spec/rules';
import { ENVELOPE_BYTES } from './batcher.ts';
import { type IngestClock, realIngestClock } from './clock.ts';
import type { RetryPolicy } from './delivery.ts';
import type { BackpressurePolicy, BulkImportClient, IngestorOptions } from './types.ts';

/** Every option with its default applied. */
export interface ResolvedIngestorOptions {
  client: BulkImportClient;
  projectCode: string | undefined;
  payloadLimitBytes: number;
  usersPerMinute: number;
  eventsPerMinute: number;
  countDevicesAsUsers: boolean;
  flushIntervalMs: number;
  maxQueueSize: number;
  maxQueueBytes: number;
  backpressure: BackpressurePolicy;
  concurrency: number;
  retry: RetryPolicy;
  validate: boolean;
  onError: IngestorOptions['onError'];
  onWarning: (message: string) => void;
  clock: IngestClock;
}

/** @default 5 seconds: how long an element may wait for a request to fill up. */
export const DEFAULT_FLUSH_INTERVAL_MS = 5_000;
/** @default 50,000 elements waiting. */
export const DEFAULT_MAX_QUEUE_SIZE = 50_000;
/** @default 16 MiB of serialized elements waiting (128 full requests). */
export const DEFAULT_MAX_QUEUE_BYTES = 16 * 1024 * 1024;
/** @default 10 retries after 429 answers for one batch. */
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 10;

function integerAtLeast(name: string, value: number | undefined, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `createIngestor: ${name} must be an integer of at least ${min}; got ${String(value)}.`,
    );
  }
  return value;
}

/** Applies defaults and rejects impossible settings. */
export function resolveIngestorOptions(options: IngestorOptions): ResolvedIngestorOptions {
  if (typeof options?.client?.bulkImport !== 'function') {
    throw new TypeError(
      'createIngestor: pass { client } with a bulkImport method, e.g. the client from createMoEngage().',
    );
  }
  const bulkLimits = DEFAULT_RATE_LIMITS.bulkImport.limits;
  const payloadLimitBytes = integerAtLeast(
    'payloadLimitBytes',
    options.payloadLimitBytes,
    ENVELOPE_BYTES + 2,
    PAYLOAD_LIMIT_BYTES,
  );
  const maxQueueBytes = integerAtLeast('maxQueueBytes', options.maxQueueBytes, 1, DEFAULT_MAX_QUEUE_BYTES);
  if (maxQueueBytes < payloadLimitBytes) {
    throw new RangeError(
      `createIngestor: maxQueueBytes (${maxQueueBytes}) must be at least payloadLimitBytes (${payloadLimitBytes}), ` +
        'or requests could never be filled.',
    );
  }
  const backpressure = options.backpressure ?? 'wait';
  if (backpressure !== 'wait' && backpressure !== 'reject') {
    throw new RangeError(
      `createIngestor: backpressure must be 'wait' or 'reject'; got ${String(backpressure)}.`,
    );
  }
  const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  if (!(flushIntervalMs >= 0 && Number.isFinite(flushIntervalMs))) {
    throw new RangeError(
      `createIngestor: flushIntervalMs must be a finite number >= 0; got ${flushIntervalMs}.`,
    );
  }
  const delayMs = options.retry?.delayMs ?? SERVER_ERROR_RETRY.intervalMs;
  if (!(delayMs >= 0 && Number.isFinite(delayMs))) {
    throw new RangeError(`createIngestor: retry.delayMs must be a finite number >= 0; got ${delayMs}.`);
  }
  const uncertain = options.retry?.uncertain ?? 'retry';
  if (uncertain !== 'retry' && uncertain !== 'eventsAtMostOnce' && uncertain !== 'never') {
    throw new RangeError(
      `createIngestor: retry.uncertain must be 'retry', 'eventsAtMostOnce' or 'never'; got ${String(uncertain)}.`,
    );
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError('createIngestor: onError must be a function (elements, reason, details) => void.');
  }
  return {
    client: options.client,
    projectCode: options.projectCode,
    payloadLimitBytes,
    usersPerMinute: integerAtLeast(
      'budget.usersPerMinute',
      options.budget?.usersPerMinute,
      1,
      bulkLimits.users ?? 10_000,
    ),
    eventsPerMinute: integerAtLeast(
      'budget.eventsPerMinute',
      options.budget?.eventsPerMinute,
      1,
      bulkLimits.events ?? 30_000,
    ),
    countDevicesAsUsers: options.countDevicesAsUsers ?? true,
    flushIntervalMs,
    maxQueueSize: integerAtLeast('maxQueueSize', options.maxQueueSize, 1, DEFAULT_MAX_QUEUE_SIZE),
    maxQueueBytes,
    backpressure,
    concurrency: integerAtLeast('concurrency', options.concurrency, 1, 1),
    retry: {
      maxRetries: integerAtLeast(
        'retry.maxRetries',
        options.retry?.maxRetries,
        0,
        SERVER_ERROR_RETRY.maxAttempts,
      ),
      delayMs,
      maxRateLimitRetries: integerAtLeast(
        'retry.maxRateLimitRetries',
        options.retry?.maxRateLimitRetries,
        0,
        DEFAULT_MAX_RATE_LIMIT_RETRIES,
      ),
      uncertain,
    },
    validate: options.validate ?? true,
    onError: options.onError,
    onWarning: options.onWarning ?? ((message) => console.warn(message)),
    clock: options.clock ?? realIngestClock,
  };
}
