/**
 * Suite 4, the ingestor: what `track()` costs per event; end-to-end elements/s into the standalone
 * emulator over HTTP with rate limits off, against the JSON.stringify + JSON.parse throughput of the same
 * elements (the limit: the least work any sender and receiver must do); how full its requests are and
 * whether any is over the byte limit; and, with the default limits over simulated minutes, the share of
 * the budget it uses and the 429s it provokes.
 */
import { type BulkElement, type BulkImportClient, createIngestor, createMoEngage } from '@moedata/client';
import { PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';
import { requestBodyBytes } from '../lib/engine-fetch.ts';
import { API_KEY, importElements, WORKSPACE_ID } from '../lib/fixtures.ts';
import { simulateBudget } from '../lib/ingestor-budget.ts';
import { startServerProcess } from '../lib/process.ts';
import type { SuiteResult } from '../lib/report.ts';
import { formatNumber, formatPercent, formatRatio, ratio, round, timeAsyncLoop } from '../lib/stats.ts';
import { pick, type SuiteContext } from '../lib/suite.ts';

const PAYLOAD_LIMIT = PAYLOAD_LIMIT_BYTES;
const OUT_OF_REACH = { usersPerMinute: 1e12, eventsPerMinute: 1e12 };

/** A Bulk Import client that accepts everything at once: the ingestor's own cost, without HTTP. */
const instantClient: BulkImportClient = { bulkImport: async () => ({ requestId: 'AbCdEfGh' }) };

async function enqueueCost(elements: BulkElement[], validate: boolean, quick: boolean): Promise<number> {
  const ingestor = createIngestor({
    client: instantClient,
    budget: OUT_OF_REACH,
    validate,
    maxQueueSize: 1_000_000,
    maxQueueBytes: 1024 ** 3,
  });
  const result = await timeAsyncLoop(
    (i) => ingestor.track(elements[i % elements.length] as BulkElement),
    quick
      ? { warmupIterations: 2000, minIterations: 5000, maxIterations: 50_000, maxMilliseconds: 500 }
      : { warmupIterations: 10_000, minIterations: 20_000, maxIterations: 400_000, maxMilliseconds: 2500 },
    1000,
  );
  await ingestor.close({ timeoutMs: 10_000 });
  return result.nsPerOp;
}

interface EndToEnd {
  concurrency: number;
  elements: number;
  seconds: number;
  elementsPerSecond: number;
  requestBytes: number[];
  sent: number;
  failed: number;
}

async function endToEnd(baseUrl: string, elements: BulkElement[], concurrency: number): Promise<EndToEnd> {
  const requestBytes: number[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    requestBytes.push((await requestBodyBytes(input, init))?.byteLength ?? 0);
    return fetch(input, init);
  };
  const client = createMoEngage({
    workspaceId: WORKSPACE_ID,
    apiKey: API_KEY,
    baseUrl,
    fetch: recordingFetch,
  });
  const ingestor = createIngestor({ client, budget: OUT_OF_REACH, concurrency });
  const started = performance.now();
  for (const element of elements) await ingestor.track(element);
  const closed = await ingestor.close({ timeoutMs: 120_000 });
  const seconds = (performance.now() - started) / 1000;
  return {
    concurrency,
    elements: elements.length,
    seconds,
    elementsPerSecond: elements.length / seconds,
    requestBytes,
    sent: closed.sent,
    failed: closed.failed + closed.dropped,
  };
}

/** JSON.stringify + JSON.parse of the same elements in request-sized chunks: elements per second. */
function jsonLimit(elements: BulkElement[], chunkSize: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (let i = 0; i < elements.length; i += chunkSize) {
      JSON.parse(JSON.stringify({ type: 'transition', elements: elements.slice(i, i + chunkSize) }));
    }
    best = Math.min(best, performance.now() - started);
  }
  return elements.length / (best / 1000);
}

