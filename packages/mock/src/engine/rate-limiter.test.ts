import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

const t0 = Date.UTC(2024, 0, 15, 12, 0, 40); // 40 s into a minute window

describe('createRateLimiter', () => {
  it('consumes units and reports what is left and the seconds to the window boundary', () => {
    const limiter = createRateLimiter(60);
    const decision = limiter.consume('WS1:trackUser', { users: 10 }, { users: 3 }, t0);
    expect(decision).toEqual({
      allowed: true,
      info: { limit: 10, windowSeconds: 60, remaining: 7, resetSeconds: 20 },
    });
  });

  it('rejects a demand larger than what is left, whole, consuming nothing', () => {
    const limiter = createRateLimiter(60);
    limiter.consume('s', { users: 10 }, { users: 8 }, t0);
    const rejected = limiter.consume('s', { users: 10 }, { users: 3 }, t0);
    expect(rejected.allowed).toBe(false);
    expect(rejected.info.remaining).toBe(2);
    expect(limiter.consume('s', { users: 10 }, { users: 2 }, t0).info.remaining).toBe(0);
  });

  it('starts a fresh budget at the next window boundary', () => {
    const limiter = createRateLimiter(60);
    limiter.consume('s', { users: 10 }, { users: 10 }, t0);
    expect(limiter.consume('s', { users: 10 }, { users: 1 }, t0 + 19_999).allowed).toBe(false);
    const next = limiter.consume('s', { users: 10 }, { users: 1 }, t0 + 20_000);
    expect(next).toEqual({
      allowed: true,
      info: { limit: 10, windowSeconds: 60, remaining: 9, resetSeconds: 60 },
    });
  });

  it('keeps scopes apart', () => {
    const limiter = createRateLimiter(60);
    limiter.consume('WS1:trackUser', { users: 1 }, { users: 1 }, t0);
    expect(limiter.consume('WS2:trackUser', { users: 1 }, { users: 1 }, t0).allowed).toBe(true);
  });

  it('reports the unit with the smallest share left when an operation has two budgets', () => {
    const limiter = createRateLimiter(60);
    const limits = { users: 100, events: 300 };
    expect(limiter.consume('bulk', limits, { users: 10, events: 10 }, t0).info).toMatchObject({
      limit: 100,
      remaining: 90,
    });
    expect(limiter.consume('bulk', limits, { events: 200 }, t0).info).toMatchObject({
      limit: 300,
      remaining: 90,
    });
  });

  it('reports the exceeded unit when a two-budget demand is rejected', () => {
    const limiter = createRateLimiter(60);
    const decision = limiter.consume('bulk', { users: 100, events: 300 }, { users: 1, events: 301 }, t0);
    expect(decision.allowed).toBe(false);
    expect(decision.info).toMatchObject({ limit: 300, remaining: 300 });
  });

  it('peeks without consuming and forgets everything on reset', () => {
    const limiter = createRateLimiter(60);
    limiter.consume('s', { users: 10 }, { users: 4 }, t0);
    expect(limiter.peek('s', { users: 10 }, t0).remaining).toBe(6);
    expect(limiter.peek('s', { users: 10 }, t0).remaining).toBe(6);
    limiter.reset();
    expect(limiter.peek('s', { users: 10 }, t0).remaining).toBe(10);
  });
});
