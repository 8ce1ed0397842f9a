import { describe, expect, it } from 'vitest';
import { createHarness, produce, user, userOfSize } from './testing/harness.ts';

describe('flushing', () => {
  it('sends a partial request once the oldest element has waited flushIntervalMs, not before', async () => {
    const { clock, server, ingestor } = createHarness({ ingestor: { flushIntervalMs: 5_000 } });
    await ingestor.track(user(1));
    await clock.advance(2_000);
    await ingestor.track(user(2));
    await clock.advance(2_999);
    expect(server.requests).toHaveLength(0);
    await clock.advance(1 + 10);
    expect(server.requests.map((request) => request.elements.length)).toEqual([2]);
    expect(server.requests[0]?.at).toBe(5_010);
  });

  it('sends a full request at once, without waiting for the interval', async () => {
    const { clock, server, ingestor } = createHarness({ ingestor: { flushIntervalMs: 60_000 } });
    await produce(
      ingestor,
      Array.from({ length: 140 }, (_, i) => userOfSize(i, 1_000)),
    );
    await clock.advance(10);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.elements.length).toBe(130);
    expect(ingestor.stats().queued).toBe(10);
  });

  it('flush() sends what is queued and resolves once those elements are delivered', async () => {
    const { clock, server, ingestor } = createHarness({ ingestor: { flushIntervalMs: 60_000 } });
    await produce(ingestor, [user(1), user(2), user(3)]);
    let flushed = false;
    const flushing = ingestor.flush().then(() => {
      flushed = true;
    });
    // Tracked after flush(): it neither holds the flush back nor is forced out by it.
    await ingestor.track(user(4));
    await clock.advance(5);
    expect(flushed).toBe(false);
    expect(ingestor.stats()).toMatchObject({ inFlight: 3, queued: 1 });
    await clock.run(flushing);
    expect(server.requests.map((request) => request.elements.length)).toEqual([3]);
    expect(ingestor.stats()).toMatchObject({ sent: 3, requests: 1, inFlight: 0, queued: 1 });
  });

  it('flush() resolves at once when nothing is queued', async () => {
    const { clock, ingestor } = createHarness();
    await clock.run(ingestor.flush());
    expect(clock.now()).toBe(0);
  });

  it('close() sends the rest and leaves no timer or process hold behind', async () => {
    const { clock, server, ingestor } = createHarness();
    await produce(ingestor, [user(1), user(2)]);
    const closing = ingestor.close();
    expect(clock.keepAliveHolds()).toBe(1);
    expect(await clock.run(closing)).toEqual({
      sent: 2,
      failed: 0,
      dropped: 0,
      maybeDelivered: 0,
      maybeTwice: 0,
      requests: 1,
    });
    expect(server.requests).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
    expect(clock.keepAliveHolds()).toBe(0);
  });

  it('counts bytes and requests for progress displays', async () => {
    const { clock, server, ingestor } = createHarness();
    await produce(ingestor, [user(1), user(2)]);
    expect(ingestor.stats()).toMatchObject({ queued: 2, inFlight: 0, sent: 0 });
    await clock.run(ingestor.flush());
    expect(ingestor.stats()).toMatchObject({
      queued: 0,
      sent: 2,
      requests: 1,
      bytesSent: server.requests[0]?.bytes,
    });
  });
});

describe('trackUser, trackEvent, trackDevice', () => {
  it('add the element type, first, to what they are given', async () => {
    const { clock, server, ingestor } = createHarness();
    await ingestor.trackUser({ customer_id: 'u-1', attributes: { first_name: 'Ada' } });
    await ingestor.trackEvent({ customer_id: 'u-1', actions: [{ action: 'Signed Up' }] });
    await ingestor.trackDevice({
      customer_id: 'u-1',
      device_id: 'd-1',
      attributes: { platform: 'ANDROID', push_id: 'fcm-token' },
    });
    await ingestor.trackUser({ attributes: { moe_mobile: '+919876500000' } });
    await clock.run(ingestor.flush());
    const elements = server.requests[0]?.elements ?? [];
    expect(elements.map((element) => Object.keys(element)[0])).toEqual(['type', 'type', 'type', 'type']);
    expect(elements.map((element) => element.type)).toEqual(['customer', 'event', 'device', 'customer']);
  });

  it('reject an invalid element alone, naming the field', async () => {
    const { ingestor } = createHarness();
    // @ts-expect-error -- an action needs a name: this is the runtime check behind the type
    await expect(ingestor.trackEvent({ customer_id: 'u-1', actions: [{}] })).rejects.toThrow(
      /actions\.0\.action/,
    );
    expect(ingestor.stats().queued).toBe(0);
  });
});
