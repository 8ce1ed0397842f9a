import { describe, expect, it } from 'vitest';
import { CloseTimeoutError, QueueFullError } from './errors.ts';
import { serverError } from './testing/fake-bulk-server.ts';
import { createHarness, user, userOfSize } from './testing/harness.ts';

const ids = (elements: readonly { customer_id?: unknown }[]) =>
  elements.map((element) => element.customer_id);

describe("backpressure: 'reject'", { timeout: 30_000 }, () => {
  it('rejects track() with a QueueFullError when the queue holds maxQueueSize elements', async () => {
    const { clock, ingestor } = createHarness({ ingestor: { backpressure: 'reject', maxQueueSize: 3 } });
    await ingestor.track(user(1));
    await ingestor.track(user(2));
    await ingestor.track(user(3));
    const full = ingestor.track(user(4));
    await expect(full).rejects.toThrow(QueueFullError);
    await expect(full).rejects.toThrow(/Await track\(\) before tracking more/);
    // Once a request takes the queued elements, there is room again.
    await clock.run(ingestor.flush());
    await expect(ingestor.track(user(5))).resolves.toBeUndefined();
    expect(ingestor.stats()).toMatchObject({ queued: 1, sent: 3 });
  });

  it('bounds the queue by bytes too', async () => {
    const { ingestor } = createHarness({
      ingestor: { backpressure: 'reject', maxQueueBytes: 131_072, flushIntervalMs: 60_000, concurrency: 1 },
    });
    // A first request of ~130 elements goes out at once; the rest fills the queue up to its byte bound.
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => ingestor.track(userOfSize(i, 1_000))),
    );
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(ingestor.stats().queuedBytes).toBeLessThanOrEqual(131_072);
  });
});

describe("backpressure: 'wait'", { timeout: 30_000 }, () => {
  it('makes track() wait for room, then queues the element in order', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { backpressure: 'wait', maxQueueSize: 2 },
    });
    await ingestor.track(user(1));
    await ingestor.track(user(2));
    let admitted = false;
    const waiting = ingestor.track(user(3)).then(() => {
      admitted = true;
    });
    await clock.advance(0);
    expect(admitted).toBe(false);
    expect(ingestor.stats()).toMatchObject({ queued: 2, waiting: 1 });
    const flushing = ingestor.flush();
    await clock.advance(0);
    expect(admitted).toBe(true);
    await clock.run(Promise.all([waiting, flushing]));
    const closed = await clock.run(ingestor.close());
    expect(closed).toMatchObject({ sent: 3, dropped: 0 });
    expect(server.requests.flatMap((request) => ids(request.elements))).toEqual([
      'user-1',
      'user-2',
      'user-3',
    ]);
  });

  it('paces a producer that awaits track() to the speed of delivery', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { backpressure: 'wait', maxQueueSize: 500 },
      server: { usersPerWindow: 1_000 },
    });
    const producer = (async () => {
      for (let i = 0; i < 3_000; i++) {
        await ingestor.track(user(i));
        expect(ingestor.stats().queued).toBeLessThanOrEqual(500);
      }
      return ingestor.close();
    })();
    const result = await clock.run(producer);
    expect(result).toMatchObject({ sent: 3_000, dropped: 0 });
    expect(server.requests.filter((request) => request.status === 429)).toHaveLength(0);
  });

  it('rejects the track() calls still waiting when close() times out, counting them as dropped', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { backpressure: 'wait', maxQueueSize: 1 },
    });
    server.failNext(...Array.from({ length: 20 }, () => serverError()));
    await ingestor.track(user(1));
    await clock.advance(0);
    const calls = [ingestor.track(user(2)), ingestor.track(user(3)), ingestor.track(user(4))];
    const outcomes = Promise.allSettled(calls);
    const result = await clock.run(ingestor.close({ timeoutMs: 3_000 }));
    const settled = await outcomes;
    expect(settled.filter((outcome) => outcome.status === 'rejected')).toHaveLength(2);
    expect(
      settled.every(
        (outcome) => outcome.status === 'fulfilled' || outcome.reason instanceof CloseTimeoutError,
      ),
    ).toBe(true);
    expect(result).toMatchObject({ sent: 0, dropped: 4 });
  });
});
