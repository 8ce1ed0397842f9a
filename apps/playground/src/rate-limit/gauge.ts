/**
 * The rate-limit gauge: what the last answer's `x-ratelimit-*` headers say about the operation's
 * fixed window, read at a later moment so the countdown runs live between requests.
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';

/** How full the budget is, for colour. */
export type GaugeLevel = 'plenty' | 'low' | 'empty';

/** The gauge at one moment. */
export interface GaugeReading {
  limit: number;
  windowSeconds: number;
  /** What the headers said was left (or the whole budget once the window has rolled over). */
  remaining: number;
  used: number;
  /** remaining / limit, 0..1. */
  remainingFraction: number;
  /** Seconds until the window resets, counted down from the headers' value. */
  resetsInSeconds: number;
  /** How much of the window has passed, 0..1. */
  windowElapsedFraction: number;
  /** `true` once the reset time has passed: the next request starts a fresh window. */
  rolledOver: boolean;
  level: GaugeLevel;
}

/** Below this fraction of the budget the gauge turns amber. */
const LOW_FRACTION = 0.2;

/**
 * Reads the gauge `now` (epoch ms) from headers received at `receivedAt`.
 *
 * @example
 * readGauge({ limit: 10000, windowSeconds: 60, remaining: 9999, resetSeconds: 42 }, t, t + 2000).resetsInSeconds; // 40
 */
export function readGauge(info: RateLimitInfo, receivedAt: number, now: number): GaugeReading {
  const elapsedSeconds = Math.max(0, Math.floor((now - receivedAt) / 1000));
  const resetsInSeconds = Math.max(0, info.resetSeconds - elapsedSeconds);
  // `reset` counts whole seconds left, so the window is over only once a full extra second has passed.
  const rolledOver = elapsedSeconds > info.resetSeconds;
  const limit = Math.max(0, info.limit);
  const remaining = rolledOver ? limit : Math.min(Math.max(0, info.remaining), limit);
  const remainingFraction = limit === 0 ? 0 : remaining / limit;
  const windowSeconds = Math.max(1, info.windowSeconds);
  return {
    limit,
    windowSeconds,
    remaining,
    used: limit - remaining,
    remainingFraction,
    resetsInSeconds: rolledOver ? windowSeconds : resetsInSeconds,
    windowElapsedFraction: rolledOver ? 0 : Math.min(1, 1 - resetsInSeconds / windowSeconds),
    rolledOver,
    level: remaining === 0 ? 'empty' : remainingFraction < LOW_FRACTION ? 'low' : 'plenty',
  };
}
