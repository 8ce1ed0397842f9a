/**
 * `@moedata/spec/rate-limit`: read and write the three rate-limit headers every Data API response
 * carries. No runtime dependencies.
 *
 * Wire format (the overview's reading, decisions.md):
 * - `x-ratelimit-limit: 31500; w=60`: budget (users/events/devices/requests) per 60-second window;
 * - `x-ratelimit-remaining: 31499`: what is left in the current window;
 * - `x-ratelimit-reset: 29`: seconds left until the window resets (0..60), not an epoch.
 */

/** Rate-limit state of a workspace, as reported by one response. */
export interface RateLimitInfo {
  /** Budget per window. */
  limit: number;
  /** Window length in seconds (the `w=` parameter). */
  windowSeconds: number;
  /** Budget left in the current window. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** The three header names, lower-case. */
export const RATE_LIMIT_HEADER_NAMES = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
} as const;

/** Header name → value, as sent on the wire. */
export type RateLimitHeaders = Record<
  'x-ratelimit-limit' | 'x-ratelimit-remaining' | 'x-ratelimit-reset',
  string
>;

/** Options for {@link parseRateLimitHeaders}. */
export interface ParseRateLimitOptions {
  /**
   * Clock in epoch milliseconds, used only when `x-ratelimit-reset` holds an epoch timestamp
   * (MoEngage's rate-limit page describes it that way) instead of seconds left.
   * @default Date.now
   */
  now?: () => number;
  /** Window assumed when `x-ratelimit-limit` has no `w=` parameter. @default 60 */
  defaultWindowSeconds?: number;
}

// "31500; w=60", "31500;w=60", "31500": the number, then optional parameters.
const LIMIT_VALUE = /^\s*(\d+)\s*((?:;\s*[A-Za-z]+\s*=\s*[^;]*)*)\s*$/;
const WINDOW_PARAMETER = /;\s*w\s*=\s*(\d+)\s*(?:;|$)/i;
const NON_NEGATIVE_INTEGER = /^\s*(\d+)\s*$/;
// Anything this large is an epoch timestamp, not a countdown (1e9 s is 2001-09-09).
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

function readHeader(headers: Headers | Record<string, string | undefined>, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | undefined>;
  const direct = record[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

function parseNonNegativeInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = NON_NEGATIVE_INTEGER.exec(value);
  if (!match?.[1]) return undefined;
  const parsed = Number(match[1]);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/**
 * Reads the rate-limit headers of a response.
 * Returns undefined when any of the three is missing or malformed, so callers never act on half a reading.
 * @example parseRateLimitHeaders(response.headers) // { limit: 31500, windowSeconds: 60, remaining: 31499, resetSeconds: 29 }
 */
export function parseRateLimitHeaders(
  headers: Headers | Record<string, string | undefined>,
  options: ParseRateLimitOptions = {},
): RateLimitInfo | undefined {
  const limitMatch = LIMIT_VALUE.exec(readHeader(headers, RATE_LIMIT_HEADER_NAMES.limit) ?? '');
  const remaining = parseNonNegativeInteger(readHeader(headers, RATE_LIMIT_HEADER_NAMES.remaining));
  const reset = parseNonNegativeInteger(readHeader(headers, RATE_LIMIT_HEADER_NAMES.reset));
  if (!limitMatch?.[1] || remaining === undefined || reset === undefined) return undefined;

  const limit = Number(limitMatch[1]);
  const parameters = limitMatch[2] ?? '';
  const windowMatch = WINDOW_PARAMETER.exec(parameters);
  const windowSeconds = windowMatch?.[1] ? Number(windowMatch[1]) : (options.defaultWindowSeconds ?? 60);
  if (!Number.isSafeInteger(limit) || windowSeconds <= 0) return undefined;

  const resetSeconds =
    reset >= EPOCH_SECONDS_THRESHOLD
      ? Math.max(0, Math.ceil(reset - (options.now ?? Date.now)() / 1000))
      : reset;
  return { limit, windowSeconds, remaining, resetSeconds };
}

function assertNonNegativeInteger(name: keyof RateLimitInfo, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `RateLimitInfo.${name} must be a non-negative integer, got ${String(value)}; round or clamp it before formatting.`,
    );
  }
}

/**
 * Writes the three rate-limit headers for a response.
 * @throws RangeError when a value is not a non-negative integer or the window is 0.
 * @example formatRateLimitHeaders({ limit: 31500, windowSeconds: 60, remaining: 31499, resetSeconds: 29 })
 * // { 'x-ratelimit-limit': '31500; w=60', 'x-ratelimit-remaining': '31499', 'x-ratelimit-reset': '29' }
 */
export function formatRateLimitHeaders(info: RateLimitInfo): RateLimitHeaders {
  assertNonNegativeInteger('limit', info.limit);
  assertNonNegativeInteger('windowSeconds', info.windowSeconds);
  assertNonNegativeInteger('remaining', info.remaining);
  assertNonNegativeInteger('resetSeconds', info.resetSeconds);
  if (info.windowSeconds === 0) {
    throw new RangeError('RateLimitInfo.windowSeconds must be at least 1 (the Data API uses 60).');
  }
  return {
    'x-ratelimit-limit': `${info.limit}; w=${info.windowSeconds}`,
    'x-ratelimit-remaining': String(info.remaining),
    'x-ratelimit-reset': String(info.resetSeconds),
  };
}
