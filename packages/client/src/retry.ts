import {
  ConnectionError,
  type MoEngageError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from './errors.ts';
import { rateLimitWaitMs } from './rate-limit.ts';

/** How failed calls are retried. */
export interface RetryOptions {
  /**
   * Retries after the first attempt for 5xx answers, network errors, timeouts and 429s.
   * @default 5
   */
  retries: number;
  /**
   * Wait between retries of 5xx answers, network errors and timeouts, in milliseconds.
   * @default 2000
   */
  delayMs: number;
  /**
   * Random extra wait, as a fraction of the wait (0.2 = up to 20 % more), so many clients that
   * failed together do not retry together.
   * @default 0
   */
  jitter: number;
  /**
   * Longest wait for a rate-limit window to reset after a 429, in milliseconds; a longer reset
   * throws the `RateLimitedError` at once instead of waiting.
   * @default 60000
   */
  maxRateLimitWaitMs: number;
}

/**
 * The overview's advice for 5xx answers: retry every 2 seconds, at most 5 times. 429s wait for the
 * window to reset (at most one 60-second window).
 */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  retries: 5,
  delayMs: 2_000,
  jitter: 0,
  maxRateLimitWaitMs: 60_000,
});

/** `retry: false` turns retries off; a partial object overrides the given fields only. */
export type RetryOverride = Partial<RetryOptions> | false;

/**
 * Merges a per-client or per-call override onto `base`, validating every field.
 * @throws TypeError naming the field to fix.
 */
export function resolveRetryOptions(
  base: Readonly<RetryOptions>,
  override: RetryOverride | undefined,
): RetryOptions {
  if (override === false) return { ...base, retries: 0 };
  if (override === undefined) return { ...base };
  if (typeof override !== 'object' || override === null) {
    throw new TypeError(
      'retry must be an object like { retries: 5, delayMs: 2000 } or false to turn retries off.',
    );
  }
  const merged = { ...base, ...withoutUndefined(override) };
  requireNumber('retry.retries', merged.retries, { integer: true, min: 0 });
  requireNumber('retry.delayMs', merged.delayMs, { min: 0 });
  requireNumber('retry.jitter', merged.jitter, { min: 0, max: 1 });
  requireNumber('retry.maxRateLimitWaitMs', merged.maxRateLimitWaitMs, { min: 0 });
  return merged;
}

/**
 * The wait before the next attempt, or `undefined` when `error` must be thrown: it is not retryable
 * (4xx other than 429, validation, caller abort), the retries are used up, or a rate-limit reset is
 * further away than `maxRateLimitWaitMs`.
 *
 * @param attempt the attempt that just failed, counting from 1
 * @param random a number in [0, 1) for jitter
 */
export function retryDelayMs(
  error: MoEngageError,
  attempt: number,
  options: Readonly<RetryOptions>,
  random: () => number = Math.random,
): number | undefined {
  if (attempt > options.retries) return undefined;
  let wait: number;
  if (error instanceof RateLimitedError) {
    wait = rateLimitWaitMs(error.rateLimit) ?? options.delayMs;
    if (wait > options.maxRateLimitWaitMs) return undefined;
  } else if (
    error instanceof ServerError ||
    error instanceof ConnectionError ||
    error instanceof TimeoutError
  ) {
    wait = options.delayMs;
  } else {
    return undefined;
  }
  return options.jitter > 0 ? Math.round(wait * (1 + options.jitter * random())) : wait;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** @throws TypeError when `value` is not a finite number within the bounds. */
export function requireNumber(
  name: string,
  value: unknown,
  bounds: { integer?: boolean; min?: number; max?: number },
): asserts value is number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!bounds.integer || Number.isInteger(value)) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max);
  if (!ok) {
    const kind = bounds.integer ? 'an integer' : 'a number';
    const range =
      bounds.max === undefined ? ` >= ${bounds.min ?? 0}` : ` between ${bounds.min ?? 0} and ${bounds.max}`;
    throw new TypeError(`${name} must be ${kind}${range}; got ${JSON.stringify(value) ?? String(value)}.`);
  }
}
