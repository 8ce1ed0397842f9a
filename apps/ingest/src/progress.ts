/**
 * Progress while a run goes: a bar redrawn in place on a terminal, plain periodic lines elsewhere
 * (CI logs, files). Both show elements, bytes, requests, elements/s, rate-limit headroom and an ETA.
 * Time and timers are injected, so tests drive it without waiting.
 */

import type { ProgressMode } from './args.ts';
import type { IngestorStats } from './client-types.ts';
import { formatBytes, formatCount, formatDuration } from './summary.ts';

/** Where progress is written: stderr, or a fake in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** The state of a run at one moment. */
export interface ProgressSnapshot {
  bytesRead: number;
  /** Size of all input files; `undefined` for stdin. */
  totalBytes: number | undefined;
  lines: number;
  valid: number;
  invalid: number;
  readingDone: boolean;
  /** The ingestor's counts; `undefined` in a dry run. */
  stats: IngestorStats | undefined;
}

/** Elements per second over the last few seconds (a sliding window of samples). */
export class RateMeter {
  readonly #windowMs: number;
  #samples: { at: number; count: number }[] = [];

  constructor(windowMs = 5_000) {
    this.#windowMs = windowMs;
  }

  /** Records the running `count` at time `at` and returns the rate over the window. */
  sample(at: number, count: number): number {
    this.#samples.push({ at, count });
    while (this.#samples.length > 2 && at - (this.#samples[1] as { at: number }).at >= this.#windowMs) {
      this.#samples.shift();
    }
    const first = this.#samples[0] as { at: number; count: number };
    const span = at - first.at;
    return span > 0 ? ((count - first.count) * 1000) / span : 0;
  }
}

/** What the displays compute from a snapshot. */
interface Derived {
  done: number;
  total: number | undefined;
  fraction: number | undefined;
  etaMs: number | undefined;
}

/** A budget (users or events) the current rate-limit window has used up. */
function budgetExhausted(stats: IngestorStats): boolean {
  return stats.budget.users.remaining === 0 || stats.budget.events.remaining === 0;
}

/**
 * Totals, share done and ETA. The ETA uses the average rate since the start, which under rate limits
 * converges to what the budget allows; while a window's budget is used up it is at least the wait.
 */
function derive(snapshot: ProgressSnapshot, elapsedMs: number): Derived {
  const { stats, totalBytes, bytesRead, readingDone } = snapshot;
  const done = stats ? stats.sent + stats.failed + stats.dropped : snapshot.lines;
  const readSoFar = stats ? snapshot.valid : snapshot.lines;
  let total: number | undefined;
  if (readingDone) total = readSoFar;
  else if (totalBytes && bytesRead > 0)
    total = Math.max(readSoFar, Math.round((readSoFar * totalBytes) / bytesRead));
  const fraction =
    total !== undefined && total > 0
      ? Math.min(1, done / total)
      : totalBytes
        ? Math.min(1, bytesRead / totalBytes)
        : undefined;
  const averageRate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  let etaMs = total !== undefined && averageRate > 0 ? ((total - done) / averageRate) * 1000 : undefined;
  if (etaMs !== undefined && stats && total !== undefined && total > done) {
    if (stats.budget.pausedForMs > 0) etaMs = Math.max(etaMs, stats.budget.pausedForMs);
    else if (budgetExhausted(stats)) etaMs = Math.max(etaMs, stats.budget.resetsInMs);
  }
  return { done, total, fraction, etaMs };
}

function headroom(stats: IngestorStats | undefined): string | undefined {
  if (!stats) return undefined;
  const { users, events, pausedForMs, resetsInMs } = stats.budget;
  if (pausedForMs > 0) return `paused ${Math.ceil(pausedForMs / 1000)} s after a 429`;
  const percent = (budget: { remaining: number; limit: number }) =>
    budget.limit > 0 ? `${Math.floor((budget.remaining / budget.limit) * 100)}%` : '?';
  const wait = budgetExhausted(stats) ? ` (window resets in ${Math.ceil(resetsInMs / 1000)} s)` : '';
  return `headroom users ${percent(users)} events ${percent(events)}${wait}`;
}

function etaText(derived: Derived): string {
  return derived.etaMs === undefined ? 'ETA ?' : `ETA ${formatDuration(derived.etaMs)}`;
}

function sizeText(snapshot: ProgressSnapshot): string {
  return snapshot.totalBytes === undefined
    ? `${formatBytes(snapshot.bytesRead)} read`
    : `${formatBytes(snapshot.bytesRead)}/${formatBytes(snapshot.totalBytes)}`;
}

