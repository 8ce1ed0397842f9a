/** What `run.ts` hands every suite. */

/** Shared settings of one run. */
export interface SuiteContext {
  /** Shorter loops and load phases, for development (`--quick`); the report says so. */
  quick: boolean;
  /** Progress line on stdout, prefixed with the suite name. */
  log(message: string): void;
  /**
   * Aborted when the suite runs past its budget: a long suite checks it between measurements, so its
   * load never overlaps the next suite's.
   */
  signal: AbortSignal;
}

/** Picks the full or the quick value of a setting. */
export function pick<T>(context: SuiteContext, full: T, quick: T): T {
  return context.quick ? quick : full;
}
