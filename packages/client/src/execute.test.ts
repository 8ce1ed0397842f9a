import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMoEngage } from './create-client.ts';
import {
  AbortedError,
  ConnectionError,
  type MoEngageError,
  RateLimitedError,
  ServerError,
  TimeoutError,
} from './errors.ts';
import type { MoEngageOptions } from './options.ts';
import { createFakeClock, type FakeClock } from './testing/fake-clock.ts';
import {
  createFakeFetch,
  type FakeFetch,
  failBody,
  hang,
  networkError,
  rateLimitHeaders,
  respond,
  successBody,
} from './testing/fake-fetch.ts';

const body = { type: 'customer' as const, customer_id: 'u-1' };
const serverError = respond(503, { title: 'Service Unavailable', description: 'Try again later.' });
const ok = respond(200, successBody());

function setup(
  fetch: FakeFetch,
  options: Partial<MoEngageOptions> = {},
  clock: FakeClock = createFakeClock(),
) {
  const client = createMoEngage({
    workspaceId: 'WS123',
    apiKey: 'secret-key',
    dataCenter: '01',
    fetch,
    clock,
    ...options,
  } as MoEngageOptions);
  return { client, clock, fetch };
}

async function failure(promise: Promise<unknown>): Promise<MoEngageError> {
  try {
    await promise;
  } catch (error) {
    return error as MoEngageError;
  }
  throw new Error('expected the call to fail');
}

describe('retries', () => {
  it('retries a 5xx every 2 s, 5 times, then throws ServerError', async () => {
    const { client, clock, fetch } = setup(createFakeFetch(serverError));
    const error = await failure(client.trackUser(body));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, type: 'Service Unavailable', attempts: 6 });
    expect(fetch.requests).toHaveLength(6);
    expect(clock.fired).toEqual([2000, 2000, 2000, 2000, 2000]);
    expect(clock.now()).toBe(10_000);
  });

  it('resolves as soon as a retry succeeds', async () => {
    const { client, clock } = setup(createFakeFetch(serverError, respond(502, 'Bad Gateway'), ok));
    const result = await client.trackUser(body);
    expect(result.attempts).toBe(3);
    expect(clock.fired).toEqual([2000, 2000]);
  });

  it('waits until x-ratelimit-reset after a 429, then retries', async () => {
    const limited = respond(
      429,
      failBody('Rate Limit Exceeded', 'Rate Limits for User / Event exceeded'),
      rateLimitHeaders(10_000, 0, 23),
    );
    const { client, clock, fetch } = setup(createFakeFetch(limited, ok));
    const result = await client.trackUser(body);
    expect(result.attempts).toBe(2);
    expect(clock.fired).toEqual([23_000]);
    expect(fetch.requests).toHaveLength(2);
  });

  it('throws RateLimitedError at once when the reset is further away than maxRateLimitWaitMs', async () => {
    const limited = respond(
      429,
      failBody('Rate Limit Exceeded', 'exceeded'),
      rateLimitHeaders(10_000, 0, 50),
    );
    const { client, clock, fetch } = setup(createFakeFetch(limited, ok), {
      retry: { maxRateLimitWaitMs: 10_000 },
    });
    const error = await failure(client.trackUser(body));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.rateLimit).toEqual({ limit: 10_000, windowSeconds: 60, remaining: 0, resetSeconds: 50 });
    expect(fetch.requests).toHaveLength(1);
    expect(clock.fired).toEqual([]);
  });

  it('throws RateLimitedError once the retries are used up', async () => {
    const limited = respond(
      429,
      { title: 'Rate limit exceeded', description: 'Exceeded rate limit for this url' },
      rateLimitHeaders(5_000, 0, 3),
    );
    const { client, clock, fetch } = setup(createFakeFetch(limited), { retry: { retries: 2 } });
    const error = await failure(client.deleteUser({ identity_type: 'customer_id', identity_value: 'u-1' }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(fetch.requests).toHaveLength(3);
    expect(clock.fired).toEqual([3000, 3000]);
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 415])('never retries HTTP %i', async (status) => {
    const { client, clock, fetch } = setup(createFakeFetch(respond(status, failBody('Some Error', 'no'))));
    const error = await failure(client.trackUser(body));
    expect(error.status).toBe(status);
    expect(error.attempts).toBe(1);
    expect(fetch.requests).toHaveLength(1);
    expect(clock.fired).toEqual([]);
  });

  it('retries network errors and then throws ConnectionError naming the host', async () => {
    const { client, clock, fetch } = setup(createFakeFetch(networkError()));
    const error = await failure(client.trackUser(body));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/Could not reach https:\/\/api-01\.moengage\.com \(fetch failed\)/);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(fetch.requests).toHaveLength(6);
    expect(clock.fired).toEqual([2000, 2000, 2000, 2000, 2000]);
  });

  it('follows a per-call retry policy, and sends once with retry: false', async () => {
    const { client, fetch } = setup(createFakeFetch(serverError));
    await failure(client.trackUser(body, { retry: { retries: 1, delayMs: 10 } }));
    expect(fetch.requests).toHaveLength(2);
    await failure(client.trackUser(body, { retry: false }));
    expect(fetch.requests).toHaveLength(3);
  });

  it('spreads retries with jitter when asked', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { client, clock } = setup(createFakeFetch(serverError, ok), { retry: { jitter: 0.2 } });
    await client.trackUser(body);
    expect(clock.fired).toEqual([2200]);
    random.mockRestore();
  });

  it('logs each retry at debug level', async () => {
    const debug = vi.fn();
    const { client } = setup(createFakeFetch(serverError, ok), { logger: { debug } });
    await client.trackUser(body);
    expect(debug).toHaveBeenCalledWith('Retrying trackUser in 2000 ms: ServerError on attempt 1.', {
      operationId: 'trackUser',
      attempt: 1,
      delayMs: 2000,
      status: 503,
    });
  });
});

