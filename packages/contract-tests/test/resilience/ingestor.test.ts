import { type BulkElement, createIngestor, type IngestFailureDetails } from '@moedata/client';
import type { MockServer } from '@moedata/mock/node';
import { afterEach, expect, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { KEY1, startContractServer, WS1 } from '../../src/contract-mock.ts';
import { createFakeClock, type FakeClock, WINDOW_START } from '../../src/fake-clock.ts';
import { httpInspector } from '../../src/inspector.ts';

/** A failure the ingestor reported. */
interface Reported {
  elements: BulkElement[];
  reason: Error;
  details: IngestFailureDetails;
}

let clock: FakeClock;
let server: MockServer | undefined;

afterEach(async () => {
  clock?.stop();
  await server?.close();
  server = undefined;
});

/** The standalone server, the client and an ingestor, all on one fake clock. */
async function setup(options: Parameters<typeof startContractServer>[0] = {}, ingestor: object = {}) {
  clock = createFakeClock();
  server = await startContractServer({ clock, ...options });
  const client = createContractClient({ target: { kind: 'http', baseUrl: server.url }, clock, retry: {} });
  const reported: Reported[] = [];
  return {
    server,
    inspect: httpInspector(server.url),
    reported,
    ingestor: createIngestor({
      client,
      clock,
      onError: (elements, reason, details) => {
        reported.push({ elements, reason, details });
      },
      ...ingestor,
    }),
  };
}

const user = (i: number): BulkElement => ({
  type: 'customer',
  customer_id: `user-${i}`,
  attributes: { first_name: `User ${i}`, batch: 'contract' },
});
const event = (i: number): BulkElement => ({
  type: 'event',
  customer_id: `user-${i}`,
  actions: [{ action: 'Imported', attributes: { marker: i } }],
});

it('delivers every element exactly once with 20 % injected 5xx, as the inspection API shows', async () => {
  const { server, inspect, reported, ingestor } = await setup(
    {
      workspaces: { [WS1]: { apiKey: KEY1, faults: { rate: 0.2, status: 503 } } },
      randomSeed: 11,
    },
    // Small requests, so the run makes enough of them for the faults to matter.
    { payloadLimitBytes: 1_500 },
  );
  const count = 300;
  for (let i = 0; i < count; i++) {
    await ingestor.track(user(i));
    await ingestor.track(event(i));
  }
  const result = await ingestor.close();

  expect(reported).toEqual([]);
  expect(result).toMatchObject({ sent: 2 * count, failed: 0, dropped: 0 });
  const requests = await inspect.requests(WS1);
  const failures = requests.filter((entry) => entry.status === 503).length;
  expect(failures).toBeGreaterThan(requests.length * 0.1);
  expect(requests.filter((entry) => entry.status !== 503).every((entry) => entry.status === 200)).toBe(true);

  const users = await inspect.users(WS1);
  expect(users.map((stored) => stored.customerId).sort()).toEqual(
    Array.from({ length: count }, (_, i) => `user-${i}`).sort(),
  );
  const markers = (await inspect.events(WS1)).map((stored) => stored.attributes.marker);
  expect(markers.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(server.engine.store.drops.list(WS1)).toEqual([]);
});

it('provokes no 429 at steady state when the workspace limits are lowered', async () => {
  const limits = { users: 100, events: 300 };
  const { server, reported, ingestor } = await setup({
    workspaces: { [WS1]: { apiKey: KEY1, rateLimits: { bulkImport: limits } } },
  });
  const count = 1_000;
  const started = clock.now();
  for (let i = 0; i < count; i++) await ingestor.track(user(i));
  const result = await ingestor.close();

  expect(reported).toEqual([]);
  expect(result).toMatchObject({ sent: count, failed: 0 });
  const log = server.engine.store.requestLog.list(WS1);
  const minuteOf = (at: number) => Math.floor((at - WINDOW_START) / 60_000);
  const firstMinute = minuteOf(started);
  // The ingestor starts from the default budget and learns the lowered one from the first answers.
  const lateRateLimits = log.filter((entry) => entry.status === 429 && minuteOf(entry.at) > firstMinute);
  expect(lateRateLimits).toEqual([]);
  // No minute ever took more than the lowered budget.
  const perMinute = new Map<number, number>();
  for (const entry of log.filter((candidate) => candidate.status === 200)) {
    perMinute.set(minuteOf(entry.at), (perMinute.get(minuteOf(entry.at)) ?? 0) + entry.units);
  }
  expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(limits.users);
  expect(server.engine.store.users.count(WS1)).toBe(count);
});

it('reports every undelivered element when close() finds the mock down', async () => {
  const { server, reported, ingestor } = await setup();
  const delivered = Array.from({ length: 50 }, (_, i) => user(i));
  for (const element of delivered) await ingestor.track(element);
  await ingestor.flush();
  expect(server.engine.store.users.count(WS1)).toBe(50);

  await server.close();
  const undelivered = Array.from({ length: 80 }, (_, i) => user(100 + i));
  for (const element of undelivered) await ingestor.track(element);
  const result = await ingestor.close();

  expect(result).toMatchObject({ sent: 50, failed: 80, dropped: 0 });
  const reportedIds = reported.flatMap((failure) => failure.elements.map((element) => element.customer_id));
  expect(reportedIds.sort()).toEqual(undelivered.map((element) => element.customer_id).sort());
  expect(reported.every((failure) => failure.reason.name === 'ConnectionError')).toBe(true);
  expect(server.engine.store.users.count(WS1)).toBe(50);
});

it('reports what is left as dropped when close({ timeoutMs }) runs out while the mock is down', async () => {
  const { server, reported, ingestor } = await setup();
  await server.close();
  const elements = Array.from({ length: 30 }, (_, i) => user(i));
  for (const element of elements) await ingestor.track(element);

  // Retries take 5 × 2 s; the close deadline is shorter.
  const result = await ingestor.close({ timeoutMs: 3_000 });

  expect(result).toMatchObject({ sent: 0, failed: 0, dropped: 30 });
  expect(reported.flatMap((failure) => failure.elements)).toHaveLength(30);
  expect(reported.every((failure) => failure.details.dropped)).toBe(true);
});
