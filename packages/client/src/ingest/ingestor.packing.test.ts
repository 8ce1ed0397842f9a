import { describe, expect, it } from 'vitest';
import { ENVELOPE_BYTES } from './batcher.ts';
import { ElementTooLargeError } from './errors.ts';
import { createHarness, produce, user, userOfSize } from './testing/harness.ts';

const LIMIT = 131_072;
// Budgets far above what these tests send: only the byte limit shapes the requests.
const unlimited = { budget: { usersPerMinute: 10_000_000, eventsPerMinute: 10_000_000 } };
const unlimitedServer = { usersPerWindow: 10_000_000, eventsPerWindow: 10_000_000 };

/** Elements of varied sizes (120 B to ~2 KB) mixing ASCII, accents, CJK and emoji. */
function* variedUsers(count: number) {
  const fillers = ['x', 'é', '東', '🚀', '👍🏽'];
  for (let i = 0; i < count; i++) {
    yield userOfSize(i, 120 + ((i * 7919) % 1900), fillers[i % fillers.length]);
  }
}

describe('packing by exact UTF-8 size', { timeout: 60_000 }, () => {
  it('never sends a request over the payload limit and fills them to at least 95 % under steady load', async () => {
    const { clock, server, ingestor } = createHarness({ ingestor: unlimited, server: unlimitedServer });
    const result = await clock.run(produce(ingestor, variedUsers(20_000)).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 20_000, failed: 0, dropped: 0 });
    const sizes = server.requests.map((request) => request.bytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(LIMIT);
    // Every request but the last (what close() flushed) was sent because it was full.
    for (const size of sizes.slice(0, -1)) expect(size / LIMIT).toBeGreaterThanOrEqual(0.95);
    const sent = server.requests.flatMap((request) => request.elements.map((element) => element.customer_id));
    expect(sent).toEqual(Array.from({ length: 20_000 }, (_, i) => `user-${i}`));
  });

  it('fills a request to exactly the limit with multi-byte elements, and not one byte over', async () => {
    // Four elements whose request is exactly 131,072 bytes: envelope + elements + 3 commas.
    const room = LIMIT - ENVELOPE_BYTES - 3;
    const each = Math.floor(room / 4);
    const sizes = [each, each, each, room - 3 * each];
    const fillers = ['🚀', '東', 'é', 'x'];
    const exact = fillers.map((filler, i) => userOfSize(i, sizes[i] as number, filler));
    const { clock, server, ingestor } = createHarness({ ingestor: unlimited, server: unlimitedServer });
    await clock.run(produce(ingestor, exact).then(() => ingestor.close()));
    expect(server.requests.map((request) => request.bytes)).toEqual([LIMIT]);

    const overByOne = [...exact.slice(0, 3), userOfSize(3, (sizes[3] as number) + 1, '東')];
    const second = createHarness({ ingestor: unlimited, server: unlimitedServer });
    await second.clock.run(produce(second.ingestor, overByOne).then(() => second.ingestor.close()));
    expect(second.server.requests.map((request) => request.elements.length)).toEqual([3, 1]);
  });

  it('sends an element of exactly the largest possible size alone, at exactly the limit', async () => {
    const { clock, server, ingestor } = createHarness({ ingestor: unlimited, server: unlimitedServer });
    await clock.run(
      produce(ingestor, [userOfSize(1, LIMIT - ENVELOPE_BYTES, '🚀')]).then(() => ingestor.close()),
    );
    expect(server.requests.map((request) => request.bytes)).toEqual([LIMIT]);
  });

  it('rejects at track() an element too large to ever fit, counting bytes not characters', async () => {
    const { ingestor, server } = createHarness({ ingestor: unlimited, server: unlimitedServer });
    // 40,000 emoji are 80,000 UTF-16 units (under the limit) but 160,000 UTF-8 bytes.
    const emoji = user(1, { note: '🚀'.repeat(40_000) });
    await expect(ingestor.track(emoji)).rejects.toThrow(ElementTooLargeError);
    await expect(ingestor.track(emoji)).rejects.toThrow(/Split its attributes or actions/);
    await expect(ingestor.track(userOfSize(2, LIMIT - ENVELOPE_BYTES + 1))).rejects.toThrow(
      ElementTooLargeError,
    );
    expect(ingestor.stats().queued).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('honours a configured payload limit', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { ...unlimited, payloadLimitBytes: 10_000 },
      server: unlimitedServer,
    });
    await clock.run(produce(ingestor, variedUsers(500)).then(() => ingestor.close()));
    const sizes = server.requests.map((request) => request.bytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10_000);
    // Elements reach 2 KB here, so a full request may leave up to one element's worth unused.
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThan(10_000 - 2_100);
  });
});
