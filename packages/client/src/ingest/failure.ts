/**
 * What the ingestor does with a failed Bulk Import call. It reads the client's errors structurally
 * (`status`, `rateLimit`, `name`) so it works with any client that follows the contract.
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';

/**
 * - `rateLimited`: 429, wait for the window to reset and retry.
 * - `tooLarge`: 413, split the batch in halves.
 * - `retryable`: 5xx, network error or timeout, retry after a delay.
 * - `fatal`: any other answer (400, 401, 403, 409, 415) or a bug: report, never retry.
 * - `aborted`: `close({ timeoutMs })` gave up.
 * - `accepted`: a 2xx whose body the client could not read (not JSON, or not the documented shape):
 *   MoEngage accepted the request, so the elements are delivered.
 */
export type FailureKind = 'rateLimited' | 'tooLarge' | 'retryable' | 'fatal' | 'aborted' | 'accepted';

/** Error names the client uses for failures without an HTTP answer that are worth retrying. */
const RETRYABLE_NAMES = new Set(['ConnectionError', 'TimeoutError']);

/** The HTTP status of a client error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Sorts a failure; `closing` is whether our own abort signal fired. */
export function classifyFailure(error: unknown, aborted: boolean): FailureKind {
  if (aborted) return 'aborted';
  const status = statusOf(error);
  if (status !== undefined && status >= 200 && status < 300) return 'accepted';
  if (status === 429) return 'rateLimited';
  if (status === 413) return 'tooLarge';
  if (status !== undefined) return status >= 500 ? 'retryable' : 'fatal';
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && RETRYABLE_NAMES.has(name) ? 'retryable' : 'fatal';
}

/** Network error codes that mean no connection was made, so nothing reached the server. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether `error` or one of its causes carries a code saying the connection was never made. */
function neverConnected(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether the failure leaves it unknown if MoEngage stored the request: no answer came, and a
 * connection was made (it dropped, or the call timed out, once the body could have gone out). A 5xx
 * or 4xx is an answer; a refused connection or an unknown host sent nothing.
 */
export function isUncertain(kind: FailureKind, error: unknown): boolean {
  return kind === 'retryable' && statusOf(error) === undefined && !neverConnected(error);
}

/**
 * Whether the server may have counted the request against the budget. 429 and 4xx answers are
 * rejected before counting (decisions.md's check order); 5xx and lost answers might have counted.
 */
export function mayHaveConsumedBudget(kind: FailureKind, error: unknown): boolean {
  if (kind === 'rateLimited' || kind === 'tooLarge') return false;
  const status = statusOf(error);
  return !(status !== undefined && status < 500);
}

/** The parsed `x-ratelimit-*` headers a client error carries, if any. */
export function rateLimitOf(error: unknown): RateLimitInfo | undefined {
  const info = (error as { rateLimit?: unknown } | null)?.rateLimit;
  if (typeof info !== 'object' || info === null) return undefined;
  const { limit, remaining, resetSeconds, windowSeconds } = info as Record<string, unknown>;
  if (typeof limit !== 'number' || typeof remaining !== 'number' || typeof resetSeconds !== 'number') {
    return undefined;
  }
  return {
    limit,
    remaining,
    resetSeconds,
    windowSeconds: typeof windowSeconds === 'number' ? windowSeconds : 60,
  };
}

/** Anything thrown, as an `Error` for `onError`. */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