describe('timeouts', () => {
  it('aborts a request that gets no answer within timeoutMs and throws TimeoutError', async () => {
    const { client, clock, fetch } = setup(createFakeFetch(hang()), { timeoutMs: 5000, retry: false });
    const error = await failure(client.trackUser(body));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 5000, attempts: 1 });
    expect(fetch.requests[0]?.signal.aborted).toBe(true);
    expect(clock.now()).toBe(5000);
  });

  it('retries timeouts like network errors, with a fresh timeout per attempt', async () => {
    const { client, clock, fetch } = setup(createFakeFetch(hang(), hang(), ok), { timeoutMs: 1000 });
    const result = await client.trackUser(body);
    expect(result.attempts).toBe(3);
    expect(clock.fired).toEqual([1000, 2000, 1000, 2000]);
    expect(fetch.requests.map((request) => request.signal.aborted)).toEqual([true, true, false]);
  });

  it('uses the per-call timeout over the client one', async () => {
    const { client, clock } = setup(createFakeFetch(hang()), { timeoutMs: 60_000, retry: false });
    await failure(client.trackUser(body, { timeoutMs: 250 }));
    expect(clock.fired).toEqual([250]);
  });

  it('aborts even when the fetch implementation ignores the signal', async () => {
    const deaf = createFakeFetch(() => new Promise<Response>(() => {}));
    const { client } = setup(deaf, { timeoutMs: 100, retry: false });
    await expect(client.trackUser(body)).rejects.toBeInstanceOf(TimeoutError);
  });

  it('cancels the timeout timer once the answer arrives', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const { client } = setup(createFakeFetch(ok), {}, clock);
    await client.trackUser(body);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('aborting', () => {
  it('throws AbortedError without sending when the signal is already aborted', async () => {
    const { client, fetch } = setup(createFakeFetch(ok));
    const reason = new Error('shutdown');
    const error = await failure(client.trackUser(body, { signal: AbortSignal.abort(reason) }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toBe(reason);
    expect(fetch.requests).toHaveLength(0);
  });

  it('aborts the request in flight and does not retry', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const { client, fetch } = setup(createFakeFetch(hang()), {}, clock);
    const controller = new AbortController();
    const call = failure(client.trackUser(body, { signal: controller.signal }));
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(1));
    controller.abort(new Error('user navigated away'));
    const error = await call;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.attempts).toBe(1);
    expect(fetch.requests[0]?.signal.aborted).toBe(true);
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops waiting for a retry when the signal aborts', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    // No timeout timer, so the only timer is the retry wait.
    const { client, fetch } = setup(
      createFakeFetch(serverError),
      { timeoutMs: Number.POSITIVE_INFINITY },
      clock,
    );
    const controller = new AbortController();
    const call = failure(client.trackUser(body, { signal: controller.signal }));
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1));
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.attempts).toBe(1);
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('runtimes whose Request checks its init', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds its Request without a `client` field, which Deno reads as a Deno.HttpClient and rejects', async () => {
    // As Deno's Request does; Node and browsers ignore fields RequestInit does not define.
    class DenoRequest extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit & { client?: unknown }) {
        if (init?.client !== undefined) {
          throw new TypeError("Failed to construct 'Request': Argument 2 `client` must be a Deno.HttpClient");
        }
        super(input, init);
      }
    }
    vi.stubGlobal('Request', DenoRequest);
    const { client, fetch } = setup(createFakeFetch(ok));

    await expect(client.trackUser(body)).resolves.toMatchObject({ data: { status: 'success' } });
    expect(fetch.requests).toHaveLength(1);
  });
});
