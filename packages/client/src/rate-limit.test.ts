import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, rateLimitWaitMs } from './rate-limit.ts';

describe('rateLimitWaitMs', () => {
  it('waits the seconds left in the window', () => {
    expect(rateLimitWaitMs({ limit: 31_500, windowSeconds: 60, remaining: 0, resetSeconds: 29 })).toBe(
      29_000,
    );
  });

  it('waits at least one second when the window is about to reset', () => {
    expect(rateLimitWaitMs({ limit: 31_500, windowSeconds: 60, remaining: 0, resetSeconds: 0 })).toBe(1000);
  });

  it('has no opinion without rate-limit information', () => {
    expect(rateLimitWaitMs(undefined)).toBeUndefined();
  });

  it('re-exports the spec parser for the overview header format', () => {
    const headers = new Headers({
      'x-ratelimit-limit': '31500; w=60',
      'x-ratelimit-remaining': '31499',
      'x-ratelimit-reset': '29',
    });
    expect(parseRateLimitHeaders(headers)).toEqual({
      limit: 31_500,
      windowSeconds: 60,
      remaining: 31_499,
      resetSeconds: 29,
    });
  });
});
