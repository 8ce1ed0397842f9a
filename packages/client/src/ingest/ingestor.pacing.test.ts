import { describe, expect, it } from 'vitest';
import type { FakeBulkServer } from './testing/fake-bulk-server.ts';
import { createHarness as createTestHarness, device, event, produce, user } from './testing/harness.ts';
import type { BulkElement } from './types.ts';

const WINDOW = 60_000;

/** These simulations send tens of thousands of elements: schema validation is tested elsewhere. */
const createHarness = (options: Parameters<typeof createTestHarness>[0] = {}) =>
  createTestHarness({ ...options, ingestor: { validate: false, ...options.ingestor } });

function* users(count: number, from = 0): Generator<BulkElement> {
  for (let i = from; i < from + count; i++) yield user(i, { plan: 'gold', score: i });
}

/** Budget used in each complete server window between the first and the last (both partial). */
function fullWindowUse(server: FakeBulkServer, unit: 'users' | 'events', limit: number): number[] {
  const windows = [...server.usage.keys()].sort((a, b) => a - b);
  return windows.slice(1, -1).map((window) => (server.usage.get(window)?.[unit] ?? 0) / limit);
}

const rateLimited = (server: FakeBulkServer) => server.requests.filter((request) => request.status === 429);

// Simulated minutes of traffic: allow for a loaded machine.
describe('pacing under the per-minute budgets', { timeout: 60_000 }, () => {
  it('uses at least 98 % of the users budget under steady overload and provokes no 429', async () => {
    // The server's windows start at an offset the ingestor has to learn from x-ratelimit-reset.
    const { clock, server, ingestor } = createHarness({ server: { windowStart: 17_300, latencyMs: 80 } });
    const result = await clock.run(produce(ingestor, users(80_000)).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 80_000, failed: 0, dropped: 0 });
    expect(rateLimited(server)).toHaveLength(0);
    const use = fullWindowUse(server, 'users', 10_000);
    expect(use.length).toBeGreaterThanOrEqual(6);
    for (const share of use) expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('uses at least 98 % of the events budget when events dominate, counting each action', async () => {
    const { clock, server, ingestor } = createHarness({ server: { windowStart: 41_000 } });
    const elements = Array.from({ length: 40_000 }, (_, i) => event(i, 5));
    await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(rateLimited(server)).toHaveLength(0);
    const use = fullWindowUse(server, 'events', 30_000);
    expect(use.length).toBeGreaterThanOrEqual(4);
    for (const share of use) expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('stays clean when reset is rounded down and the headers always describe one budget', async () => {
    for (const headline of ['users', 'events'] as const) {
      const { clock, server, ingestor } = createHarness({
        server: { windowStart: 5_500, resetRounding: 'floor', headline, latencyMs: 300 },
      });
      const mixed = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? event(i, 2) : user(i)));
      const result = await clock.run(produce(ingestor, mixed).then(() => ingestor.close()));
      expect(result.sent).toBe(30_000);
      expect(rateLimited(server)).toHaveLength(0);
    }
  });

  it('corrects a budget configured too high from the first response, without a 429', async () => {
    const { clock, server, ingestor } = createHarness({
      server: { usersPerWindow: 4_000, windowStart: 9_000 },
    });
    await clock.run(produce(ingestor, users(30_000)).then(() => ingestor.close()));
    expect(rateLimited(server)).toHaveLength(0);
    for (const share of fullWindowUse(server, 'users', 4_000)) expect(share).toBeGreaterThanOrEqual(0.98);
    expect(ingestor.stats().budget.users.limit).toBe(4_000);
  });

  it('uses a budget larger than configured once the headers report it', async () => {
    const { clock, server, ingestor } = createHarness({
      server: { usersPerWindow: 15_000, windowStart: 33_000 },
    });
    await clock.run(produce(ingestor, users(100_000)).then(() => ingestor.close()));
    expect(rateLimited(server)).toHaveLength(0);
    for (const share of fullWindowUse(server, 'users', 15_000)) expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('gives back the budget counted for devices when the server does not count them', async () => {
    const { clock, server, ingestor } = createHarness({
      server: { windowStart: 12_000, countDevices: false },
    });
    const elements = Array.from({ length: 40_000 }, (_, i) => (i % 2 === 0 ? user(i) : device(i)));
    await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
    expect(rateLimited(server)).toHaveLength(0);
    for (const share of fullWindowUse(server, 'users', 10_000)) expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('leaves room for another producer of the same workspace it learns about from the headers', async () => {
    const { clock, server, ingestor } = createHarness({ server: { windowStart: 0 } });
    server.consumeElsewhere(6_000, 0);
    await clock.run(produce(ingestor, users(4_500)).then(() => ingestor.flush()));
    // 4,000 users fit beside the other producer's 6,000; the rest waits for the next window.
    expect(rateLimited(server)).toHaveLength(0);
    expect(server.usage.get(0)?.users).toBe(10_000);
    expect(server.usage.get(1)?.users).toBe(500);
  });

  it('pauses until the reset when a 429 comes anyway, then delivers the batch', async () => {
    const { clock, server, ingestor } = createHarness({ server: { windowStart: 0, latencyMs: 10 } });
    await clock.run(produce(ingestor, users(2_000)).then(() => ingestor.flush()));
    // Another producer empties the window between two of our requests: the next one gets a 429.
    server.consumeElsewhere(8_000, 0);
    const flushed = produce(ingestor, users(1_000, 2_000)).then(() => ingestor.flush());
    await clock.run(flushed);
    const limited = rateLimited(server);
    expect(limited).toHaveLength(1);
    const after = server.requests.filter((request) => request.at > (limited[0]?.at ?? 0));
    // Nothing is sent until the window resets at 60 s (plus the one-second safety margin).
    expect(Math.min(...after.map((request) => request.at))).toBeGreaterThanOrEqual(WINDOW);
    expect(after.every((request) => request.status === 200)).toBe(true);
    expect(ingestor.stats()).toMatchObject({ sent: 3_000, rateLimited: 1, failed: 0 });
  });

  it.each([
    // Two windows at the old limit, then about ten at the new one; requests hold about 2,000 units.
    { unit: 'users' as const, from: 10_000, to: 1_000, count: 30_000, element: (i: number) => user(i) },
    { unit: 'events' as const, from: 30_000, to: 1_000, count: 23_000, element: (i: number) => event(i, 3) },
  ])(
    'repacks to a $unit limit lowered mid-run and uses at least 98 % of it after the 429 that taught it',
    async ({ unit, from, to, count, element }) => {
      const { clock, server, ingestor } = createHarness({ server: { windowStart: 17_300, latencyMs: 80 } });
      // MoEngage lowers the workspace's quota while the ingestor is busy with a budget sized for the old one.
      clock.setTimeout(() => server.setLimits({ [unit]: to }), 70_000);
      const elements = Array.from({ length: count }, (_, i) => element(i));
      const result = await clock.run(produce(ingestor, elements).then(() => ingestor.close()));
      expect(result).toMatchObject({ sent: count, failed: 0, dropped: 0 });

      const [limited, ...more] = rateLimited(server);
      expect(limited?.[unit], 'the rejected request was sized for the old budget').toBeGreaterThan(to);
      expect(more, 'one 429 teaches the new limit').toHaveLength(0);
      // Complete windows only: the first and the last are partial, the 429's own is spent paused.
      const windows = [...server.usage.keys()].sort((a, b) => a - b);
      const complete = (keep: (window: number) => boolean, limit: number) =>
        windows
          .filter((window) => window > (windows[0] ?? 0) && window < (windows.at(-1) ?? 0) && keep(window))
          .map((window) => (server.usage.get(window)?.[unit] ?? 0) / limit);
      const limitedWindow = limited?.window ?? Number.NaN;
      const before = complete((window) => window < limitedWindow, from);
      const after = complete((window) => window > limitedWindow, to);
      expect(before.length).toBeGreaterThanOrEqual(1);
      for (const share of before) expect(share).toBeGreaterThanOrEqual(0.98);
      // Every complete window after the 429 is full: the batch was repacked, not halved.
      expect(after.length).toBeGreaterThanOrEqual(4);
      for (const share of after) expect(share).toBeGreaterThanOrEqual(0.98);
      // The rejected batch went back at the head of the queue: delivery order is still tracking order.
      const delivered = server.requests
        .filter((request) => request.status === 200)
        .flatMap((r) => r.elements);
      expect(delivered.map((sent) => sent.customer_id)).toEqual(
        elements.map((tracked) => tracked.customer_id),
      );
    },
  );

  it('keeps to the budget with several requests in flight, never more than `concurrency`', async () => {
    const { clock, server, ingestor } = createHarness({
      server: { windowStart: 17_300, latencyMs: 300 },
      ingestor: { concurrency: 4 },
    });
    let inFlight = 0;
    let mostInFlight = 0;
    const send = server.client.bulkImport.bind(server.client);
    server.client.bulkImport = async (body, options) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await send(body, options);
      } finally {
        inFlight--;
      }
    };
    const result = await clock.run(produce(ingestor, users(50_000)).then(() => ingestor.close()));
    expect(result.sent).toBe(50_000);
    expect(mostInFlight).toBe(4);
    expect(rateLimited(server)).toHaveLength(0);
    for (const share of fullWindowUse(server, 'users', 10_000)) expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('reports budget headroom for progress displays', async () => {
    const { clock, ingestor } = createHarness({ server: { windowStart: 0 } });
    await clock.run(produce(ingestor, users(1_500)).then(() => ingestor.flush()));
    const { budget } = ingestor.stats();
    expect(budget.users).toEqual({ limit: 10_000, used: 1_500, remaining: 8_500 });
    expect(budget.events.remaining).toBe(30_000);
    expect(budget.resetsInMs).toBeGreaterThan(50_000);
    expect(budget.pausedForMs).toBe(0);
  });
});
