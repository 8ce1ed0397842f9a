/**
 * Small statistics and timing helpers. Every loop here is bounded both in iterations and in time, so a
 * slow machine makes a measurement less precise, never endless.
 */

/** The median of a non-empty list (the list is not modified). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (0..100) by nearest rank; `NaN` for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** `a / b`, or `null` when either side is missing or `b` is 0 (a ratio we could not measure). */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Rounds to `digits` significant digits, keeping `null` (for results.json). */
export function round(value: number | null | undefined, digits = 3): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** Bounds of a timed loop: it stops at whichever limit comes first (after `minIterations`). */
export interface LoopBounds {
  /** Iterations to run untimed first, so the JIT has settled. */
  warmupIterations: number;
  minIterations: number;
  maxIterations: number;
  maxMilliseconds: number;
}

/** What a timed loop measured. */
export interface LoopResult {
  iterations: number;
  elapsedMs: number;
  /** Median nanoseconds per operation over the measured rounds. */
  nsPerOp: number;
  /** Operations per second derived from `nsPerOp`. */
  opsPerSecond: number;
}

/**
 * Times `operation` in rounds of `roundSize` calls until a bound is hit, and reports the median time per
 * call over the rounds (the median keeps one GC pause from moving the result).
 */
export async function timeAsyncLoop(
  operation: (index: number) => Promise<unknown> | unknown,
  bounds: LoopBounds,
  roundSize = 1000,
): Promise<LoopResult> {
  for (let i = 0; i < bounds.warmupIterations; i++) await operation(i);
  const roundNs: number[] = [];
  const started = performance.now();
  let iterations = 0;
  while (iterations < bounds.maxIterations) {
    const elapsed = performance.now() - started;
    if (iterations >= bounds.minIterations && elapsed >= bounds.maxMilliseconds) break;
    const roundStart = process.hrtime.bigint();
    const count = Math.min(roundSize, bounds.maxIterations - iterations);
    for (let i = 0; i < count; i++) await operation(iterations + i);
    roundNs.push(Number(process.hrtime.bigint() - roundStart) / count);
    iterations += count;
  }
  const nsPerOp = median(roundNs);
  return { iterations, elapsedMs: performance.now() - started, nsPerOp, opsPerSecond: 1e9 / nsPerOp };
}

/** Formats a number for a Markdown table: thousands separators, `digits` decimals, `n/a` for missing. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Formats a ratio as `0.52×`, `n/a` for missing. */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  return `${value.toFixed(digits)}×`;
}

/** Formats a share as a percentage, `n/a` for missing. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  return `${(value * 100).toFixed(digits)} %`;
}

/** Formats bytes as `12.3 KB` (1 KB = 1024 bytes), `n/a` for missing. */
export function formatBytes(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return 'n/a';
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KB`;
  return `${(value / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Times several operations in interleaved rounds (A, B, C, A, B, C, ...) so that every one of them
 * samples the same moments of a busy machine, and reports the median nanoseconds per call of each.
 * Bounded by `bounds` per operation: the whole loop takes at most about `maxMilliseconds` × count.
 */
export async function timeInterleaved(
  operations: Record<string, (index: number) => Promise<unknown> | unknown>,
  bounds: LoopBounds,
  roundSize = 500,
): Promise<Record<string, LoopResult>> {
  const names = Object.keys(operations);
  for (const name of names) {
    const operation = operations[name] as (index: number) => Promise<unknown> | unknown;
    for (let i = 0; i < bounds.warmupIterations; i++) await operation(i);
  }
  const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const started = performance.now();
  let iterations = 0;
  while (iterations < bounds.maxIterations) {
    const elapsed = performance.now() - started;
    if (iterations >= bounds.minIterations && elapsed >= bounds.maxMilliseconds * names.length) break;
    const count = Math.min(roundSize, bounds.maxIterations - iterations);
    for (const name of names) {
      const operation = operations[name] as (index: number) => Promise<unknown> | unknown;
      const roundStart = process.hrtime.bigint();
      for (let i = 0; i < count; i++) await operation(iterations + i);
      rounds[name]?.push(Number(process.hrtime.bigint() - roundStart) / count);
    }
    iterations += count;
  }
  const elapsedMs = performance.now() - started;
  return Object.fromEntries(
    names.map((name) => {
      const nsPerOp = median(rounds[name] ?? []);
      return [name, { iterations, elapsedMs, nsPerOp, opsPerSecond: 1e9 / nsPerOp }];
    }),
  );
}
