import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  type MoEngageError,
  RateLimitedError,
  RequestValidationError,
  ServerError,
  TimeoutError,
} from './errors.ts';
import { DEFAULT_RETRY_OPTIONS, resolveRetryOptions, retryDelayMs } from './retry.ts';

const base = { operationId: 'trackUser' as const };
const policy = DEFAULT_RETRY_OPTIONS;

describe('retryDelayMs', () => {
  it('retries 5xx, network errors and timeouts every 2 s', () => {
    expect(retryDelayMs(new ServerError({ ...base, status: 503 }), 1, policy)).toBe(2000);
    expect(retryDelayMs(new ConnectionError(base), 3, policy)).toBe(2000);
    expect(retryDelayMs(new TimeoutError({ ...base, timeoutMs: 1 }), 5, policy)).toBe(2000);
  });

  it('stops after 5 retries', () => {
    expect(retryDelayMs(new ServerError(base), 6, policy)).toBeUndefined();
  });

  it('waits for the rate-limit window to reset after a 429, at least one second', () => {
    const limited = (resetSeconds: number) =>
      new RateLimitedError({
        ...base,
        status: 429,
        rateLimit: { limit: 1, windowSeconds: 60, remaining: 0, resetSeconds },
      });
    expect(retryDelayMs(limited(17), 1, policy)).toBe(17_000);
    expect(retryDelayMs(limited(0), 1, policy)).toBe(1000);
  });

  it('falls back to the regular delay when a 429 has no rate-limit headers', () => {
    expect(retryDelayMs(new RateLimitedError({ ...base, status: 429 }), 1, policy)).toBe(2000);
  });

  it('gives up on a 429 whose reset is further away than maxRateLimitWaitMs', () => {
    const error = new RateLimitedError({
      ...base,
      status: 429,
      rateLimit: { limit: 1, windowSeconds: 60, remaining: 0, resetSeconds: 45 },
    });
    expect(retryDelayMs(error, 1, { ...policy, maxRateLimitWaitMs: 30_000 })).toBeUndefined();
  });

  it.each<[string, MoEngageError]>([
    ['400', new BadRequestError(base)],
    ['401', new AuthenticationError(base)],
    ['a caller abort', new AbortedError(base)],
    ['a request validation error', new RequestValidationError({ ...base, issues: [] })],
  ])('never retries %s', (_label, error) => {
    expect(retryDelayMs(error, 1, policy)).toBeUndefined();
  });

  it('adds jitter as a fraction of the wait', () => {
    const jittery = { ...policy, jitter: 0.5 };
    expect(retryDelayMs(new ServerError(base), 1, jittery, () => 0)).toBe(2000);
    expect(retryDelayMs(new ServerError(base), 1, jittery, () => 0.5)).toBe(2500);
    expect(retryDelayMs(new ServerError(base), 1, jittery, () => 0.999)).toBeLessThan(3000);
  });
});

describe('resolveRetryOptions', () => {
  it('overrides only the fields given and keeps the rest', () => {
    expect(resolveRetryOptions(policy, { retries: 2 })).toEqual({ ...policy, retries: 2 });
    expect(resolveRetryOptions(policy, { delayMs: undefined })).toEqual(policy);
  });

  it('turns retries off with false', () => {
    expect(resolveRetryOptions(policy, false).retries).toBe(0);
  });

  it.each([
    [{ retries: -1 }, /retry\.retries must be an integer >= 0; got -1/],
    [{ retries: 1.5 }, /retry\.retries must be an integer/],
    [{ delayMs: Number.NaN }, /retry\.delayMs must be a number >= 0/],
    [{ jitter: 2 }, /retry\.jitter must be a number between 0 and 1; got 2/],
    [{ maxRateLimitWaitMs: '60s' }, /retry\.maxRateLimitWaitMs must be a number >= 0; got "60s"/],
  ])('rejects %o saying which field to fix', (override, message) => {
    expect(() => resolveRetryOptions(policy, override as never)).toThrow(message);
  });
});