/** One plain progress line (for logs). */
export function formatProgressLine(snapshot: ProgressSnapshot, elapsedMs: number, rate: number): string {
  const derived = derive(snapshot, elapsedMs);
  const parts = [`progress ${formatDuration(elapsedMs)}:`];
  const ofTotal =
    derived.total === undefined ? '' : ` of ${snapshot.readingDone ? '' : '~'}${formatCount(derived.total)}`;
  if (snapshot.stats) {
    parts.push(
      `${formatCount(derived.done)}${ofTotal} elements done (${formatCount(snapshot.stats.sent)} sent),`,
    );
    parts.push(`read ${formatCount(snapshot.lines)} lines,`);
  } else {
    parts.push(`${formatCount(derived.done)}${ofTotal} lines checked,`);
  }
  parts.push(
    `${sizeText(snapshot)}${derived.fraction === undefined ? '' : ` (${Math.floor(derived.fraction * 100)}%)`},`,
  );
  if (snapshot.stats) parts.push(`${formatCount(snapshot.stats.requests)} requests,`);
  parts.push(`${formatCount(rate)} elements/s,`);
  const room = headroom(snapshot.stats);
  if (room) parts.push(`${room},`);
  if (snapshot.invalid > 0) parts.push(`${formatCount(snapshot.invalid)} invalid,`);
  parts.push(etaText(derived));
  return parts.join(' ');
}

const BAR_WIDTH = 24;

/** The one-line bar for a terminal, cut to `columns`. */
export function formatProgressBar(
  snapshot: ProgressSnapshot,
  elapsedMs: number,
  rate: number,
  columns: number,
): string {
  const derived = derive(snapshot, elapsedMs);
  const filled = derived.fraction === undefined ? 0 : Math.round(derived.fraction * BAR_WIDTH);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  const percent =
    derived.fraction === undefined ? '  ?%' : `${String(Math.floor(derived.fraction * 100)).padStart(3)}%`;
  const total =
    derived.total === undefined ? '' : `/${snapshot.readingDone ? '' : '~'}${formatCount(derived.total)}`;
  const parts = [
    `${bar} ${percent}`,
    `${formatCount(derived.done)}${total} el`,
    sizeText(snapshot),
    snapshot.stats ? `${formatCount(snapshot.stats.requests)} req` : undefined,
    `${formatCount(rate)} el/s`,
    headroom(snapshot.stats),
    snapshot.invalid > 0 ? `${formatCount(snapshot.invalid)} invalid` : undefined,
    etaText(derived),
  ].filter((part) => part !== undefined);
  const line = parts.join(' · ');
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/** A running progress display. */
export interface ProgressReporter {
  /** Prints a message (a bad line, a warning) without garbling the bar. */
  log(line: string): void;
  /** Draws (bar) or prints (lines) the current state now. */
  render(): void;
  /** Stops the timer and erases the bar. */
  stop(): void;
}

/** Timers for {@link startProgress}; tests pass fakes. */
export interface ProgressTimers {
  now(): number;
  /** Calls `callback` every `ms`; returns a function that stops it. */
  every(callback: () => void, ms: number): () => void;
}

const realTimers: ProgressTimers = {
  now: () => performance.now(),
  every(callback, ms) {
    // Kept referenced on purpose: while a run goes, this timer holds the process open, because the
    // ingestor's own timers are unref'd and a run waiting on the rate limit would otherwise exit.
    const handle = setInterval(callback, ms);
    return () => clearInterval(handle);
  },
};

const BAR_REDRAW_MS = 200;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Starts the progress display on `stream`: `auto` draws a bar when the stream is a terminal and
 * prints a line every `intervalMs` otherwise; `none` prints nothing (messages still go through `log`).
 */
export function startProgress(options: {
  mode: ProgressMode;
  stream: ProgressStream;
  intervalMs: number;
  snapshot: () => ProgressSnapshot;
  timers?: ProgressTimers;
}): ProgressReporter {
  const { stream, snapshot } = options;
  const timers = options.timers ?? realTimers;
  const mode = options.mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : options.mode;
  const startedAt = timers.now();
  const meter = new RateMeter();
  // The first display then shows the average since the start rather than 0.
  meter.sample(startedAt, 0);
  let barShown = false;

  const rateNow = (state: ProgressSnapshot) => {
    const done = state.stats ? state.stats.sent + state.stats.failed + state.stats.dropped : state.lines;
    return meter.sample(timers.now(), done);
  };

  const render = () => {
    const state = snapshot();
    const rate = rateNow(state);
    if (mode === 'bar') {
      stream.write(
        `${CLEAR_LINE}${formatProgressBar(state, timers.now() - startedAt, rate, stream.columns ?? 100)}`,
      );
      barShown = true;
    } else if (mode === 'lines') {
      stream.write(`${formatProgressLine(state, timers.now() - startedAt, rate)}\n`);
    }
  };

  const stopTimer = timers.every(render, mode === 'bar' ? BAR_REDRAW_MS : options.intervalMs);
  return {
    log(line) {
      if (barShown) stream.write(CLEAR_LINE);
      stream.write(`${line}\n`);
      barShown = false;
    },
    render,
    stop() {
      stopTimer();
      if (barShown) stream.write(CLEAR_LINE);
      barShown = false;
    },
  };
}
