/**
 * Command-line flags and environment variables of `moengage-ingest`, turned into checked settings.
 * Every mistake becomes a {@link UsageError} whose message says what to type instead.
 */
import { parseArgs } from 'node:util';
import { DATA_CENTERS, isDataCenter } from '@moedata/client';

/** The three kinds of Bulk Import element. */
export const ELEMENT_TYPES = ['customer', 'event', 'device'] as const;
/** A Bulk Import element type. */
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** Input formats the CLI reads. */
export type InputFormat = 'ndjson' | 'csv';

/** How progress is shown: a redrawn bar, periodic plain lines, or nothing. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

/** Where requests go: a MoEngage data center, or one origin (the emulator, a proxy). */
export type Target = { dataCenter: string } | { baseUrl: string };

/** The local emulator started by `npm start` (or `moengage-mock`) listens here by default. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:4010';

/** Everything a run needs, checked. */
export interface IngestSettings {
  /** Files to read in order; `-` is standard input. */
  inputs: string[];
  /** Forced format; `undefined` = from each file's extension (stdin: NDJSON). */
  format: InputFormat | undefined;
  /** CSV only: the type of every row (otherwise each row needs a `type` column). */
  csvType: ElementType | undefined;
  dryRun: boolean;
  /** Absent only in a dry run, which sends nothing. */
  workspaceId: string | undefined;
  apiKey: string | undefined;
  target: Target;
  /** Multiplies the default per-minute budgets (10,000 users and 30,000 events). */
  limitScale: number;
  concurrency: number;
  failedOut: string | undefined;
  progress: ProgressMode;
  progressIntervalMs: number;
  /** Print the summary as one JSON object on stdout instead of text. */
  json: boolean;
  /** How many bad lines are printed one by one (all of them are counted). */
  maxReported: number;
}

/** A mistake on the command line; the CLI prints it and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What `--help` prints. */
export const HELP_TEXT = `moengage-ingest: backfill users, devices and events into MoEngage through Bulk Import.

Usage:
  moengage-ingest [options] [FILE ...]

  FILE                    NDJSON (.ndjson, .jsonl, .json) or CSV (.csv) files, read in order and
                          streamed. '-' or no FILE reads standard input (NDJSON unless --format csv).

Connection:
  --workspace ID          Workspace ID (env MOENGAGE_WORKSPACE_ID)
  --api-key KEY           Data API key (env MOENGAGE_API_KEY)
  --data-center DC        MoEngage data center: ${DATA_CENTERS.join(', ')} (env MOENGAGE_DATA_CENTER)
  --base-url URL          One origin for every request (env MOENGAGE_BASE_URL)
                          default: the local emulator ${DEFAULT_BASE_URL}

Input:
  --format ndjson|csv     Override the format guessed from the file extension
  --type TYPE             CSV: every row is a customer, event or device
                          (without it, each row needs a "type" column)

Run:
  --dry-run               Validate every line against the spec; send nothing, need no credentials
  --limit-scale N         Multiply the per-minute budgets (10,000 users, 30,000 events) by N;
                          the answers' x-ratelimit headers correct them either way (default 1)
  --concurrency N         Requests in flight at once; above 1, order across requests is lost (default 1)
  --failed-out FILE       Write elements that could not be delivered to FILE as NDJSON, for a retry run

Output:
  --progress MODE         auto (a bar on a terminal, plain lines otherwise), bar, lines or none
  --progress-interval S   Seconds between plain progress lines (default 5)
  --max-reported N        Bad lines printed one by one; all are counted (default 50)
  --json                  Print the summary as one JSON object on stdout
  -h, --help              Show this help

Exit codes: 0 everything delivered (or valid, with --dry-run); 1 some lines were invalid or some
elements failed; 2 a usage or input error; 130 interrupted (Ctrl-C: reading stops, what was read is
sent, then the summary is printed; press Ctrl-C again to quit at once).

Examples:
  moengage-ingest --workspace DEMO --api-key demo-api-key users.ndjson events.ndjson
  moengage-ingest --data-center 01 --type event --failed-out failed.ndjson purchases.csv
  cat users.ndjson | moengage-ingest --dry-run
`;

