/**
 * One run of `moengage-ingest`: reads every input record by record, validates it, hands it to the
 * client's batching ingestor (awaiting `track()`, so reading slows down when the queue is full), and
 * reports bad lines as it goes. Interrupting stops the reading; what was read is still delivered.
 */
import { createMoEngage, isMoEngageError, type MoEngageErrorKind } from '@moedata/client';
import type { BulkElement } from '@moedata/spec';
import { DEFAULT_RATE_LIMITS } from '@moedata/spec/rules';
import type { IngestSettings } from './args.ts';
import type { Ingestor } from './client-types.ts';
import { createFailedOut, type FailedOut } from './failed-out.ts';
import { createCsvMapper } from './mapping.ts';
import {
  type ProgressReporter,
  type ProgressStream,
  type ProgressTimers,
  startProgress,
} from './progress.ts';
import { readCsv } from './readers/csv.ts';
import { readNdjson } from './readers/ndjson.ts';
import type { InputRecord } from './readers/record.ts';
import type { InputSource } from './sources.ts';
import { describeReason, FailureTally, type RunSummary } from './summary.ts';
import { checkElement } from './validate.ts';

/** A bad line, as reported. */
export interface Problem {
  input: string;
  line: number;
  message: string;
}

/** What a run needs from the outside world. */
export interface RunContext {
  settings: IngestSettings;
  sources: InputSource[];
  /** Progress, bad lines and warnings go here (stderr). */
  stderr: ProgressStream;
  /** Aborted on the first Ctrl-C: stop reading, deliver what was read. */
  interrupt?: AbortSignal | undefined;
  /** Injected in tests. */
  fetch?: typeof globalThis.fetch | undefined;
  timers?: ProgressTimers | undefined;
}

/** The summary of a run, the problems it printed, and a fatal error if one ended it. */
export interface RunOutcome {
  summary: RunSummary;
  problems: Problem[];
  /** A problem that ended the run early (an unreadable file, a CSV without a type). */
  fatal: string | undefined;
}

/** Failures after which no other request can succeed either: reading stops at the first one. */
const HOPELESS_KINDS: ReadonlySet<MoEngageErrorKind> = new Set(['authentication', 'forbidden', 'connection']);

function hopelessReason(reason: Error): string | undefined {
  if (!isMoEngageError(reason) || !HOPELESS_KINDS.has(reason.kind)) return undefined;
  return reason.kind === 'connection'
    ? 'MoEngage could not be reached even after retries, so reading stopped. Check the network and --data-center/--base-url (is the emulator running?).'
    : `MoEngage answered ${reason.status}, so no request can succeed and reading stopped. Check --workspace, --api-key and --data-center/--base-url.`;
}

function createClientIngestor(
  context: RunContext,
  onError: (elements: BulkElement[], reason: Error) => Promise<void>,
): Ingestor {
  const { settings } = context;
  const limits = DEFAULT_RATE_LIMITS.bulkImport.limits;
  const client = createMoEngage({
    workspaceId: settings.workspaceId ?? '',
    apiKey: settings.apiKey ?? '',
    ...settings.target,
    ...(context.fetch && { fetch: context.fetch }),
    // Every element was checked against the spec already; checking each request again costs CPU only.
    validateRequests: false,
  } as Parameters<typeof createMoEngage>[0]);
  const scale = (perMinute: number | undefined, fallback: number) =>
    Math.max(1, Math.round((perMinute ?? fallback) * settings.limitScale));
  return client.ingest({
    budget: { usersPerMinute: scale(limits.users, 10_000), eventsPerMinute: scale(limits.events, 30_000) },
    concurrency: settings.concurrency,
    // Same reason: each element was checked, and a bad one reported with its line number.
    validate: false,
    onError,
  });
}

/**
 * Runs the whole pipeline.
 * @throws MoEngageOptionsError or UsageError (bad connection options, an unwritable --failed-out file)
 * before anything is read.
 */
