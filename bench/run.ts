/**
 * `pnpm bench`: runs every suite in one process, one after the other (never two loads at once on a
 * 2-core machine), then writes `bench/REPORT.md` and `bench/results.json` and prints the summary.
 *
 *   node bench/run.ts                      everything (under 10 minutes on 2 cores)
 *   node bench/run.ts --quick              shorter loops, for development
 *   node bench/run.ts --only client,bundle some suites; the files then hold only those suites
 *
 * A suite whose dependency is missing or that fails is reported as skipped with the reason; the run
 * still writes both files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, repoRoot } from './lib/paths.ts';
import { ensurePeers } from './lib/peers.ts';
import { killLiveChildren } from './lib/process.ts';
import {
  currentLoadAverage,
  machineMeta,
  REQUIRED_SUMMARY_KEYS,
  renderReport,
  renderResults,
  type SuiteResult,
  type SummaryValue,
  skippedSuite,
} from './lib/report.ts';
import type { SuiteContext } from './lib/suite.ts';

interface SuiteDefinition {
  name: string;
  title: string;
  /** Loaded lazily, so a suite whose package does not exist yet is skipped instead of crashing the run. */
  load: () => Promise<(context: SuiteContext) => Promise<SuiteResult>>;
  /** Summary keys it fills (set to null when it is skipped). */
  summaryKeys: string[];
  /** Hard limit for the suite in a full run; the suite is reported skipped past it. */
  budgetSeconds: number;
  /** It compares against the npm-installed peers (Prism, openapi-fetch), installed before any suite. */
  usesPeers?: boolean;
}

const SUITES: SuiteDefinition[] = [
  {
    name: 'pipeline',
    title: '6. Pipeline: turbo generate',
    load: async () => (await import('./suites/pipeline.ts')).runPipelineSuite,
    summaryKeys: ['pipelineColdSeconds', 'pipelineRerunCacheHit', 'pipelineRerunSpeedup'],
    budgetSeconds: 240,
  },
  {
    name: 'bundle',
    title: '5. Bundle size',
    load: async () => (await import('./suites/bundle.ts')).runBundleSuite,
    summaryKeys: [
      'clientTrackUserGzipBytes',
      'clientIngestorGzipBytes',
      'openapiFetchGzipBytes',
      'clientTrackUserRatioToOpenapiFetch',
    ],
    budgetSeconds: 60,
    usesPeers: true,
  },
  {
    name: 'client',
    title: '3. Client overhead per call',
    load: async () => (await import('./suites/client.ts')).runClientSuite,
    summaryKeys: [
      'clientOverheadRatioToRawFetch',
      'clientValidatedOverheadRatioToRawFetch',
      'clientOverheadRatioToOpenapiFetch',
    ],
    budgetSeconds: 60,
    usesPeers: true,
  },
  {
    name: 'ingestor',
    title: '4. Ingestor',
    load: async () => (await import('./suites/ingestor.ts')).runIngestorSuite,
    summaryKeys: [
      'ingestorEnqueueNsPerEvent',
      'ingestorRatioToJsonLimit',
      'ingestorFillRatio',
      'ingestorRequestsOverLimit',
      'ingestorBudgetUse',
      'ingestor429s',
    ],
    budgetSeconds: 120,
  },
  {
    name: 'emulator',
    title: '1. Emulator server throughput',
    load: async () => (await import('./suites/emulator.ts')).runEmulatorSuite,
    summaryKeys: [
      'emulatorRatioToBare',
      'emulatorRatioToPrism',
      'mswAdapterRatioToStaticMsw',
      'bareRatioToPrism',
      'emulatorBulkElementsRatioToBare',
      'emulatorBulkRatioToPrism',
      'emulatorCpuEfficiencyRatioToBare',
      'emulatorSqliteRatioToMemory',
      'loadGeneratorCpuShare',
    ],
    budgetSeconds: 260,
    usesPeers: true,
  },
  {
    name: 'store',
    title: '2. Emulator memory and store cost',
    load: async () => (await import('./suites/store.ts')).runStoreSuite,
    summaryKeys: [
      'storeMemoryEventsPerSecond',
      'storeMemoryRssMiBPerMillionEvents',
      'storeSqliteRatioToMemory',
    ],
    budgetSeconds: 180,
  },
  {
    name: 'reliability',
    title: '7. Reliability: 1,000 connections, kill -9 cycles',
    load: async () => (await import('./suites/reliability.ts')).runReliabilitySuite,
    summaryKeys: ['reliabilityConnectionsFailed', 'reliabilityKillCyclesLostWrites'],
    budgetSeconds: 150,
  },
];

