/** `moengage-conformance`: flags and environment → {@link runConformance} → the report and an exit code. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  coreHost,
  DATA_CENTERS,
  type DataCenter,
  DEFAULT_DATA_CENTER,
  fileImportsHost,
} from '@moedata/spec/rules';
import { renderReport } from './report.ts';
import { type RunOptions, runConformance } from './run.ts';
import { scenarios } from './scenarios/index.ts';

const HELP = `moengage-conformance: the same scenarios against the emulator or a real MoEngage workspace

Usage: moengage-conformance [options]

Target (flags win over the environment):
  --base-url URL        One origin for every request, e.g. the emulator (env MOENGAGE_BASE_URL)
  --data-center DC      MoEngage data center ${DATA_CENTERS.join('|')} (env MOENGAGE_DATA_CENTER, default ${DEFAULT_DATA_CENTER})
  --workspace ID        Workspace id (env MOENGAGE_WORKSPACE_ID)
  --key KEY             Data API key (env MOENGAGE_API_KEY)
  --emulator            Treat the target as the emulator (default: probe GET /_mock/health; never on *.moengage.com)

Safety:
  --max-requests N      Never send more than N requests, clean-up included (default 250)
  --interval-ms MS      Least time between requests (default 1000; 0 against the emulator)
  --settle-ms MS        Wait between reads of data not processed yet (default 5000; 0 against the emulator)
  --dry-run             Print every request instead of sending it

Output:
  --json FILE           Write the report as JSON (- for stdout)
  --record DIR          Save each answer (credentials and ids redacted) as DIR/<scenario>.json
  --replay DIR          Compare with the answers saved in DIR instead of the contract
  --only ID[,ID...]     Run only these scenarios (--list shows them)
  --list                List the scenarios and exit
  --verbose             Show matching checks too
  --help

Exit code: 0 when nothing differs, 1 when a scenario differs or a clean-up failed, 2 on a usage error.`;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C. @default one wired to SIGINT */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

class UsageError extends Error {}

function positiveInteger(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new UsageError(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

/** Parses flags and environment into run options. @throws UsageError */
export function parseCli(
  argv: readonly string[],
  env: CliIo['env'],
): { options: RunOptions; json?: string; verbose: boolean; list: boolean; help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'base-url': { type: 'string' },
      'data-center': { type: 'string' },
      workspace: { type: 'string' },
      key: { type: 'string' },
      emulator: { type: 'boolean' },
      'max-requests': { type: 'string' },
      'interval-ms': { type: 'string' },
      'settle-ms': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'string' },
      record: { type: 'string' },
      replay: { type: 'string' },
      only: { type: 'string' },
      list: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const flags = { verbose: values.verbose ?? false, list: values.list ?? false, help: values.help ?? false };
  const workspace = values.workspace ?? env.MOENGAGE_WORKSPACE_ID;
  const key = values.key ?? env.MOENGAGE_API_KEY;
  if (flags.help || flags.list) return { options: { coreUrl: '', workspace: '', key: '' }, ...flags };
  if (!workspace) throw new UsageError('--workspace ID or MOENGAGE_WORKSPACE_ID is required');
  if (!key) throw new UsageError('--key KEY or MOENGAGE_API_KEY is required');
  if (values.record !== undefined && values.replay !== undefined)
    throw new UsageError(
      '--record and --replay cannot be combined: record against MoEngage, replay against the emulator',
    );
  if (values.record !== undefined && values['dry-run'])
    throw new UsageError('--record needs real answers: drop --dry-run');

  const baseUrl = values['base-url'] ?? env.MOENGAGE_BASE_URL;
  const dataCenter = values['data-center'] ?? env.MOENGAGE_DATA_CENTER ?? DEFAULT_DATA_CENTER;
  if (!(DATA_CENTERS as readonly string[]).includes(dataCenter))
    throw new UsageError(`--data-center must be one of ${DATA_CENTERS.join(', ')}, got "${dataCenter}"`);
  if (baseUrl !== undefined && !URL.canParse(baseUrl))
    throw new UsageError(`--base-url is not a URL: "${baseUrl}"`);
  const coreUrl = baseUrl ?? coreHost(dataCenter as DataCenter);
  if (values.emulator && new URL(coreUrl).hostname.endsWith('.moengage.com'))
    throw new UsageError(
      `--emulator: ${coreUrl} is MoEngage; account-state scenarios only ever run against the emulator`,
    );
  const only = values.only?.split(',').map((id) => id.trim());
  const unknown = only?.filter((id) => !scenarios.some((scenario) => scenario.id === id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown scenario ${unknown.join(', ')} (--list shows them)`);

  const maxRequests = positiveInteger('--max-requests', values['max-requests'], 250);
  const intervalMs = positiveInteger('--interval-ms', values['interval-ms']);
  const settleMs = positiveInteger('--settle-ms', values['settle-ms']);
  const options: RunOptions = {
    coreUrl,
    fileImportsUrl: baseUrl ?? fileImportsHost(dataCenter as DataCenter),
    workspace,
    key,
    ...(maxRequests === undefined ? {} : { maxRequests }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    ...(settleMs === undefined ? {} : { settleMs }),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.emulator ? { emulator: true } : {}),
    ...(values.record === undefined ? {} : { record: values.record }),
    ...(values.replay === undefined ? {} : { replay: values.replay }),
    ...(only === undefined ? {} : { only }),
  };
  return { options, ...(values.json === undefined ? {} : { json: values.json }), ...flags };
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = { out: (text) => console.log(text), err: (text) => console.error(text), env: process.env },
): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv, io.env);
  } catch (error) {
    io.err(
      `moengage-conformance: ${error instanceof Error ? error.message : String(error)}\nRun with --help for usage.`,
    );
    return 2;
  }
  if (parsed.help) {
    io.out(HELP);
    return 0;
  }
  if (parsed.list) {
    io.out(
      scenarios
        .map(
          (scenario) => `${scenario.id}${scenario.emulatorOnly ? ' (emulator only)' : ''}: ${scenario.title}`,
        )
        .join('\n'),
    );
    return 0;
  }

  let signal = io.signal;
  let detach = () => {};
  if (signal === undefined) {
    const controller = new AbortController();
    const onInterrupt = () => {
      io.err('interrupted: deleting what this run created (Ctrl-C again quits without cleaning up)');
      controller.abort();
    };
    process.once('SIGINT', onInterrupt);
    detach = () => process.removeListener('SIGINT', onInterrupt);
    signal = controller.signal;
  }
  try {
    const report = await runConformance({
      ...parsed.options,
      signal,
      print: io.out,
      ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
    });
    io.out(renderReport(report, parsed.verbose));
    if (parsed.json === '-') io.out(JSON.stringify(report, null, 2));
    else if (parsed.json !== undefined) writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
    if (report.stoppedEarly === 'interrupted') return 130;
    return report.summary.differs > 0 || report.cleanup.failed.length > 0 ? 1 : 0;
  } finally {
    detach();
  }
}
