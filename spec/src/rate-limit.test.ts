import { describe, expect, it } from 'vitest';
import { formatRateLimitHeaders, parseRateLimitHeaders } from './rate-limit.ts';

const overviewExample = {
  'x-ratelimit-limit': '31500; w=60',
  'x-ratelimit-remaining': '31499',
  'x-ratelimit-reset': '29',
};

describe('parseRateLimitHeaders', () => {
  it("reads the overview's example headers", () => {
    expect(parseRateLimitHeaders(overviewExample)).toEqual({
      limit: 31500,
      windowSeconds: 60,
      remaining: 31499,
      resetSeconds: 29,
    });
  });

  it('reads a fetch Headers object, whose names are case-insensitive', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '10000;w=60',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '60',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limit: 10000,
      windowSeconds: 60,
      remaining: 0,
      resetSeconds: 60,
    });
  });

  it('finds headers in a plain record whatever their casing', () => {
    const record = {
      'X-RATELIMIT-LIMIT': '1000; w=60',
      'X-Ratelimit-Remaining': '5',
      'x-ratelimit-reset': '1',
    };
    expect(parseRateLimitHeaders(record)?.remaining).toBe(5);
  });

  it('assumes a 60-second window when the limit has no w parameter', () => {
    expect(parseRateLimitHeaders({ ...overviewExample, 'x-ratelimit-limit': '500' })?.windowSeconds).toBe(60);
  });

  it('turns an epoch-seconds reset into seconds left, using the injected clock', () => {
    const now = () => 1_700_000_000_000;
    const parsed = parseRateLimitHeaders({ ...overviewExample, 'x-ratelimit-reset': '1700000042' }, { now });
    expect(parsed?.resetSeconds).toBe(42);
  });

  it('clamps an epoch reset in the past to zero', () => {
    const now = () => 1_700_000_100_000;
    const parsed = parseRateLimitHeaders({ ...overviewExample, 'x-ratelimit-reset': '1700000042' }, { now });
    expect(parsed?.resetSeconds).toBe(0);
  });

  it.each([
    ['a missing limit header', { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '2' }],
    ['a missing remaining header', { 'x-ratelimit-limit': '10; w=60', 'x-ratelimit-reset': '2' }],
    ['a missing reset header', { 'x-ratelimit-limit': '10; w=60', 'x-ratelimit-remaining': '1' }],
    ['a non-numeric limit', { ...overviewExample, 'x-ratelimit-limit': 'lots; w=60' }],
    ['a negative remaining', { ...overviewExample, 'x-ratelimit-remaining': '-1' }],
    ['a fractional reset', { ...overviewExample, 'x-ratelimit-reset': '2.5' }],
    ['a zero window', { ...overviewExample, 'x-ratelimit-limit': '10; w=0' }],
    ['garbage after the limit', { ...overviewExample, 'x-ratelimit-limit': '10 w=60' }],
    ['empty values', { 'x-ratelimit-limit': '', 'x-ratelimit-remaining': '', 'x-ratelimit-reset': '' }],
  ])('returns undefined for %s', (_case, headers) => {
    expect(parseRateLimitHeaders(headers)).toBeUndefined();
  });
});

describe('formatRateLimitHeaders', () => {
  it("writes the overview's format", () => {
    expect(
      formatRateLimitHeaders({ limit: 31500, windowSeconds: 60, remaining: 31499, resetSeconds: 29 }),
    ).toEqual(overviewExample);
  });

  it('round-trips through parseRateLimitHeaders', () => {
    const info = { limit: 10_000, windowSeconds: 60, remaining: 7, resetSeconds: 0 };
    expect(parseRateLimitHeaders(formatRateLimitHeaders(info))).toEqual(info);
  });

  it.each([
    ['a negative remaining', { limit: 10, windowSeconds: 60, remaining: -1, resetSeconds: 0 }],
    ['a fractional reset', { limit: 10, windowSeconds: 60, remaining: 1, resetSeconds: 0.5 }],
    ['a zero window', { limit: 10, windowSeconds: 0, remaining: 1, resetSeconds: 0 }],
    ['a NaN limit', { limit: Number.NaN, windowSeconds: 60, remaining: 1, resetSeconds: 0 }],
  ])('refuses %s with a RangeError that says what to fix', (_case, info) => {
    expect(() => formatRateLimitHeaders(info)).toThrow(RangeError);
  });
});
