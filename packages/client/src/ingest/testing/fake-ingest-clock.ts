/**
 * A fake {@link IngestClock} for tests: time moves only when a test advances it, timer by timer,
 * and every promise chain is allowed to settle between two timers. Nothing really waits.
 */
import { sleepWith } from '../../clock.ts';
import type { IngestClock, TimerHandle } from '../clock.ts';

/** The fake clock's controls. */
export interface FakeIngestClock extends IngestClock {
  /** Fires every timer due within `ms`, in time order, then sets the time to now + `ms`. */
  advance(ms: number): Promise<void>;
  /**
   * Fires timers one by one until `promise` settles, and returns it. Throws when `promise` is still
   * pending with no timer left (a deadlock) or after `maxMs` of fake time.
   */
  run<T>(promise: Promise<T>, maxMs?: number): Promise<T>;
  /** Timers and sleeps waiting to fire. */
  pendingTimers(): number;
  /** `keepAlive()` holds not yet released. */
  keepAliveHolds(): number;
}

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

/** Lets every queued promise callback run (microtasks drain before the next macrotask). */
export function settlePromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Creates a fake clock starting at `start` milliseconds. */
export function createFakeIngestClock(start = 0): FakeIngestClock {
  let now = start;
  let order = 0;
  let holds = 0;
  const timers = new Set<Timer>();

  const add = (ms: number, fire: () => void): Timer => {
    const timer: Timer = { at: now + Math.max(0, ms), order: order++, fire };
    timers.add(timer);
    return timer;
  };

  const nextTimer = (): Timer | undefined => {
    let next: Timer | undefined;
    for (const timer of timers) {
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
    }
    return next;
  };

  const fireNext = async (): Promise<boolean> => {
    const next = nextTimer();
    if (!next) return false;
    timers.delete(next);
    now = Math.max(now, next.at);
    next.fire();
    await settlePromises();
    return true;
  };

  return {
    now: () => now,
    sleep: sleepWith(
      (callback, ms) => add(ms, callback),
      (timer) => timers.delete(timer),
    ),
    setTimeout: (callback, ms) => add(ms, callback),
    clearTimeout: (handle: TimerHandle) => {
      timers.delete(handle as Timer);
    },
    keepAlive() {
      holds++;
      let released = false;
      return () => {
        if (!released) holds--;
        released = true;
      };
    },
    async advance(ms) {
      const target = now + ms;
      await settlePromises();
      for (let next = nextTimer(); next && next.at <= target; next = nextTimer()) await fireNext();
      now = Math.max(now, target);
      await settlePromises();
    },
    async run(promise, maxMs = 24 * 60 * 60 * 1000) {
      const deadline = now + maxMs;
      let settled = false;
      promise.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      await settlePromises();
      while (!settled) {
        const next = nextTimer();
        if (!next)
          throw new Error('fake clock: the promise is still pending and no timer is left (deadlock)');
        if (next.at > deadline) throw new Error(`fake clock: the promise is still pending after ${maxMs} ms`);
        await fireNext();
      }
      return promise;
    },
    pendingTimers: () => timers.size,
    keepAliveHolds: () => holds,
  };
}
