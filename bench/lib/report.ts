/**
 * The shape every suite returns, and the writer that turns a run into `REPORT.md` and `results.json`.
 * The report quotes ratios measured in one run on one machine; absolute numbers are shown only as the
 * raw material of those ratios.
 */
import { cpus, loadavg, totalmem } from 'node:os';

/** One Markdown table. Cells are already formatted strings. */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

/** A value of the flat `summary` in results.json: `null` when it could not be measured in this run. */
export type SummaryValue = number | string | boolean | null;

/** What one suite hands back to `run.ts`. */
export interface SuiteResult {
  /** Stable key (`emulator`, `client`, ...), also the `--only` name. */
  name: string;
  title: string;
  /** `ok`: measured; `partial`: some parts missing (see notes); `skipped`: nothing measured. */
  status: 'ok' | 'partial' | 'skipped';
  tables: Table[];
  /** Method notes, checks and the reasons for anything not measured. */
  notes: string[];
  /** Flat values merged into results.json's `summary` (keys are unique across suites). */
  summary: Record<string, SummaryValue>;
  /** Raw numbers for results.json's `suites.<name>`. */
  details: Record<string, unknown>;
  durationMs: number;
}

/** Facts about the machine and the run, printed at the top of the report. */
export interface RunMeta {
  date: string;
  node: string;
  platform: string;
  cpuCount: number;
  cpuModel: string;
  totalMemoryGiB: number;
  quick: boolean;
  /** `all`, or the suites named with `--only`. */
  selection: string;
  durationSeconds: number;
  /** 1-minute load average when the run started and when it ended: above the CPU count, others competed. */
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
}

/** The 1-minute load average, rounded. */
export function currentLoadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 10) / 10;
}

/** Describes this machine. */
export function machineMeta(
  quick: boolean,
  selection: string,
  durationSeconds: number,
  loadAverageAtStart: number,
): RunMeta {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuCount: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    quick,
    selection,
    durationSeconds,
    loadAverageAtStart,
    loadAverageAtEnd: currentLoadAverage(),
  };
}

/** The summary keys results.json always carries (issue 7), in report order, with how each reads. */
export const REQUIRED_SUMMARY_KEYS: ReadonlyArray<readonly [key: string, meaning: string]> = [
  ['emulatorRatioToBare', 'Emulator Track User req/s ÷ bare node:http req/s (target ≥ 0.5)'],
  ['emulatorRatioToPrism', 'Emulator Track User req/s ÷ Prism req/s (target ≥ 10)'],
  [
    'mswAdapterRatioToStaticMsw',
    'Our MSW adapter req/s ÷ a static MSW handler req/s, both through getResponse',
  ],
  ['clientTrackUserGzipBytes', 'Bundle of an app calling only trackUser (min+gzip bytes)'],
  ['clientIngestorGzipBytes', 'Bundle of an app using the ingestor (min+gzip bytes)'],
  ['ingestorFillRatio', 'Mean Bulk Import body size ÷ payload limit, full batches (target ≥ 0.95)'],
  ['ingestorBudgetUse', 'Events delivered ÷ per-minute budget over a simulated overload (target ≥ 0.98)'],
  ['ingestor429s', '429 answers over that simulated window (target 0)'],
  ['ingestorRatioToJsonLimit', 'Ingestor end-to-end elements/s ÷ JSON.stringify+JSON.parse elements/s'],
];

/** Further summary keys, shown after the required ones. */
export const EXTRA_SUMMARY_KEYS: ReadonlyArray<readonly [key: string, meaning: string]> = [
  [
    'bareRatioToPrism',
    'Bare node:http Track User req/s ÷ Prism req/s: the ceiling of emulatorRatioToPrism for any node:http server here',
  ],
  [
    'emulatorBulkElementsRatioToBare',
    'Emulator Bulk Import elements/s ÷ bare server elements/s (~120 KB bodies)',
  ],
  ['emulatorBulkRatioToPrism', 'Emulator Bulk Import elements/s ÷ Prism elements/s'],
  [
    'emulatorCpuEfficiencyRatioToBare',
    'Emulator Track User requests per server CPU-second ÷ the same for the bare server (robust to a busy machine)',
  ],
  ['emulatorSqliteRatioToMemory', 'Emulator Track User req/s with the SQLite store ÷ with the memory store'],
  [
    'loadGeneratorCpuShare',
    'Load generator CPU ÷ bare server CPU during the bare run (well under 1: the generator is not the limit)',
  ],
  [
    'storeMemoryEventsPerSecond',
    'Events/s into the engine with the memory store (Bulk Import requests, no HTTP)',
  ],
  ['storeMemoryRssMiBPerMillionEvents', 'RSS growth of the memory store per 1,000,000 events, MiB'],
  ['storeSqliteRatioToMemory', 'Events/s into the SQLite store ÷ into the memory store'],
  [
    'reliabilityConnectionsFailed',
    'Track User requests not answered 200 with 1,000 concurrent keep-alive connections (target 0)',
  ],
  [
    'reliabilityKillCyclesLostWrites',
    'Acknowledged writes missing after three kill -9 cycles under load with the SQLite store (target 0)',
  ],
  [
    'clientOverheadRatioToRawFetch',
    'Our client per call (validation off) ÷ a hand-written fetch call, stub fetch',
  ],
  [
    'clientValidatedOverheadRatioToRawFetch',
    'Our client per call (validation on) ÷ a hand-written fetch call',
  ],
  ['clientOverheadRatioToOpenapiFetch', 'Our client per call (validation off) ÷ openapi-fetch per call'],
  ['ingestorEnqueueNsPerEvent', 'Ingestor track() cost per event, ns (validation on)'],
  ['ingestorRequestsOverLimit', 'Bulk Import requests over the byte limit (must be 0)'],
  ['openapiFetchGzipBytes', 'openapi-fetch app with one POST (min+gzip bytes)'],
  ['clientTrackUserRatioToOpenapiFetch', 'trackUser app gzip ÷ openapi-fetch app gzip'],
  ['pipelineColdSeconds', 'Cold `turbo run generate --force`, seconds'],
  ['pipelineRerunCacheHit', 'No-change rerun restored every task from the cache'],
  ['pipelineRerunSpeedup', 'Cold generate time ÷ no-change rerun time'],
];

