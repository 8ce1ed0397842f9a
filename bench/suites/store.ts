/**
 * Suite 2, emulator memory and store cost: 1,000,000 events fed straight into the engine (Bulk Import
 * requests, no HTTP) with the memory store and with the SQLite store, each in a fresh child process so
 * its resident memory is its own. Each store has a time budget; when it runs out first, the report says
 * how far it got and the rate is still measured.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../lib/paths.ts';
import { runCommand } from '../lib/process.ts';
import type { SuiteResult } from '../lib/report.ts';
import { formatBytes, formatNumber, formatRatio, ratio, round } from '../lib/stats.ts';
import { pick, type SuiteContext } from '../lib/suite.ts';

interface FillResult {
  store: string;
  eventsSent: number;
  drops: number;
  reachedTarget: boolean;
  elapsedSeconds: number;
  eventsPerSecond: number;
  rssGrowthBytes: number;
  heapGrowthBytes: number;
  rssBytes: number;
  failures: number;
  firstFailure: unknown;
  databaseBytes?: number;
}

const WORKER = new URL('../lib/workers/store-fill.ts', import.meta.url).pathname;

async function fill(
  store: 'memory' | 'sqlite',
  events: number,
  seconds: number,
  dataFile: string,
): Promise<FillResult> {
  const args = [
    '--expose-gc',
    WORKER,
    '--store',
    store,
    '--events',
    String(events),
    '--seconds',
    String(seconds),
  ];
  if (store === 'sqlite') args.push('--data', dataFile);
  const result = await runCommand(process.execPath, args, { timeoutMs: (seconds + 60) * 1000 });
  const line = result.stdout
    .trim()
    .split('\n')
    .find((l) => l.startsWith('{'));
  if (result.code !== 0 || !line) {
    throw new Error(
      `the ${store} fill exited ${result.code}${result.timedOut ? ' (timed out)' : ''}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return JSON.parse(line) as FillResult;
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(file + suffix)) rmSync(file + suffix);
}

/** Bytes of the database and its write-ahead log. */
function databaseSize(file: string): number {
  return ['', '-wal'].reduce(
    (total, suffix) => total + (existsSync(file + suffix) ? statSync(file + suffix).size : 0),
    0,
  );
}

/** Runs the store suite. */
export async function runStoreSuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const events = pick(context, 1_000_000, 100_000);
  const dataFile = join(scratchDir('store'), 'store.db');
  const budgets = { memory: pick(context, 70, 20), sqlite: pick(context, 70, 25) };
  const notes: string[] = [];
  const results: Partial<Record<'memory' | 'sqlite', FillResult>> = {};
  for (const store of ['memory', 'sqlite'] as const) {
    context.log(
      `filling the ${store} store with up to ${formatNumber(events)} events (budget ${budgets[store]} s)`,
    );
    removeDatabase(dataFile);
    try {
      const result = await fill(store, events, budgets[store], dataFile);
      if (store === 'sqlite') result.databaseBytes = databaseSize(dataFile);
      results[store] = result;
      if (!result.reachedTarget) {
        notes.push(
          `The ${store} store reached ${formatNumber(result.eventsSent)} of ${formatNumber(events)} events within its ${budgets[store]} s budget (2-core limit of \`pnpm bench\`): ` +
            `rate and memory are measured on that many; memory per million is extrapolated linearly.`,
        );
      }
      if (result.failures > 0)
        notes.push(
          `The ${store} store answered non-200 ${result.failures} time(s): ${JSON.stringify(result.firstFailure).slice(0, 200)}`,
        );
      if (result.drops > 0)
        notes.push(
          `The ${store} store recorded ${result.drops} dropped items: these events were accepted but not stored.`,
        );
    } catch (error) {
      notes.push(
        `The ${store} store was not measured: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  removeDatabase(dataFile);

  const perMillion = (r: FillResult | undefined, bytes: number | undefined) =>
    r && bytes !== undefined && r.eventsSent > 0 ? (bytes / r.eventsSent) * 1_000_000 : null;
  const rows = (['memory', 'sqlite'] as const).map((store) => {
    const r = results[store];
    if (!r) return [store, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
    return [
      store,
      formatNumber(r.eventsSent),
      formatNumber(r.eventsPerSecond),
      formatRatio(ratio(r.eventsPerSecond, results.memory?.eventsPerSecond)),
      formatBytes(r.rssBytes),
      formatBytes(perMillion(r, r.rssGrowthBytes)),
      store === 'sqlite' ? formatBytes(r.databaseBytes) : '—',
    ];
  });
  notes.push(
    'Events go in as Bulk Import requests of 500 event elements (~107 KB) for 10,000 users, straight into `engine.handle()` with validation, auth, rate limiting (budgets out of reach) and the request log, so this is the engine and store cost without HTTP.',
    'RSS is read after a forced GC in a fresh process per store; the SQLite store writes to a file in bench/.tmp (deleted afterwards).',
  );
  const memory = results.memory;
  return {
    name: 'store',
    title: '2. Emulator memory and store cost',
    status:
      results.memory && results.sqlite ? 'ok' : results.memory || results.sqlite ? 'partial' : 'skipped',
    tables: [
      {
        title: `Up to ${formatNumber(events)} events into the engine`,
        columns: [
          'Store',
          'Events stored',
          'Events/s',
          '× memory store',
          'RSS after',
          'RSS growth per 1M events',
          'Database file',
        ],
        rows,
      },
    ],
    notes,
    summary: {
      storeMemoryEventsPerSecond: round(memory?.eventsPerSecond ?? null),
      storeMemoryRssMiBPerMillionEvents: round(
        (perMillion(memory, memory?.rssGrowthBytes) ?? Number.NaN) / 1024 / 1024,
      ),
      storeSqliteRatioToMemory: round(ratio(results.sqlite?.eventsPerSecond, memory?.eventsPerSecond)),
    },
    details: { targetEvents: events, budgetsSeconds: budgets, results },
    durationMs: performance.now() - started,
  };
}