export async function runPipeline(context: RunContext): Promise<RunOutcome> {
  const { settings, sources, stderr } = context;
  const startedAt = performance.now();
  const problems: Problem[] = [];
  const tally = new FailureTally();
  const counts = {
    lines: 0,
    valid: 0,
    invalid: 0,
    warnings: 0,
    warnedAndTracked: 0,
    bytesBefore: 0,
    bytesInSource: 0,
  };
  const byType = { customer: 0, event: 0, device: 0 };
  const stopReading = new AbortController();
  let stoppedEarly: string | undefined;
  let fatal: string | undefined;
  let readingDone = false;
  let printed = 0;
  let progress: ProgressReporter | undefined;

  const print = (line: string) => (progress ? progress.log(line) : stderr.write(`${line}\n`));
  const report = (input: string, line: number, message: string, kind: 'invalid' | 'warning') => {
    if (kind === 'invalid') counts.invalid++;
    if (printed >= settings.maxReported) {
      if (printed === settings.maxReported) {
        print(`… more lines are counted but not printed (raise --max-reported to see them)`);
        printed++;
      }
      return;
    }
    printed++;
    const name = input === '-' ? 'stdin' : input;
    if (kind === 'invalid') problems.push({ input: name, line, message });
    print(`${name}:${line}: ${kind === 'warning' ? 'warning: ' : ''}${message}`);
  };

  let failedOut: FailedOut | undefined;
  let ingestor: Ingestor | undefined;
  if (!settings.dryRun) {
    const seenReasons = new Set<string>();
    ingestor = createClientIngestor(context, async (elements, reason) => {
      tally.add(reason, elements.length);
      const described = describeReason(reason);
      if (!seenReasons.has(described)) {
        seenReasons.add(described);
        print(`request failed, ${elements.length} element(s) not delivered: ${described}`);
      }
      const hopeless = hopelessReason(reason);
      if (hopeless && !stopReading.signal.aborted) {
        stoppedEarly = hopeless;
        stopReading.abort();
      }
      await failedOut?.write(elements);
    });
    if (settings.failedOut) {
      try {
        failedOut = await createFailedOut(settings.failedOut);
      } catch (error) {
        await ingestor.close();
        throw error;
      }
    }
  }

  const onInterrupt = () => stopReading.abort();
  context.interrupt?.addEventListener('abort', onInterrupt, { once: true });
  if (context.interrupt?.aborted) stopReading.abort();

  progress = startProgress({
    mode: settings.progress,
    stream: stderr,
    intervalMs: settings.progressIntervalMs,
    timers: context.timers,
    snapshot: () => ({
      bytesRead: counts.bytesBefore + counts.bytesInSource,
      totalBytes: sources.every((source) => source.size !== undefined)
        ? sources.reduce((sum, source) => sum + (source.size ?? 0), 0)
        : undefined,
      lines: counts.lines,
      valid: counts.valid,
      invalid: counts.invalid,
      readingDone,
      stats: ingestor?.stats(),
    }),
  });

  const handle = async (
    source: InputSource,
    record: InputRecord<unknown>,
    toElement: (value: unknown) => { ok: true; value: unknown } | { ok: false; problem: string },
  ) => {
    counts.lines++;
    counts.bytesInSource = record.bytesRead;
    if (!record.ok) return report(source.name, record.line, record.problem, 'invalid');
    const mapped = toElement(record.value);
    if (!mapped.ok) {
      await failedOut?.write([record.value]);
      return report(source.name, record.line, mapped.problem, 'invalid');
    }
    const checked = checkElement(mapped.value);
    if (!checked.ok) {
      // Rejected before sending, yet not delivered either: the file holds it to be fixed and sent again.
      await failedOut?.write([mapped.value]);
      return report(source.name, record.line, checked.problem, 'invalid');
    }
    if (checked.warnings.length > 0) counts.warnings++;
    for (const warning of checked.warnings) report(source.name, record.line, warning, 'warning');
    if (ingestor) {
      try {
        await ingestor.track(checked.element);
      } catch (error) {
        await failedOut?.write([checked.element]);
        return report(source.name, record.line, (error as Error).message, 'invalid');
      }
    }
    counts.valid++;
    if (checked.warnings.length > 0) counts.warnedAndTracked++;
    byType[checked.element.type]++;
  };

  try {
    for (const source of sources) {
      if (stopReading.signal.aborted) break;
      const stream = source.open();
      const destroy = () => stream.destroy();
      stopReading.signal.addEventListener('abort', destroy, { once: true });
      counts.bytesInSource = 0;
      try {
        if (source.format === 'csv') {
          const mapper = createCsvMapper(settings.csvType);
          for await (const record of readCsv(stream)) {
            if (stopReading.signal.aborted) break;
            await handle(source, record, (row) => mapper(row as ReadonlyMap<string, string>));
          }
        } else {
          for await (const record of readNdjson(stream)) {
            if (stopReading.signal.aborted) break;
            await handle(source, record, (value) => ({ ok: true, value }));
          }
        }
      } catch (error) {
        // A stream destroyed by Ctrl-C ends with an error that is no news.
        if (!stopReading.signal.aborted) {
          fatal = `${source.name === '-' ? 'stdin' : source.name}: ${(error as Error).message}`;
          stopReading.abort();
        }
      } finally {
        stopReading.signal.removeEventListener('abort', destroy);
        counts.bytesBefore += counts.bytesInSource;
        counts.bytesInSource = 0;
      }
    }
  } finally {
    readingDone = true;
  }

  const totals = ingestor ? await ingestor.close() : undefined;
  await failedOut?.close();
  context.interrupt?.removeEventListener('abort', onInterrupt);
  progress.stop();
  const stats = ingestor?.stats();

  const summary: RunSummary = {
    mode: settings.dryRun ? 'dry-run' : 'send',
    interrupted: context.interrupt?.aborted ?? false,
    stoppedEarly,
    durationMs: performance.now() - startedAt,
    inputs: sources.map((source) => source.name),
    lines: counts.lines,
    bytesRead: counts.bytesBefore,
    valid: counts.valid,
    byType,
    invalid: counts.invalid,
    warnings: counts.warnings,
    acceptedButDropped: settings.dryRun ? 0 : counts.warnedAndTracked,
    sent: totals?.sent ?? 0,
    failed: totals?.failed ?? 0,
    dropped: totals?.dropped ?? 0,
    maybeDelivered: totals?.maybeDelivered ?? 0,
    maybeTwice: totals?.maybeTwice ?? 0,
    requests: totals?.requests ?? 0,
    retries: stats?.retries ?? 0,
    rateLimited: stats?.rateLimited ?? 0,
    bytesSent: stats?.bytesSent ?? 0,
    failures: tally.list(),
    failedOut: settings.failedOut,
  };
  return { summary, problems, fatal };
}