const OPTIONS = {
  workspace: { type: 'string' },
  'api-key': { type: 'string' },
  'data-center': { type: 'string' },
  'base-url': { type: 'string' },
  format: { type: 'string' },
  type: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'limit-scale': { type: 'string' },
  concurrency: { type: 'string' },
  'failed-out': { type: 'string' },
  progress: { type: 'string' },
  'progress-interval': { type: 'string' },
  'max-reported': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
}

function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(Number.isFinite(number) && number > 0)) {
    throw new UsageError(`${flag} must be a number above 0, e.g. ${flag} 2; got ${JSON.stringify(value)}.`);
  }
  return number;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new UsageError(`${flag} must be a whole number of at least ${min}; got ${JSON.stringify(value)}.`);
  }
  return number;
}

function targetOf(dataCenter: string | undefined, baseUrl: string | undefined): Target {
  if (dataCenter !== undefined && baseUrl !== undefined) {
    throw new UsageError(
      'Pass either --data-center (MoEngage) or --base-url (the emulator or a proxy), not both ' +
        '(check MOENGAGE_DATA_CENTER and MOENGAGE_BASE_URL too).',
    );
  }
  if (dataCenter !== undefined) {
    if (!isDataCenter(dataCenter)) {
      throw new UsageError(
        `--data-center must be one of ${DATA_CENTERS.join(', ')} (the number in your dashboard URL, ` +
          `dashboard-01 → 01); got ${JSON.stringify(dataCenter)}.`,
      );
    }
    return { dataCenter };
  }
  return { baseUrl: baseUrl ?? DEFAULT_BASE_URL };
}

/** Environment variables the CLI reads (flags win). */
export interface IngestEnv {
  MOENGAGE_WORKSPACE_ID?: string | undefined;
  MOENGAGE_API_KEY?: string | undefined;
  MOENGAGE_DATA_CENTER?: string | undefined;
  MOENGAGE_BASE_URL?: string | undefined;
}

/** `--help` was asked for: print {@link HELP_TEXT} and exit 0. */
export const HELP = Symbol('help');

/**
 * Parses the arguments after `moengage-ingest` (flags win over environment variables).
 * @throws UsageError naming the flag to fix.
 */
export function parseIngestArgs(argv: readonly string[], env: IngestEnv = {}): IngestSettings | typeof HELP {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run moengage-ingest --help for the flags.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return HELP;

  const flagOrEnv = (flag: 'data-center' | 'base-url', variable: keyof IngestEnv) =>
    values[flag] ??
    (values['data-center'] === undefined && values['base-url'] === undefined ? env[variable] : undefined);

  const dryRun = values['dry-run'] ?? false;
  const settings: IngestSettings = {
    inputs: positionals.length > 0 ? positionals : ['-'],
    format: oneOf('--format', values.format, ['ndjson', 'csv'] as const),
    csvType: oneOf('--type', values.type, ELEMENT_TYPES),
    dryRun,
    workspaceId: values.workspace ?? env.MOENGAGE_WORKSPACE_ID,
    apiKey: values['api-key'] ?? env.MOENGAGE_API_KEY,
    target: targetOf(
      flagOrEnv('data-center', 'MOENGAGE_DATA_CENTER'),
      flagOrEnv('base-url', 'MOENGAGE_BASE_URL'),
    ),
    limitScale: positiveNumber('--limit-scale', values['limit-scale'], 1),
    concurrency: wholeNumber('--concurrency', values.concurrency, 1, 1),
    failedOut: values['failed-out'],
    progress: oneOf('--progress', values.progress, ['auto', 'bar', 'lines', 'none'] as const) ?? 'auto',
    progressIntervalMs: positiveNumber('--progress-interval', values['progress-interval'], 5) * 1000,
    json: values.json ?? false,
    maxReported: wholeNumber('--max-reported', values['max-reported'], 50, 0),
  };
  if (!dryRun && !settings.workspaceId) {
    throw new UsageError(
      'Missing the workspace: pass --workspace ID or set MOENGAGE_WORKSPACE_ID (Settings > Account > APIs). ' +
        'For the local emulator started with no flags, use --workspace DEMO --api-key demo-api-key.',
    );
  }
  if (!dryRun && !settings.apiKey) {
    throw new UsageError(
      'Missing the Data API key: pass --api-key KEY or set MOENGAGE_API_KEY (Settings > Account > APIs, Data tile).',
    );
  }
  return settings;
}
