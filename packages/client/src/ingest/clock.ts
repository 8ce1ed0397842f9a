/**
 * Time for the ingestor. Injected so that tests drive a fake clock and never sleep, and so that
 * the ingestor's background timers never keep a Node process alive on their own.
 */
import { type Clock, sleepWith } from '../clock.ts';

/** An opaque timer handle returned by {@link IngestClock.setTimeout}. */
export type TimerHandle = unknown;

/** The client's {@link Clock} plus the timers the ingestor schedules its flushes and budget waits with. */
export interface IngestClock extends Clock {
  /** Calls `callback` once after `ms`. The timer must not keep the process alive. */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer from {@link IngestClock.setTimeout}; unknown handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
  /**
   * Holds the process open until the returned function is called. `close()` uses it so that a
   * shutdown in progress finishes delivering even though every other timer is unref'd.
   */
  keepAlive(): () => void;
}

/** Node timers expose `unref()`; browsers and other runtimes return numbers without it. */
function unref<T>(handle: T): T {
  (handle as { unref?: () => void }).unref?.();
  return handle;
}

/** The real clock: `Date.now()` and `setTimeout`, every timer `unref()`'d where the runtime allows. */
export const realIngestClock: IngestClock = {
  now: () => Date.now(),
  sleep: sleepWith(
    (callback, ms) => unref(setTimeout(callback, ms)),
    (timer) => clearTimeout(timer),
  ),
  setTimeout: (callback, ms) => unref(setTimeout(callback, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  keepAlive() {
    // A ref'd interval that never fires in practice: it only keeps the event loop running.
    const handle = setInterval(() => {}, 2 ** 30);
    return () => clearInterval(handle);
  },
};
