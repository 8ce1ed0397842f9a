import type { RateLimitInfo } from '@moedata/spec/rate-limit';

export { parseRateLimitHeaders, type RateLimitInfo } from '@moedata/spec/rate-limit';

/**
 * How long to wait before retrying after a 429, in milliseconds: until the window resets.
 *
 * `x-ratelimit-reset` counts whole seconds left in the window, so `0` still means "a fraction of a
 * second left": the wait is at least one second, which also keeps a retry loop from spinning.
 * Without the header (a proxy answered, or the title envelope came without headers) it is `undefined`
 * and the caller falls back to its regular retry delay.
 */
export function rateLimitWaitMs(info: RateLimitInfo | undefined): number | undefined {
  if (info === undefined || !Number.isFinite(info.resetSeconds)) return undefined;
  return Math.max(info.resetSeconds, 1) * 1000;
}