/** Runs the ingestor suite. */
export async function runIngestorSuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const notes: string[] = [];
  const users = pick(context, 40_000, 10_000);
  const elements = importElements(0, users) as BulkElement[];

  context.log('timing track() per event');
  const enqueueValidated = await enqueueCost(elements, true, context.quick);
  const enqueueUnvalidated = await enqueueCost(elements, false, context.quick);

  context.log(`sending ${formatNumber(elements.length)} elements into the emulator`);
  const server = await startServerProcess(process.execPath, [
    new URL('../lib/servers/emulator.ts', import.meta.url).pathname,
  ]);
  const runs: EndToEnd[] = [];
  try {
    const baseUrl = `http://127.0.0.1:${server.port}`;
    await endToEnd(baseUrl, elements.slice(0, 3000), 1); // warm-up: JIT and keep-alive connections
    for (const concurrency of [1, 4]) runs.push(await endToEnd(baseUrl, elements, concurrency));
  } finally {
    await server.stop();
  }
  const defaultRun = runs[0] as EndToEnd;
  const meanElementsPerRequest = defaultRun.elements / Math.max(1, defaultRun.requestBytes.length);
  const jsonElementsPerSecond = jsonLimit(elements, Math.round(meanElementsPerRequest));
  // Every request but the last of a run carries a full batch; the last holds what was left at close().
  const fullBatches = defaultRun.requestBytes.slice(0, -1);
  const fillRatio =
    fullBatches.length > 0
      ? fullBatches.reduce((a, b) => a + b, 0) / fullBatches.length / PAYLOAD_LIMIT
      : null;
  const minFill = fullBatches.length > 0 ? Math.min(...fullBatches) / PAYLOAD_LIMIT : null;
  const overLimit = runs.reduce(
    (sum, run) => sum + run.requestBytes.filter((b) => b > PAYLOAD_LIMIT).length,
    0,
  );

  context.log('simulating the default budgets under overload (fake clock)');
  const minutes = pick(context, 5, 2);
  const budget = await simulateBudget(minutes);
  if (budget.otherFailures > 0)
    notes.push(`The budget simulation saw ${budget.otherFailures} failed requests or elements besides 429s.`);
  for (const run of runs)
    if (run.failed > 0)
      notes.push(
        `End-to-end run with concurrency ${run.concurrency}: ${run.failed} elements failed or were dropped.`,
      );

  notes.push(
    `Elements: the import mix (per user one customer element and two event elements, ~190-300 bytes each), ${formatNumber(elements.length)} per end-to-end run.`,
    'track() cost: an instant stub client (no HTTP), budgets out of reach; the time includes packing and hand-off, measured as the median of rounds of 1,000 calls.',
    'End to end: real client (global fetch, keep-alive) into the standalone emulator in a child process with its rate limits out of reach; time from the first track() to close() resolving.',
    `JSON limit: JSON.stringify + JSON.parse of the same elements in chunks of ${Math.round(meanElementsPerRequest)} (the mean per request), best of 3 passes, in this process.`,
    `Budget: ${minutes} simulated minutes with the default limits on both sides (${formatNumber(budget.usersBudgetPerMinute)} users + ${formatNumber(budget.eventsBudgetPerMinute)} events per minute), the producer offering 3× that; ${budget.stepsRun} timer steps took ${budget.realSeconds.toFixed(1)} s of real time.`,
  );
  return {
    name: 'ingestor',
    title: '4. Ingestor',
    status: 'ok',
    tables: [
      {
        title: 'track() cost per event (stub client)',
        columns: ['Validation', 'ns / event', 'events/s'],
        rows: [
          ['on (default)', formatNumber(enqueueValidated), formatNumber(1e9 / enqueueValidated)],
          ['off', formatNumber(enqueueUnvalidated), formatNumber(1e9 / enqueueUnvalidated)],
        ],
      },
      {
        title: 'End to end into the emulator, rate limits off',
        columns: [
          'Sender',
          'elements/s',
          '× JSON limit',
          'requests',
          'elements / request',
          'mean fill',
          'requests over 128 KB',
        ],
        rows: [
          [
            'JSON.stringify + JSON.parse (limit)',
            formatNumber(jsonElementsPerSecond),
            '1.00×',
            '—',
            '—',
            '—',
            '—',
          ],
          ...runs.map((run) => [
            `ingestor, concurrency ${run.concurrency}${run.concurrency === 1 ? ' (default)' : ''}`,
            formatNumber(run.elementsPerSecond),
            formatRatio(ratio(run.elementsPerSecond, jsonElementsPerSecond), 3),
            formatNumber(run.requestBytes.length),
            formatNumber(run.elements / Math.max(1, run.requestBytes.length)),
            formatPercent(
              run.requestBytes.slice(0, -1).reduce((a, b) => a + b, 0) /
                Math.max(1, run.requestBytes.length - 1) /
                PAYLOAD_LIMIT,
            ),
            String(run.requestBytes.filter((b) => b > PAYLOAD_LIMIT).length),
          ]),
        ],
      },
      {
        title: `Default limits, ${minutes} simulated minutes of overload`,
        columns: ['Budget', 'Delivered', 'Budget', 'Share used'],
        rows: [
          [
            'users (customer elements)',
            formatNumber(budget.usersDelivered),
            formatNumber(budget.usersBudgetPerMinute * minutes),
            formatPercent(budget.usersBudgetUse),
          ],
          [
            'events',
            formatNumber(budget.eventsDelivered),
            formatNumber(budget.eventsBudgetPerMinute * minutes),
            formatPercent(budget.eventsBudgetUse),
          ],
          ['429 answers', String(budget.rateLimited), '0 expected', '—'],
        ],
      },
    ],
    notes,
    summary: {
      ingestorEnqueueNsPerEvent: Math.round(enqueueValidated),
      ingestorRatioToJsonLimit: round(ratio(defaultRun.elementsPerSecond, jsonElementsPerSecond)),
      ingestorFillRatio: round(fillRatio, 4),
      ingestorRequestsOverLimit: overLimit,
      ingestorBudgetUse: round(budget.budgetUse, 4),
      ingestor429s: budget.rateLimited,
    },
    details: {
      enqueueNs: { validated: Math.round(enqueueValidated), unvalidated: Math.round(enqueueUnvalidated) },
      jsonElementsPerSecond: Math.round(jsonElementsPerSecond),
      minFill: round(minFill, 4),
      endToEnd: runs.map(({ requestBytes, ...rest }) => ({
        ...rest,
        requests: requestBytes.length,
        maxRequestBytes: Math.max(...requestBytes),
      })),
      budget,
    },
    durationMs: performance.now() - started,
  };
}
