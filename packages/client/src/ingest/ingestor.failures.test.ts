import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadRequestError, PayloadTooLargeError, ServerError } from '../errors.ts';
import { CloseTimeoutError, ElementOverBudgetError } from './errors.ts';
import { badRequest, connectionLost, payloadTooLarge, serverError } from './testing/fake-bulk-server.ts';
import { createHarness, event, produce, user, userOfSize } from './testing/harness.ts';

const ids = (elements: readonly { customer_id?: unknown }[]) =>
  elements.map((element) => element.customer_id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('413: splitting', { timeout: 30_000 }, () => {
  it('splits a batch the server finds too large in halves and delivers them in order', async () => {
    // The server enforces MoEngage's older 100 KB cap; the ingestor packs to 128 KB.
    const { clock, server, ingestor, failures } = createHarness({ server: { payloadLimitBytes: 100_000 } });
    const elements = Array.from({ length: 400 }, (_, i) => userOfSize(i, 1_000));
    const result = await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 400, failed: 0, dropped: 0 });
    expect(failures).toHaveLength(0);
    expect(server.requests.filter((request) => request.status === 413).length).toBeGreaterThan(0);
    const delivered = server.requests.filter((request) => request.status === 200);
    expect(delivered.every((request) => request.bytes <= 100_000)).toBe(true);
    expect(delivered.flatMap((request) => ids(request.elements))).toEqual(ids(elements));
  });

  it('reports a single element that still gets a 413 to onError', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(payloadTooLarge);
    await clock.run(ingestor.track(user(1)).then(() => ingestor.close()));
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toBeInstanceOf(PayloadTooLargeError);
    expect(ids(failures[0]?.elements ?? [])).toEqual(['user-1']);
    expect(ingestor.stats()).toMatchObject({ sent: 0, failed: 1 });
  });
});

describe('429 with a lowered budget', { timeout: 30_000 }, () => {
  it('reports an element the lowered budget can never hold, and delivers the others in order', async () => {
    // The workspace allows 2 events a minute; the ingestor starts with the default 30,000.
    const { clock, server, ingestor, failures } = createHarness({ server: { eventsPerWindow: 2 } });
    const elements = [event(1, 1), event(2, 3), event(3, 1)];
    const result = await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 2, failed: 1, dropped: 0 });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toBeInstanceOf(ElementOverBudgetError);
    expect(failures[0]?.reason.message).toMatch(/counts 3 events, more than the 2 events per minute/);
    expect(ids(failures[0]?.elements ?? [])).toEqual(['user-2']);
    const delivered = server.requests.filter((request) => request.status === 200);
    expect(delivered.flatMap((request) => ids(request.elements))).toEqual(['user-1', 'user-3']);
  });
});

describe('retries', { timeout: 30_000 }, () => {
  it('retries a 5xx every 2 seconds, at most 5 times, then reports the elements to onError', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(...Array.from({ length: 6 }, () => serverError(503)));
    const elements = [user(1), user(2), user(3)];
    const result = await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(server.requests).toHaveLength(6);
    const gaps = server.requests.slice(1).map((request, i) => request.at - (server.requests[i]?.at ?? 0));
    // 2 s of retry delay plus the 20 ms round trip of the fake.
    expect(gaps).toEqual([2_020, 2_020, 2_020, 2_020, 2_020]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toBeInstanceOf(ServerError);
    expect(failures[0]?.details).toEqual({ attempts: 6, dropped: false, maybeDelivered: false });
    expect(ids(failures[0]?.elements ?? [])).toEqual(['user-1', 'user-2', 'user-3']);
    expect(result).toEqual({ sent: 0, failed: 3, dropped: 0, maybeDelivered: 0, maybeTwice: 0, requests: 6 });
  });

  it('delivers after a 5xx and a lost connection once the server recovers', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(serverError(502), connectionLost);
    const result = await clock.run(produce(ingestor, [user(1), user(2)]).then(() => ingestor.close()));
    // The lost connection may have stored them already: delivered, and maybe twice.
    expect(result).toEqual({ sent: 2, failed: 0, dropped: 0, maybeDelivered: 0, maybeTwice: 2, requests: 3 });
    expect(failures).toHaveLength(0);
    expect(ingestor.stats().retries).toBe(2);
  });

  it('never retries a 400 and reports it at once', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(badRequest);
    await clock.run(ingestor.track(user(1)).then(() => ingestor.close()));
    expect(server.requests).toHaveLength(1);
    expect(failures[0]?.reason).toBeInstanceOf(BadRequestError);
    expect(failures[0]?.details.attempts).toBe(1);
  });

  it('honours a custom retry policy', async () => {
    const { clock, server, ingestor, failures } = createHarness({
      ingestor: { retry: { maxRetries: 1, delayMs: 500 } },
    });
    server.failNext(serverError(), serverError());
    await clock.run(ingestor.track(user(1)).then(() => ingestor.close()));
    expect(server.requests.map((request) => request.at)).toEqual([10, 530]);
    expect(failures[0]?.details.attempts).toBe(2);
  });

  it('logs failures with console.error when no onError is given, never silently', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { clock, server, ingestor } = createHarness({ ingestor: { onError: undefined } });
    server.failNext(badRequest);
    const result = await clock.run(ingestor.track(user(1)).then(() => ingestor.close()));
    expect(result.failed).toBe(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/1 element\(s\) failed: .*Pass onError/));
  });
});

