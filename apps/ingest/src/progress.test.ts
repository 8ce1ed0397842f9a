import { describe, expect, it } from 'vitest';

/** Carriage return and ANSI erase-line: how the bar is redrawn and removed. */
const CLEAR_LINE = '\r\u001b[2K';

import type { IngestorStats } from './client-types.ts';
import {
  formatProgressBar,
  formatProgressLine,
  type ProgressSnapshot,
  type ProgressTimers,
  RateMeter,
  startProgress,
} from './progress.ts';

function stats(overrides: Partial<IngestorStats> = {}): IngestorStats {
  return {
    queued: 0,
    queuedBytes: 0,
    waiting: 0,
    inFlight: 0,
    sent: 0,
    failed: 0,
    dropped: 0,
    maybeDelivered: 0,
    maybeTwice: 0,
    bytesSent: 0,
    requests: 0,
    retries: 0,
    rateLimited: 0,
    budget: {
      users: { limit: 10_000, used: 2_500, remaining: 7_500 },
      events: { limit: 30_000, used: 0, remaining: 30_000 },
      resetsInMs: 30_000,
      pausedForMs: 0,
    },
    ...overrides,
  };
}

const halfway: ProgressSnapshot = {
  bytesRead: 5 * 1024 * 1024,
  totalBytes: 10 * 1024 * 1024,
  lines: 25_000,
  valid: 25_000,
  invalid: 3,
  readingDone: false,
  stats: stats({ sent: 20_000, requests: 40 }),
};

/** Timers driven by the test: `advance(ms)` moves the clock and runs the interval callback. */
function fakeTimers(): ProgressTimers & { advance(ms: number): void; running: boolean } {
  let now = 0;
  let callback: (() => void) | undefined;
  return {
    running: false,
    now: () => now,
    every(run) {
      callback = run;
      this.running = true;
      return () => {
        callback = undefined;
        this.running = false;
      };
    },
    advance(ms) {
      now += ms;
      callback?.();
    },
  };
}

describe('RateMeter', () => {
  it('measures the rate over its recent window, not since the start', () => {
    const meter = new RateMeter(1_000);
    meter.sample(0, 0);
    meter.sample(1_000, 100);
    expect(meter.sample(2_000, 1_100)).toBe(1_000);
  });
});

describe('formatProgressLine', () => {
  it('shows elements done against the estimated total, bytes, requests, rate, headroom and an ETA from the average rate', () => {
    expect(formatProgressLine(halfway, 12_000, 10_000)).toBe(
      'progress 12.0 s: 20,000 of ~50,000 elements done (20,000 sent), read 25,000 lines, 5.0 MB/10.0 MB (40%), ' +
        '40 requests, 10,000 elements/s, headroom users 75% events 100%, 3 invalid, ETA 18.0 s',
    );
  });

  it('says when the ingestor is paused by a 429, and waits at least that long', () => {
    const paused = {
      ...halfway,
      stats: stats({ sent: 20_000, budget: { ...stats().budget, pausedForMs: 41_200 } }),
    };
    expect(formatProgressLine(paused, 1_000, 0)).toContain('paused 42 s after a 429');
    expect(formatProgressLine(paused, 1_000, 0)).toMatch(/ETA 41\.2 s$/);
  });

  it('says when the window’s budget is used up, and counts the wait in the ETA', () => {
    const budget = {
      ...stats().budget,
      users: { limit: 10_000, used: 10_000, remaining: 0 },
      resetsInMs: 40_000,
    };
    const waiting = { ...halfway, stats: stats({ sent: 20_000, budget }) };
    const line = formatProgressLine(waiting, 12_000, 0);
    expect(line).toContain('headroom users 0% events 100% (window resets in 40 s)');
    expect(line).toMatch(/ETA 40\.0 s$/);
  });

  it('has no ETA before anything is done', () => {
    expect(formatProgressLine({ ...halfway, stats: stats() }, 1_000, 0)).toMatch(/ETA \?$/);
  });

  it('counts checked lines in a dry run', () => {
    const dry = { ...halfway, stats: undefined, totalBytes: undefined };
    expect(formatProgressLine(dry, 1_000, 500)).toBe(
      'progress 1.00 s: 25,000 lines checked, 5.0 MB read, 500 elements/s, 3 invalid, ETA ?',
    );
  });
});

describe('formatProgressBar', () => {
  it('draws a bar with the share done and fits the terminal width', () => {
    const bar = formatProgressBar(halfway, 12_000, 10_000, 200);
    expect(bar).toMatch(
      /^\[█{10}░{14}\] {2}40% · 20,000\/~50,000 el · 5\.0 MB\/10\.0 MB · 40 req · 10,000 el\/s/,
    );
    expect(bar).toContain('headroom users 75% events 100%');
    expect(bar).toContain('ETA 18.0 s');
    expect(formatProgressBar(halfway, 12_000, 10_000, 40)).toHaveLength(39);
  });
});

describe('startProgress', () => {
  it('prints a plain line every interval when stderr is not a terminal', () => {
    const written: string[] = [];
    const timers = fakeTimers();
    const progress = startProgress({
      mode: 'auto',
      stream: { write: (text: string) => written.push(text), isTTY: false },
      intervalMs: 5_000,
      snapshot: () => halfway,
      timers,
    });
    timers.advance(5_000);
    timers.advance(5_000);
    progress.stop();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/^progress 10\.0 s: .*\n$/);
    expect(timers.running).toBe(false);
  });

  it('redraws a bar in place on a terminal and moves it out of the way of messages', () => {
    const written: string[] = [];
    const timers = fakeTimers();
    const progress = startProgress({
      mode: 'auto',
      stream: { write: (text: string) => written.push(text), isTTY: true, columns: 120 },
      intervalMs: 5_000,
      snapshot: () => halfway,
      timers,
    });
    timers.advance(200);
    progress.log('data.ndjson:7: not valid JSON');
    progress.stop();
    expect(written[0]?.startsWith(`${CLEAR_LINE}[█`)).toBe(true);
    expect(written.slice(1)).toEqual([CLEAR_LINE, 'data.ndjson:7: not valid JSON\n']);
  });

  it('prints nothing but messages with --progress none', () => {
    const written: string[] = [];
    const timers = fakeTimers();
    const progress = startProgress({
      mode: 'none',
      stream: { write: (text: string) => written.push(text), isTTY: true },
      intervalMs: 5_000,
      snapshot: () => halfway,
      timers,
    });
    timers.advance(5_000);
    progress.log('hello');
    progress.stop();
    expect(written).toEqual(['hello\n']);
  });
});
