/**
 * Child process of the store suite: feeds events straight into the engine (no HTTP) as Bulk Import
 * requests of ~120 KB, until `--events` are in or `--seconds` have passed, and prints one JSON line with
 * the throughput and the resident memory growth (after a forced GC when run with --expose-gc).
 *   node --expose-gc bench/lib/workers/store-fill.ts --store memory|sqlite [--data FILE] --events N --seconds S
 */
import { parseArgs } from 'node:util';
import { createEngine } from '@moedata/mock';
import { createSqliteStore } from '@moedata/mock/node';
import { AUTHORIZATION, eventElement, WORKSPACE_ID } from '../fixtures.ts';
import { UNLIMITED_WORKSPACE } from '../servers/unlimited.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'memory' },
    data: { type: 'string' },
    events: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
  },
});
const targetEvents = Number(values.events);
const deadline = performance.now() + Number(values.seconds) * 1000;
const USERS = 10_000;
const EVENTS_PER_REQUEST = 500; // ~107 KB per body: under the 128 KB limit

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const store = values.store === 'sqlite' ? createSqliteStore({ path: values.data ?? ':memory:' }) : undefined;
const engine = createEngine({
  workspaces: { [WORKSPACE_ID]: UNLIMITED_WORKSPACE },
  ...(store ? { store } : {}),
});
const encoder = new TextEncoder();
const headers = {
  'content-type': 'application/json',
  authorization: AUTHORIZATION,
  'moe-appkey': WORKSPACE_ID,
};
const url = `/v1/transition/${WORKSPACE_ID}`;

collect();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
let sent = 0;
let failures = 0;
let firstFailure: unknown = null;
while (sent < targetEvents && performance.now() < deadline) {
  const elements = [];
  for (let i = 0; i < EVENTS_PER_REQUEST && sent + i < targetEvents; i++) {
    const n = sent + i;
    elements.push(eventElement(n % USERS, n));
  }
  const body = encoder.encode(JSON.stringify({ type: 'transition', elements }));
  const response = await engine.handle({ method: 'POST', url, headers, body });
  if (response.status !== 200) {
    failures++;
    firstFailure ??= response.body;
    if (failures > 3) break;
  }
  sent += elements.length;
}
const elapsedSeconds = (performance.now() - started) / 1000;
collect();
const memory = process.memoryUsage();
// Counting the events would copy them all; the drops list is small and says whether any was not stored.
const drops = engine.store.drops.list(WORKSPACE_ID).length;
console.log(
  JSON.stringify({
    store: values.store,
    eventsSent: sent,
    drops,
    reachedTarget: sent >= targetEvents,
    elapsedSeconds,
    eventsPerSecond: sent / elapsedSeconds,
    rssGrowthBytes: memory.rss - rssBefore,
    heapGrowthBytes: memory.heapUsed - heapBefore,
    rssBytes: memory.rss,
    failures,
    firstFailure,
  }),
);
store?.close();
