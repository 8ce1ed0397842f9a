import { RateLimitedError, ServerError } from '@moedata/client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { setupContractMsw, WS1 } from '../../src/contract-mock.ts';
import { createFakeClock, WINDOW_START } from '../../src/fake-clock.ts';

// One fake clock for the mock's rate-limit windows and the client's waits: minutes pass in milliseconds.
const clock = createFakeClock();
const mock = setupContractMsw({ clock, randomSeed: 7 });
const client = createContractClient({ target: { kind: 'msw' }, clock, retry: {} });
const ada = { type: 'customer' as const, customer_id: 'ada', attributes: { first_name: 'Ada' } };

beforeAll(() => mock.listen());
afterEach(() => {
  mock.reset();
  mock.engine.setFaults(WS1, undefined);
  mock.workspaces.update(WS1, { rateLimits: undefined });
});
afterAll(() => {
  clock.stop();
  mock.close();
});

const statuses = () => mock.store.requestLog.list(WS1).map((entry) => entry.status);

it('retries injected 5xx every 2 seconds and stores the user once when the mock recovers', async () => {
  mock.engine.setFaults(WS1, { nextFailures: 3, status: 503 });
  const started = clock.now();

  const result = await client.trackUser(ada);

  expect(result.attempts).toBe(4);
  expect(clock.now() - started).toBe(3 * 2_000);
  expect(statuses()).toEqual([503, 503, 503, 200]);
  expect(mock.store.users.list(WS1)).toHaveLength(1);
});

it('gives up after 5 retries with a ServerError that counts the attempts, having stored nothing', async () => {
  mock.engine.setFaults(WS1, { status: 502 });
  const started = clock.now();

  const error = await client.trackUser(ada).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(ServerError);
  expect(error).toMatchObject({ status: 502, attempts: 6, type: 'Server Error' });
  expect(clock.now() - started).toBe(5 * 2_000);
  expect(mock.store.users.list(WS1)).toEqual([]);
});

it('waits out a 429 until x-ratelimit-reset, then succeeds in the next window', async () => {
  mock.workspaces.update(WS1, { rateLimits: { trackUser: { users: 2 } } });
  await client.trackUser({ ...ada, customer_id: 'u1' });
  await client.trackUser({ ...ada, customer_id: 'u2' });
  const minute = Math.floor((clock.now() - WINDOW_START) / 60_000);

  const third = await client.trackUser({ ...ada, customer_id: 'u3' });

  expect(third.attempts).toBe(2);
  expect(statuses()).toEqual([200, 200, 429, 200]);
  expect(Math.floor((clock.now() - WINDOW_START) / 60_000)).toBe(minute + 1);
  expect(third.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
});

it('throws RateLimitedError at once when the reset is further away than maxRateLimitWaitMs', async () => {
  mock.workspaces.update(WS1, { rateLimits: { trackUser: { users: 1 } } });
  const impatient = createContractClient({
    target: { kind: 'msw' },
    clock,
    retry: { maxRateLimitWaitMs: 0 },
  });
  await impatient.trackUser(ada);
  const started = clock.now();

  const error = await impatient.trackUser({ ...ada, customer_id: 'bob' }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(RateLimitedError);
  expect((error as RateLimitedError).rateLimit?.remaining).toBe(0);
  expect(clock.now()).toBe(started);
  expect(statuses()).toEqual([200, 429]);
});
