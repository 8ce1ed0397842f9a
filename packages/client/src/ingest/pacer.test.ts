import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.ts';

const limits = { users: 10_000, events: 30_000 };
const users = (n: number) => ({ users: n, events: 0 });
const events = (n: number) => ({ users: 0, events: n });
const info = (limit: number, remaining: number, resetSeconds: number) => ({
  limit,
  remaining,
  resetSeconds,
  windowSeconds: 60,
});

/** Reserves and fails the test when the pacer refuses. */
function reserve(pacer: Pacer, cost: { users: number; events: number }, now: number) {
  const claim = pacer.tryReserve(cost, now);
  if (!claim) throw new Error(`expected room for ${JSON.stringify(cost)} at ${now} ms`);
  return claim;
}

describe('Pacer', () => {
  it('spends the configured budget of a fresh window, then waits for the next one', () => {
    const pacer = new Pacer({ limits });
    expect(pacer.tryReserve(users(10_000), 0)).toBeDefined();
    expect(pacer.tryReserve(users(1), 0)).toBeUndefined();
    expect(pacer.available(0)).toEqual({ users: 0, events: 30_000 });
    expect(pacer.nextBudgetAt(0)).toBe(61_000);
  });

  it('aligns its window to x-ratelimit-reset and its usage to x-ratelimit-remaining', () => {
    const pacer = new Pacer({ limits });
    const claim = reserve(pacer, users(100), 0);
    pacer.observe(info(10_000, 9_000, 12), claim, 200);
    pacer.settle(claim, true);
    // Someone else spent 900 users: the server's remaining wins over our own count.
    expect(pacer.available(200).users).toBe(9_000);
    expect(pacer.nextBudgetAt(200)).toBe(200 + 12_000 + 1_000);
  });

  it('starts the next window only a safety margin after the estimated boundary', () => {
    const pacer = new Pacer({ limits, safetyMs: 1_000 });
    const claim = reserve(pacer, users(10_000), 0);
    pacer.observe(info(10_000, 0, 30), claim, 0);
    pacer.settle(claim, true);
    expect(pacer.available(30_500).users).toBe(0);
    expect(pacer.available(31_000).users).toBe(10_000);
  });

  it('counts a request still unanswered at the boundary in the new window too', () => {
    const pacer = new Pacer({ limits });
    const first = reserve(pacer, users(100), 0);
    pacer.observe(info(10_000, 9_900, 10), first, 0);
    pacer.settle(first, true);
    const late = reserve(pacer, users(500), 9_800);
    expect(pacer.available(11_000).users).toBe(9_500);
    pacer.settle(late, true);
  });

  it('ignores the usage reported by a late answer from the previous window', () => {
    const pacer = new Pacer({ limits });
    const first = reserve(pacer, users(100), 0);
    pacer.observe(info(10_000, 9_900, 5), first, 0);
    pacer.settle(first, true);
    const late = reserve(pacer, users(9_000), 4_900);
    expect(pacer.available(7_000).users).toBe(10_000 - 9_000);
    // Answered after the boundary, but computed in the old window: remaining 900 belongs to it.
    pacer.observe(info(10_000, 900, 0), late, 7_000);
    pacer.settle(late, true);
    expect(pacer.available(7_000).users).toBe(1_000);
  });

  it('adopts the limit the headers report for the budget they describe', () => {
    const pacer = new Pacer({ limits });
    const claim = reserve(pacer, events(100), 0);
    pacer.observe(info(31_500, 31_400, 40), claim, 0);
    pacer.settle(claim, true);
    expect(pacer.limits).toEqual({ users: 10_000, events: 31_500 });
  });

  it('tells equal budgets apart by what remains of each', () => {
    const pacer = new Pacer({ limits: { users: 60_000, events: 60_000 } });
    const claim = reserve(pacer, { users: 5_000, events: 100 }, 0);
    pacer.observe(info(60_000, 55_000, 40), claim, 0);
    pacer.settle(claim, true);
    expect(pacer.available(0)).toEqual({ users: 55_000, events: 59_900 });
  });

  it('pauses until the reset after a 429, then starts a fresh window', () => {
    const pacer = new Pacer({ limits });
    const claim = reserve(pacer, users(500), 0);
    pacer.settle(claim, false);
    pacer.pauseForRateLimit(info(10_000, 200, 8), 100);
    expect(pacer.available(5_000)).toEqual({ users: 0, events: 0 });
    expect(pacer.nextBudgetAt(5_000)).toBe(100 + 8_000 + 1_000);
    expect(pacer.available(9_100).users).toBe(10_000);
  });

  it('learns a lowered budget from a 429 that describes the unit the refused request overflowed', () => {
    const pacer = new Pacer({ limits });
    const claim = reserve(pacer, { users: 0, events: 2_000 }, 0);
    pacer.settle(claim, false);
    // 1,000 is closer to the users limit (10,000) than to the events one (30,000), but only events overflowed.
    pacer.pauseForRateLimit(info(1_000, 1_000, 30), 100, claim.cost);
    expect(pacer.limits).toEqual({ users: 10_000, events: 1_000 });
  });

  it('gives back the budget of a request the server rejected before counting it', () => {
    const pacer = new Pacer({ limits });
    const claim = reserve(pacer, users(700), 0);
    pacer.settle(claim, false);
    expect(pacer.available(0).users).toBe(10_000);
  });

  it('moves to the server window when an answer shows it is already in a later one', () => {
    const pacer = new Pacer({ limits });
    const first = reserve(pacer, users(9_000), 0);
    pacer.observe(info(10_000, 1_000, 2), first, 0);
    pacer.settle(first, true);
    // At 2.5 s we still think the old window runs (boundary + safety = 3 s), the server has rolled.
    const next = reserve(pacer, users(1_000), 2_500);
    pacer.observe(info(10_000, 9_000, 60), next, 2_600);
    pacer.settle(next, true);
    expect(pacer.available(2_600).users).toBe(9_000);
  });
});
