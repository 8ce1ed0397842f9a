/**
 * The ingestor under steady overload with the default limits, in virtual time: an in-process emulator
 * engine (default budgets: 10,000 users + 30,000 events per minute for Bulk Import) and the real client
 * and ingestor share one fake clock, and a producer tracks elements far faster than the budget allows.
 * Minutes of traffic take a fraction of a second and nothing sleeps.
 */
import { createIngestor, createMoEngage } from '@moedata/client';
import { createEngine } from '@moedata/mock';
import { type Exchange, engineFetch } from './engine-fetch.ts';
import { FakeClock } from './fake-clock.ts';
import { API_KEY, customerElement, eventElement, WORKSPACE_ID } from './fixtures.ts';

/** What the simulation measured. */
export interface BudgetSimulation {
  minutes: number;
  usersBudgetPerMinute: number;
  eventsBudgetPerMinute: number;
  usersDelivered: number;
  eventsDelivered: number;
  usersBudgetUse: number;
  eventsBudgetUse: number;
  /** The smaller of the two shares: the conservative reading. */
  budgetUse: number;
  requests: number;
  rateLimited: number;
  /** Requests answered neither 200 nor 429. */
  otherFailures: number;
  /** Elements the producer had tracked (accepted into the queue) by the end. */
  tracked: number;
  stepsRun: number;
  realSeconds: number;
}

const USERS_PER_MINUTE = 10_000;
const EVENTS_PER_MINUTE = 30_000;

/** Simulates `minutes` of overload; the producer offers three times what the budgets allow. */
export async function simulateBudget(minutes: number): Promise<BudgetSimulation> {
  const realStart = performance.now();
  const start = Date.UTC(2025, 0, 6, 9, 0, 0); // A minute boundary, so windows line up with the count below.
  const end = start + minutes * 60_000;
  const clock = new FakeClock(start);
  // Default rate limits on the emulator side: the workspace sets only its key.
  const engine = createEngine({ workspaces: { [WORKSPACE_ID]: { apiKey: API_KEY } }, clock });
  const log: Exchange[] = [];
  const client = createMoEngage({
    workspaceId: WORKSPACE_ID,
    apiKey: API_KEY,
    baseUrl: 'http://127.0.0.1:4010',
    fetch: engineFetch(engine, clock, log),
    clock,
  });
  let failedElements = 0;
  // Default budgets on the ingestor side too: only the clock and a quiet error handler are set.
  const ingestor = createIngestor({
    client,
    clock,
    onError: (elements) => {
      failedElements += elements.length;
    },
  });

  // Mix of one customer and three events per user: both budgets are the binding constraint at once.
  const offered = 3 * minutes * (USERS_PER_MINUTE + EVENTS_PER_MINUTE);
  let tracked = 0;
  let stop = false;
  const producer = (async () => {
    for (let user = 0; tracked < offered && !stop; user++) {
      for (const element of [
        customerElement(user),
        eventElement(user, 0),
        eventElement(user, 1),
        eventElement(user, 2),
      ]) {
        if (stop) return;
        await ingestor.track(element);
        tracked++;
      }
    }
  })();
  producer.catch(() => {});

  const run = await clock.runUntil(end, 200_000);
  stop = true;

  const inWindow = log.filter((e) => e.at < end);
  const delivered = inWindow.filter((e) => e.status === 200);
  const usersDelivered = delivered.reduce((sum, e) => sum + e.users + e.devices, 0);
  const eventsDelivered = delivered.reduce((sum, e) => sum + e.events, 0);
  const usersBudgetUse = usersDelivered / (USERS_PER_MINUTE * minutes);
  const eventsBudgetUse = eventsDelivered / (EVENTS_PER_MINUTE * minutes);
  return {
    minutes,
    usersBudgetPerMinute: USERS_PER_MINUTE,
    eventsBudgetPerMinute: EVENTS_PER_MINUTE,
    usersDelivered,
    eventsDelivered,
    usersBudgetUse,
    eventsBudgetUse,
    budgetUse: Math.min(usersBudgetUse, eventsBudgetUse),
    requests: inWindow.length,
    rateLimited: inWindow.filter((e) => e.status === 429).length,
    otherFailures: inWindow.filter((e) => e.status !== 200 && e.status !== 429).length + failedElements,
    tracked,
    stepsRun: run.steps,
    realSeconds: (performance.now() - realStart) / 1000,
  };
}
