/**
 * Reading event times to drop future-dated events. A value the emulator cannot read is never an
 * error (decisions.md: a datetime problem never produces a 4xx); it simply is not "in the future".
 */
import type { EventAction } from '@moedata/spec';
import type { StoredEvent } from '../../store/types.ts';

/** Allowed clock skew between the sender and the emulator before an event counts as future-dated. */
export const FUTURE_TOLERANCE_MS = 60_000;
/** `user_time` is local time: without an offset it may run up to 15 hours (54,000 s) ahead of UTC. */
const MAX_LOCAL_AHEAD_MS = 54_000_000;
/** Epoch values at or above this are milliseconds (13 digits), below it seconds. */
const MILLISECONDS_THRESHOLD = 1e12;
const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;
const ISO_START = /^\d{4}-\d{2}-\d{2}/;

/** Epoch milliseconds of an ISO 8601 string or epoch seconds/milliseconds (number or numeric string). */
export function eventTimeToEpochMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' || NUMERIC.test(value)) {
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0) return undefined;
    return number >= MILLISECONDS_THRESHOLD ? number : number * 1000;
  }
  if (!ISO_START.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** Whether the action happened after `now` (UTC from current_time, else user_time minus the offset). */
export function isFutureDated(action: EventAction, now: number): boolean {
  const current = eventTimeToEpochMs(action.current_time);
  if (current !== undefined) return current > now + FUTURE_TOLERANCE_MS;
  const local = eventTimeToEpochMs(action.user_time);
  if (local === undefined) return false;
  if (action.user_timezone_offset !== undefined) {
    return local - action.user_timezone_offset * 1000 > now + FUTURE_TOLERANCE_MS;
  }
  return local > now + FUTURE_TOLERANCE_MS + MAX_LOCAL_AHEAD_MS;
}

/**
 * When a stored event happened (epoch ms, UTC): its current_time, else its user_time minus the offset
 * sent, else when the emulator received it.
 */
export function eventHappenedAt(event: StoredEvent): number {
  const current = eventTimeToEpochMs(event.currentTime ?? undefined);
  if (current !== undefined) return current;
  const local = eventTimeToEpochMs(event.userTime ?? undefined);
  if (local !== undefined) return local - (event.userTimezoneOffset ?? 0) * 1000;
  return event.receivedAt;
}
