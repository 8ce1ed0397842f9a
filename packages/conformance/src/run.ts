/**
 * Runs the suite against one target: emulator detection, each scenario in turn, snapshots, and the
 * clean-up (Delete User of everything the run may have created) in a `finally`, so a failure, the
 * request budget or Ctrl-C (`signal`) still ends with it.
 */
import { randomBytes } from 'node:crypto';
import { getError } from '@moedata/spec/errors';
import { buildRequest, createScenarioContext, type Scenario } from './scenario.ts';
import { scenarios as allScenarios } from './scenarios/index.ts';
import { BudgetExhaustedError, createSender, type Sender } from './sender.ts';
import { readSnapshot, type Secrets, writeSnapshot } from './snapshots.ts';
import type { CleanupReport, ConformanceReport, ScenarioReport, StepReport, Verdict } from './types.ts';

/** Options of {@link runConformance}. */
export interface RunOptions {
  /** Origin of the core Data API, e.g. `https://api-01.moengage.com` or the emulator's URL. */
  readonly coreUrl: string;
  /** Origin of Trigger File Imports. @default coreUrl */
  readonly fileImportsUrl?: string;
  readonly workspace: string;
  readonly key: string;
  /** Hard cap on requests, clean-up included. @default 250 */
  readonly maxRequests?: number;
  /** Least time between two requests. @default 0 against the emulator, 1000 otherwise */
  readonly intervalMs?: number;
  /** Wait between two reads of data MoEngage has not processed yet. @default 0 against the emulator, 5000 otherwise */
  readonly settleMs?: number;
  /** Print every request instead of sending it. */
  readonly dryRun?: boolean;
  /** Write each scenario's answers to this folder. */
  readonly record?: string;
  /** Compare with the answers recorded in this folder instead of the contract. */
  readonly replay?: string;
  /**
   * Whether the target is the emulator (account-state scenarios run only then).
   * @default probed: `GET /_mock/health` answers `{"status":"ok"}` (never probed on a *.moengage.com host)
   */
  readonly emulator?: boolean;
  /** Only these scenario ids. */
  readonly only?: readonly string[];
  /** The suite. @default every scenario */
  readonly scenarios?: readonly Scenario[];
  /** @default 8 random hex characters */
  readonly runId?: string;
  /** Aborting stops after the current request, then cleans up. */
  readonly signal?: AbortSignal;
  /** Where dry runs and progress print. @default console.log */
  readonly print?: (line: string) => void;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Every customer_id of a run starts with this. */
export const runPrefix = (runId: string) => `moedata-conformance-${runId}-`;

const isMoEngageHost = (url: string) => new URL(url).hostname.endsWith('.moengage.com');

async function probeEmulator(sender: Sender, options: RunOptions): Promise<boolean> {
  if (isMoEngageHost(options.coreUrl) || options.dryRun) return false;
  try {
    const answer = await sender.send({
      origin: 'emulator',
      method: 'GET',
      path: '/_mock/health',
      headers: {},
    });
    return answer?.status === 200 && (answer.body as { status?: unknown } | undefined)?.status === 'ok';
  } catch {
    return false;
  }
}

/** The verdict of a scenario from its checks: any difference wins, then any match. */
export function scenarioVerdict(steps: readonly StepReport[]): Verdict {
  const checks = steps.flatMap((step) => step.checks);
  if (checks.some((check) => check.verdict === 'differs')) return 'differs';
  return checks.some((check) => check.verdict === 'match') ? 'match' : 'could not tell';
}

async function cleanUp(
  sender: Sender,
  options: RunOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<CleanupReport> {
  const deleted: string[] = [];
  const absent: string[] = [];
  const failed: { customerId: string; reason: string }[] = [];
  const notFound = getError('deleteUserNotFound');
  const pending = sender.pending();
  for (const customerId of pending) {
    const request = buildRequest(options, 'deleteUser', {
      identity_type: 'customer_id',
      identity_value: customerId,
    });
    try {
      let answer = await sender.sendCleanup(request, customerId);
      if (answer?.status === 429) {
        // Clean-up must finish: wait out the window once rather than leave users behind.
        await sleep(60_000);
        answer = await sender.sendCleanup(request, customerId);
      }
      const type = (answer?.body as { error?: { type?: unknown } } | undefined)?.error?.type;
      if (answer === undefined) continue; // a dry run: printed, nothing to tell
      if (answer.status === 200) deleted.push(customerId);
      // Never created (the request that named it was rejected), or merged into another user.
      else if (answer.status === notFound.status && type === notFound.type) absent.push(customerId);
      else failed.push({ customerId, reason: `${answer.status} ${JSON.stringify(answer.body)}` });
    } catch (error) {
      failed.push({ customerId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { attempted: pending.length, deleted, absent, failed };
}

/** Runs the suite and returns the report; never leaves users of the run behind unless their Delete User failed. */
export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const runId = options.runId ?? randomBytes(4).toString('hex');
  const prefix = runPrefix(runId);
  const secrets: Secrets = { workspace: options.workspace, key: options.key, prefix };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const print = options.print ?? ((line: string) => console.log(line));
  const coreUrl = options.coreUrl.replace(/\/+$/, '');
  const fileImportsUrl = (options.fileImportsUrl ?? coreUrl).replace(/\/+$/, '');
  const maxRequests = options.maxRequests ?? 250;
  const local = !isMoEngageHost(coreUrl);
  if (options.emulator && !local)
    throw new Error(`${coreUrl} is MoEngage, not the emulator: account-state scenarios never run against it`);
  const startedAt = new Date().toISOString();
  const sender = createSender({
    origins: { core: coreUrl, fileImports: fileImportsUrl, emulator: coreUrl },
    prefix,
    maxRequests,
    intervalMs: options.intervalMs ?? (local ? 0 : 1_000),
    dryRun: options.dryRun ?? false,
    print,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    sleep,
  });
  const emulator = options.emulator ?? (await probeEmulator(sender, options));
  // Anything but the emulator is paced as if it were MoEngage.
  if (!emulator && options.intervalMs === undefined) sender.setPace(1_000);
  const settleMs = options.settleMs ?? (emulator ? 0 : 5_000);
  const selected = (options.scenarios ?? allScenarios).filter(
    (scenario) => options.only === undefined || options.only.includes(scenario.id),
  );

  const reports: ScenarioReport[] = [];
  let stoppedEarly: string | undefined;
  let cleanup: CleanupReport = { attempted: 0, deleted: [], absent: [], failed: [] };
  try {
    for (const scenario of selected) {
      if (options.signal?.aborted) {
        stoppedEarly = 'interrupted';
        break;
      }
      if (scenario.emulatorOnly && !emulator) {
        reports.push({
          id: scenario.id,
          title: scenario.title,
          verdict: 'skipped',
          note: 'emulator only',
          steps: [],
        });
        continue;
      }
      const snapshot = options.replay === undefined ? undefined : readSnapshot(options.replay, scenario.id);
      if (options.replay !== undefined && snapshot === undefined) {
        reports.push({
          id: scenario.id,
          title: scenario.title,
          verdict: 'could not tell',
          note: `no snapshot ${scenario.id}.json in ${options.replay}`,
          steps: [],
        });
        continue;
      }
      const { context, steps } = createScenarioContext({
        sender,
        secrets,
        emulator,
        snapshot,
        replaying: options.replay !== undefined,
        settleMs,
        sleep,
        signal: options.signal,
      });
      let note: string | undefined;
      try {
        await scenario.run(context);
      } catch (error) {
        if (error instanceof BudgetExhaustedError) stoppedEarly = error.message;
        else if (options.signal?.aborted) stoppedEarly = 'interrupted';
        else note = `the scenario failed: ${error instanceof Error ? error.message : String(error)}`;
        note ??= stoppedEarly;
      }
      const verdict = options.dryRun
        ? 'could not tell'
        : note !== undefined && steps.length === 0
          ? 'could not tell'
          : scenarioVerdict(steps);
      reports.push({
        id: scenario.id,
        title: scenario.title,
        verdict,
        ...(options.dryRun ? { note: 'dry run: nothing sent' } : note === undefined ? {} : { note }),
        steps,
      });
      if (options.record !== undefined && !options.dryRun && stoppedEarly === undefined)
        writeSnapshot(options.record, reports.at(-1) as ScenarioReport, coreUrl, secrets);
      if (stoppedEarly !== undefined) break;
    }
  } finally {
    cleanup = await cleanUp(sender, options, sleep);
  }

  const summary = { match: 0, differs: 0, 'could not tell': 0, skipped: 0 };
  for (const report of reports) summary[report.verdict] += 1;
  return {
    runId,
    prefix,
    target: { core: coreUrl, fileImports: fileImportsUrl, emulator },
    mode: options.dryRun ? 'dry-run' : options.replay !== undefined ? 'replay' : 'contract',
    startedAt,
    requestsSent: sender.count(),
    maxRequests,
    summary,
    scenarios: reports,
    cleanup,
    ...(stoppedEarly === undefined ? {} : { stoppedEarly }),
  };
}
