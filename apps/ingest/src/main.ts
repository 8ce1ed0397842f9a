/**
 * `moengage-ingest`: backfills users, devices and events from NDJSON or CSV into MoEngage through the
 * client's batching ingestor. `runIngest` is the whole command with its input and output injected
 * (tests call it directly); `runFromProcess` wires it to the real process, signals included.
 */
import type { Readable } from 'node:stream';
import { MoEngageOptionsError } from '@moedata/client';
import { HELP, HELP_TEXT, type IngestEnv, parseIngestArgs, UsageError } from './args.ts';
import type { ProgressStream, ProgressTimers } from './progress.ts';
import { runPipeline } from './run.ts';
import { resolveSources } from './sources.ts';
import { exitCodeOf, formatSummary } from './summary.ts';

/** The outside world of one command run. */
export interface IngestIo {
  /** Standard input, opened only when an input is `-`. */
  stdin: () => Readable;
  /** The summary (text, or JSON with `--json`). */
  stdout: { write(text: string): unknown };
  /** Progress, bad lines, warnings and errors. */
  stderr: ProgressStream;
  env: IngestEnv;
  /** Aborted on the first Ctrl-C. */
  interrupt?: AbortSignal;
  /** Tests inject these. */
  fetch?: typeof globalThis.fetch;
  timers?: ProgressTimers;
}

function isUsageProblem(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof MoEngageOptionsError;
}

/** Runs `moengage-ingest` with `argv` (the arguments after the command) and resolves with the exit code. */
export async function runIngest(argv: readonly string[], io: IngestIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr.write(`moengage-ingest: ${message}\n`);
    return 2;
  };
  try {
    const settings = parseIngestArgs(argv, io.env);
    if (settings === HELP) {
      io.stdout.write(HELP_TEXT);
      return 0;
    }
    let stdin: Readable | undefined;
    const sources = await resolveSources(settings.inputs, settings.format, {
      get stream() {
        stdin ??= io.stdin();
        return stdin;
      },
    });
    const { summary, problems, fatal } = await runPipeline({
      settings,
      sources,
      stderr: io.stderr,
      interrupt: io.interrupt,
      fetch: io.fetch,
      timers: io.timers,
    });
    const exitCode = summary.interrupted ? 130 : fatal ? 2 : exitCodeOf(summary);
    if (settings.json) {
      io.stdout.write(`${JSON.stringify({ ...summary, problems, fatal, exitCode })}\n`);
    } else {
      io.stdout.write(`${formatSummary(summary).join('\n')}\n`);
    }
    if (fatal) io.stderr.write(`moengage-ingest: ${fatal}\n`);
    return exitCode;
  } catch (error) {
    if (isUsageProblem(error)) return fail(error.message);
    throw error;
  }
}

/** Runs the command on `process.argv`, stdin/stdout/stderr and SIGINT, and sets the exit code. */
export async function runFromProcess(): Promise<void> {
  const interrupt = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write(
        '\nInterrupted: reading stopped; delivering what was already read (press Ctrl-C again to quit at once).\n',
      );
      interrupt.abort();
      return;
    }
    process.stderr.write('Quit without waiting: elements still queued were not delivered.\n');
    process.exit(130);
  });
  process.exitCode = await runIngest(process.argv.slice(2), {
    stdin: () => {
      if (process.stdin.isTTY) {
        process.stderr.write(
          'Reading NDJSON from the terminal (Ctrl-D ends it); pass a FILE or pipe data in.\n',
        );
      }
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interrupt: interrupt.signal,
  });
}

if (import.meta.main) await runFromProcess();