/** A Markdown table with padded columns: the layout Biome's Markdown formatter produces. */
function markdownTable(columns: string[], rows: string[][]): string[] {
  const escaped = rows.map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = columns.map((column, i) =>
    Math.max(3, column.length, ...escaped.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 3)).join(' | ')} |`;
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...escaped.map(line)];
}

function renderTable(table: Table): string {
  return [`**${table.title}**`, '', ...markdownTable(table.columns, table.rows)].join('\n');
}

function formatSummaryValue(value: SummaryValue | undefined): string {
  if (value === null || value === undefined) return 'not measured';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
  }
  return String(value);
}

function summaryTable(
  keys: ReadonlyArray<readonly [key: string, meaning: string]>,
  summary: Record<string, SummaryValue>,
): string[] {
  const rows = keys.map(([key, meaning]) => [`\`${key}\``, formatSummaryValue(summary[key]), meaning]);
  return markdownTable(['Key', 'Value', 'Meaning'], rows);
}

/** The extra keys present in this run, then any key a suite added that no list describes yet. */
function otherSummaryKeys(summary: Record<string, SummaryValue>): Array<readonly [string, string]> {
  const described = new Set([...REQUIRED_SUMMARY_KEYS, ...EXTRA_SUMMARY_KEYS].map(([key]) => key));
  const undescribed = Object.keys(summary)
    .filter((key) => !described.has(key))
    .map((key) => [key, ''] as const);
  return [...EXTRA_SUMMARY_KEYS.filter(([key]) => key in summary), ...undescribed];
}

/** Renders the whole Markdown report. */
export function renderReport(
  meta: RunMeta,
  summary: Record<string, SummaryValue>,
  suites: SuiteResult[],
): string {
  const suiteList = suites.map((s) => `${s.title} (${s.status}, ${(s.durationMs / 1000).toFixed(0)} s)`);
  const lines: string[] = [
    '# Benchmark report',
    '',
    'Generated by `pnpm bench` (`node bench/run.ts`); do not edit by hand. Every claim below is a ratio',
    'between things measured in this one run on this one machine: absolute numbers are only the raw',
    'material of those ratios and will differ on another machine.',
    '',
    `- Date: ${meta.date}`,
    `- Node: ${meta.node} (${meta.platform})`,
    `- CPUs: ${meta.cpuCount} × ${meta.cpuModel}; memory ${meta.totalMemoryGiB} GiB`,
    `- Run: ${meta.quick ? 'quick (shorter loops, for development)' : 'full'}, suites: ${meta.selection}, ${meta.durationSeconds.toFixed(0)} s`,
    `- Load average (1 min): ${meta.loadAverageAtStart} at the start, ${meta.loadAverageAtEnd} at the end${
      Math.max(meta.loadAverageAtStart, meta.loadAverageAtEnd) > meta.cpuCount
        ? ` (above the ${meta.cpuCount} CPUs: other processes competed, so absolute figures are depressed and ratios noisier)`
        : ''
    }`,
    '',
    '## Summary',
    '',
    ...summaryTable(REQUIRED_SUMMARY_KEYS, summary),
    '',
    '**Other measurements**',
    '',
    ...summaryTable(otherSummaryKeys(summary), summary),
    '',
    `Suites: ${suiteList.join('; ')}.`,
  ];
  for (const suite of suites) {
    lines.push('', `## ${suite.title}`, '');
    if (suite.status !== 'ok') lines.push(`Status: **${suite.status}**.`, '');
    for (const table of suite.tables) lines.push(renderTable(table), '');
    for (const note of suite.notes) lines.push(`- ${note}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The content of results.json: the flat summary first, then machine facts and raw details per suite. */
export function renderResults(
  meta: RunMeta,
  summary: Record<string, SummaryValue>,
  suites: SuiteResult[],
): string {
  const document = {
    summary,
    meta,
    suites: Object.fromEntries(
      suites.map((s) => [
        s.name,
        { status: s.status, durationMs: Math.round(s.durationMs), notes: s.notes, ...s.details },
      ]),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A suite result for a suite that could not run at all (its dependency is missing or it threw). */
export function skippedSuite(
  name: string,
  title: string,
  reason: string,
  summaryKeys: string[],
  durationMs = 0,
): SuiteResult {
  return {
    name,
    title,
    status: 'skipped',
    tables: [],
    notes: [`Not measured: ${reason}`],
    summary: Object.fromEntries(summaryKeys.map((k) => [k, null])),
    details: { skippedReason: reason },
    durationMs,
  };
}