describe('close()', { timeout: 30_000 }, () => {
  it('waits for requests in flight and pending retries before resolving', async () => {
    const { clock, server, ingestor } = createHarness();
    server.failNext(serverError(), serverError(), serverError());
    await ingestor.track(user(1));
    await ingestor.track(user(2));
    let closed = false;
    const closing = ingestor.close().then((result) => {
      closed = true;
      return result;
    });
    await clock.advance(4_000);
    expect(closed).toBe(false);
    expect(ingestor.stats()).toMatchObject({ inFlight: 2, queued: 0 });
    const result = await clock.run(closing);
    expect(result).toEqual({ sent: 2, failed: 0, dropped: 0, maybeDelivered: 0, maybeTwice: 0, requests: 4 });
    expect(clock.now()).toBeGreaterThanOrEqual(6_000);
  });

  it('gives up at timeoutMs and reports what is left as dropped', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(...Array.from({ length: 10 }, () => serverError()));
    // About three requests' worth: one keeps failing while the others wait in the queue.
    await produce(
      ingestor,
      Array.from({ length: 300 }, (_, i) => userOfSize(i, 1_000)),
    );
    const result = await clock.run(ingestor.close({ timeoutMs: 5_000 }));
    expect(clock.now()).toBe(5_000);
    // Attempts at 0, 2.02 s and 4.04 s; the timeout interrupts the wait for the fourth.
    expect(result).toEqual({
      sent: 0,
      failed: 0,
      dropped: 300,
      maybeDelivered: 0,
      maybeTwice: 0,
      requests: 3,
    });
    expect(
      failures.every((failure) => failure.reason instanceof CloseTimeoutError && failure.details.dropped),
    ).toBe(true);
    expect(failures.flatMap((failure) => ids(failure.elements)).sort()).toEqual(
      Array.from({ length: 300 }, (_, i) => `user-${i}`).sort(),
    );
  });

  it('keeps waiting for the budget on close() and drops nothing when given no timeout', async () => {
    const { clock, server, ingestor } = createHarness({
      server: { usersPerWindow: 1_000 },
      ingestor: { budget: { usersPerMinute: 1_000 } },
    });
    await produce(
      ingestor,
      Array.from({ length: 2_500 }, (_, i) => user(i)),
    );
    const result = await clock.run(ingestor.close());
    expect(result).toMatchObject({ sent: 2_500, failed: 0, dropped: 0 });
    expect([...server.usage.values()].map((used) => used.users)).toEqual([1_000, 1_000, 500]);
  });

  it('accounts for every element: sent + failed + dropped = tracked', async () => {
    const { clock, server, ingestor, failures } = createHarness({ server: { payloadLimitBytes: 60_000 } });
    server.failNext(serverError(), badRequest, serverError(), connectionLost);
    const elements = Array.from({ length: 3_000 }, (_, i) => user(i, { bio: '東京🚀'.repeat(i % 40) }));
    const result = await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(result.sent + result.failed + result.dropped).toBe(3_000);
    expect(failures.flatMap((failure) => failure.elements)).toHaveLength(result.failed + result.dropped);
    const delivered = server.requests.filter((request) => request.status === 200).flatMap((r) => r.elements);
    expect(delivered).toHaveLength(result.sent);
  });

  it('resolves at timeoutMs even when onError never settles', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { onError: () => new Promise<void>(() => {}) },
    });
    server.failNext(badRequest);
    await ingestor.track(user(1));
    const result = await clock.run(ingestor.close({ timeoutMs: 1_000 }));
    expect(result).toMatchObject({ failed: 1, dropped: 0 });
    expect(clock.now()).toBe(1_000);
  });

  it('rejects track() after close()', async () => {
    const { clock, ingestor } = createHarness();
    await clock.run(ingestor.close());
    await expect(ingestor.track(user(1))).rejects.toThrow(/closed and accepts no more elements/);
  });

  it('returns the same promise when called twice', async () => {
    const { clock, ingestor } = createHarness();
    const first = ingestor.close();
    expect(ingestor.close()).toBe(first);
    await clock.run(first);
  });
});