/** Rejects past `seconds`, and aborts `controller` then, so the suite stops what it still runs. */
function withBudget<T>(
  promise: Promise<T>,
  seconds: number,
  name: string,
  controller: AbortController,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`the ${name} suite exceeded its ${seconds} s budget`);
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The whole run stays under 10 minutes on 2 cores: each suite gets at most what is left of this. */
const RUN_LIMIT_SECONDS = 570;

async function runSuite(
  definition: SuiteDefinition,
  context: SuiteContext,
  controller: AbortController,
  secondsLeft: number,
): Promise<SuiteResult> {
  const started = performance.now();
  if (secondsLeft < 15) {
    const reason = `the run reached its ${RUN_LIMIT_SECONDS} s limit before this suite`;
    return skippedSuite(definition.name, definition.title, reason, definition.summaryKeys);
  }
  try {
    const run = await definition.load();
    return await withBudget(
      run(context),
      Math.min(definition.budgetSeconds, secondsLeft),
      definition.name,
      controller,
    );
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    console.error(
      `[bench] ${definition.name}: ${error instanceof Error ? (error.stack ?? error.message) : reason}`,
    );
    return skippedSuite(
      definition.name,
      definition.title,
      reason,
      definition.summaryKeys,
      performance.now() - started,
    );
  } finally {
    killLiveChildren();
  }
}

/** Leaves both files as the repository's formatter wants them, so `biome ci` passes on a fresh report. */
function formatWithBiome(files: string[]): void {
  const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
  if (!existsSync(biome)) return;
  spawnSync(biome, ['format', '--write', ...files], { cwd: repoRoot, stdio: 'ignore', timeout: 30_000 });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: node bench/run.ts [--quick] [--only pipeline,bundle,client,ingestor,emulator,store,reliability]',
    );
    return;
  }
  const only = values.only?.split(',').map((s) => s.trim()) ?? null;
  const unknown = only?.filter((name) => !SUITES.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `Unknown suite(s) ${unknown.join(', ')}; choose from ${SUITES.map((s) => s.name).join(', ')}.`,
    );
  }
  const started = performance.now();
  const loadAtStart = currentLoadAverage();
  const results: SuiteResult[] = [];
  const selected = SUITES.filter((definition) => !only || only.includes(definition.name));
  if (selected.some((definition) => definition.usesPeers)) {
    // Once, before any suite and outside their budgets: a slow registry must not cut a suite short.
    const peersStarted = performance.now();
    const peers = await ensurePeers();
    console.log(`[bench] peers: ${peers.note} (${((performance.now() - peersStarted) / 1000).toFixed(1)} s)`);
  }
  for (const definition of selected) {
    console.log(`[bench] ${definition.title}...`);
    const controller = new AbortController();
    const context: SuiteContext = {
      quick: values.quick,
      log: (message) => console.log(`[bench] ${definition.name}: ${message}`),
      signal: controller.signal,
    };
    const secondsLeft = RUN_LIMIT_SECONDS - (performance.now() - started) / 1000;
    const result = await runSuite(definition, context, controller, secondsLeft);
    console.log(`[bench] ${definition.name}: ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s`);
    results.push(result);
  }

  const summary: Record<string, SummaryValue> = Object.fromEntries(
    REQUIRED_SUMMARY_KEYS.map(([key]) => [key, null]),
  );
  for (const result of results) Object.assign(summary, result.summary);
  const selection = only ? only.join(', ') : 'all';
  const meta = machineMeta(values.quick, selection, (performance.now() - started) / 1000, loadAtStart);
  const report = renderReport(meta, summary, results);
  writeFileSync(join(benchDir, 'REPORT.md'), report);
  writeFileSync(join(benchDir, 'results.json'), renderResults(meta, summary, results));
  formatWithBiome([join(benchDir, 'REPORT.md'), join(benchDir, 'results.json')]);
  console.log(`\n${report}`);
  console.log(`[bench] wrote bench/REPORT.md and bench/results.json in ${meta.durationSeconds.toFixed(0)} s`);
  const missing = REQUIRED_SUMMARY_KEYS.map(([key]) => key).filter((key) => summary[key] === null);
  if (missing.length > 0 && !only) {
    console.warn(`[bench] not measured in this run: ${missing.join(', ')} (the report's notes say why)`);
  }
}

try {
  await main();
} finally {
  killLiveChildren();
}
// A suite that hit its budget may leave a pending timer or socket behind: the files are written, so stop here.
process.exit(process.exitCode ?? 0);
