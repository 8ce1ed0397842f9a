/**
 * Fixed-window rate limits per workspace and operation, counted in units (users, events, devices or
 * requests), as decisions.md describes. Windows are aligned to the clock (minute boundaries for the
 * 60-second window), so `x-ratelimit-reset` is simply the seconds left until the next boundary.
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { RateLimitUnit } from '@moedata/spec/rules';

/** Units per window, per unit kind. */
export type UnitBudget = Partial<Record<RateLimitUnit, number>>;

/** The outcome of {@link RateLimiter.consume}. */
export interface RateLimitDecision {
  allowed: boolean;
  /** What the `x-ratelimit-*` headers report (after consumption when allowed). */
  info: RateLimitInfo;
}

/** Rate-limit windows of every workspace; state lives in memory (it does not survive a restart). */
export interface RateLimiter {
  /** Consumes `demand` when every unit fits in what is left of its budget; otherwise consumes nothing. */
  consume(scope: string, limits: UnitBudget, demand: UnitBudget, now: number): RateLimitDecision;
  /** What the headers report for this scope right now, consuming nothing. */
  peek(scope: string, limits: UnitBudget, now: number): RateLimitInfo;
  /** What the headers report for a scope nobody has used (an unauthenticated request), storing nothing. */
  preview(limits: UnitBudget, now: number): RateLimitInfo;
  /** Forgets every window. */
  reset(): void;
}

interface Window {
  start: number;
  used: UnitBudget;
}

/** Creates a limiter with windows of `windowSeconds` (60 in the Data API). */
export function createRateLimiter(windowSeconds: number): RateLimiter {
  const windowMs = windowSeconds * 1000;
  const windows = new Map<string, Window>();

  const current = (scope: string, now: number): Window => {
    const start = Math.floor(now / windowMs) * windowMs;
    const existing = windows.get(scope);
    if (existing && existing.start === start) return existing;
    const fresh: Window = { start, used: {} };
    windows.set(scope, fresh);
    return fresh;
  };

  const describe = (window: Window, limits: UnitBudget, now: number, unit: RateLimitUnit): RateLimitInfo => {
    const limit = Math.max(0, Math.floor(limits[unit] ?? 0));
    return {
      limit,
      windowSeconds,
      remaining: Math.max(0, limit - (window.used[unit] ?? 0)),
      resetSeconds: Math.ceil((window.start + windowMs - now) / 1000),
    };
  };

  /** The unit the headers describe: the one with the smallest share left (first unit on ties). */
  const headlineUnit = (window: Window, limits: UnitBudget): RateLimitUnit => {
    const units = Object.keys(limits) as RateLimitUnit[];
    let best = units[0] ?? 'requests';
    let bestShare = Number.POSITIVE_INFINITY;
    for (const unit of units) {
      const limit = limits[unit] ?? 0;
      const share = limit === 0 ? 0 : (limit - (window.used[unit] ?? 0)) / limit;
      if (share < bestShare) {
        best = unit;
        bestShare = share;
      }
    }
    return best;
  };

  return {
    consume(scope, limits, demand, now) {
      const window = current(scope, now);
      const units = Object.keys(limits) as RateLimitUnit[];
      const over = units.find((unit) => (window.used[unit] ?? 0) + (demand[unit] ?? 0) > (limits[unit] ?? 0));
      if (over !== undefined) {
        return { allowed: false, info: describe(window, limits, now, over) };
      }
      for (const unit of units) window.used[unit] = (window.used[unit] ?? 0) + (demand[unit] ?? 0);
      return { allowed: true, info: describe(window, limits, now, headlineUnit(window, limits)) };
    },
    peek(scope, limits, now) {
      const window = current(scope, now);
      return describe(window, limits, now, headlineUnit(window, limits));
    },
    preview(limits, now) {
      const window: Window = { start: Math.floor(now / windowMs) * windowMs, used: {} };
      return describe(window, limits, now, headlineUnit(window, limits));
    },
    reset() {
      windows.clear();
    },
  };
}
