/**
 * How long the request log may grow. Every request adds an entry, so a benchmark or a long-running
 * emulator would grow without bound: stores keep the newest entries up to a limit and count the rest.
 */

/** Entries a request log keeps unless told otherwise (about 1.5 MB in memory). */
export const DEFAULT_REQUEST_LOG_LIMIT = 10_000;

/**
 * Returns `limit` when it is a usable request-log limit: a whole number ≥ 0 (0 keeps nothing, only
 * counts), or `Infinity` to keep every entry. Throws a `RangeError` saying what to pass otherwise.
 */
export function checkRequestLogLimit(limit: number): number {
  if (limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 0)) return limit;
  throw new RangeError(
    `requestLogLimit must be a whole number of entries, 0 or more (or Infinity to keep every entry); got ${limit}.`,
  );
}
