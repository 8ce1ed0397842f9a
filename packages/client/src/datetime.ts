import { DATE_PATTERN, EPOCH_MILLISECONDS_DIGITS } from '@moedata/spec/rules';

const DATE_ONLY = new RegExp(DATE_PATTERN);
const NUMERIC = /^-?\d+(\.\d+)?$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
// Epoch values with this many digits or more are milliseconds (13 digits covers 2001–2286).
const EPOCH_MILLISECONDS_FROM = 10 ** (EPOCH_MILLISECONDS_DIGITS - 1);

/**
 * Formats a point in time the way MoEngage reads datetime attributes: `YYYY-MM-DDTHH:mm:ssZ` in UTC.
 * Values in any other format are stored as plain strings, and date filters and segments stop working.
 *
 * - `Date` → its UTC time, without milliseconds.
 * - number or numeric string → epoch time: 13 digits or more are milliseconds (`Date.now()`),
 *   fewer are seconds (`1590404615`).
 * - `'YYYY-MM-DD'` → returned unchanged (MoEngage's date format).
 * - other strings → parsed; ISO 8601 strings must carry `Z` or an offset, since a local time would
 *   depend on the server's time zone.
 *
 * @throws RangeError when the value is not a valid point in time, saying what to pass instead.
 * @example toMoEngageDatetime(new Date('2019-03-12T23:06:05+05:30')) // '2019-03-12T17:36:05Z'
 */
export function toMoEngageDatetime(value: Date | string | number): string {
  if (value instanceof Date) return formatDate(value, value);
  if (typeof value === 'number') return formatDate(fromEpoch(value), value);
  if (typeof value !== 'string') {
    throw new RangeError(`toMoEngageDatetime expects a Date, a string or a number; got ${typeof value}.`);
  }
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    // Round-trip through Date so calendar-invalid days (2022-02-30) are refused rather than rolled over.
    const parsed = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) throw invalid(value);
    return text;
  }
  if (NUMERIC.test(text)) return formatDate(fromEpoch(Number(text)), value);
  if (ISO_LIKE.test(text) && !HAS_ZONE.test(text)) {
    throw new RangeError(
      `"${value}" has no time zone: add "Z" for UTC or an offset such as "+05:30", or pass a Date.`,
    );
  }
  return formatDate(new Date(text), value);
}

function fromEpoch(epoch: number): Date {
  return new Date(Math.abs(epoch) >= EPOCH_MILLISECONDS_FROM ? epoch : epoch * 1000);
}

function formatDate(date: Date, original: unknown): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw invalid(original);
  const iso = date.toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY, which MoEngage would store as a string.
  if (iso.length !== 24) {
    throw new RangeError(
      `${String(original)} is outside the years 0000–9999 that MoEngage datetimes can hold.`,
    );
  }
  return `${iso.slice(0, 19)}Z`;
}

function invalid(original: unknown): RangeError {
  return new RangeError(
    `${JSON.stringify(original) ?? String(original)} is not a valid date or time: pass a Date, epoch milliseconds, or an ISO 8601 string with a time zone.`,
  );
}
