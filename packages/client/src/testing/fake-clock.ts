import { type Clock, sleepWith } from '../clock.ts';

/** A clock whose time only moves when timers are due; see {@link createFakeClock}. */
export interface FakeClock extends Clock {
  /** Durations of the timers that fired, in order (cancelled timers are not listed). */
  readonly fired: readonly number[];
  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): Promise<void>;
  /** Timers waiting to fire. */
  pendingTimers(): number;
}

interface Timer {
  at: number;
  ms: number;
  order: number;
  resolve: () => void;
}

/**
 * A fake {@link Clock} for tests: nothing ever really waits.
 *
 * With `autoAdvance` (the default) the clock jumps to the next timer whenever the program is idle,
 * i.e. after a full macrotask turn in which no timer was cancelled or added before it. A call under
 * test therefore runs all its retries and waits at once, while a request that is answered in the
 * same turn still beats its own timeout. With `autoAdvance: false` time moves only through `advance`.
 */
export function createFakeClock(options: { start?: number; autoAdvance?: boolean } = {}): FakeClock {
  let now = options.start ?? 0;
  let order = 0;
  let tickScheduled = false;
  const timers: Timer[] = [];
  const fired: number[] = [];
  const autoAdvance = options.autoAdvance ?? true;

  const fireNext = (limit: number): boolean => {
    timers.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = timers[0];
    if (!next || next.at > limit) return false;
    timers.shift();
    now = Math.max(now, next.at);
    fired.push(next.ms);
    next.resolve();
    return true;
  };

  const scheduleTick = () => {
    if (!autoAdvance || tickScheduled) return;
    tickScheduled = true;
    setImmediate(() => {
      tickScheduled = false;
      if (fireNext(Number.POSITIVE_INFINITY)) scheduleTick();
    });
  };

  return {
    fired,
    now: () => now,
    sleep: sleepWith(
      (resolve, ms) => {
        const timer: Timer = { at: now + Math.max(0, ms), ms, order: order++, resolve };
        timers.push(timer);
        scheduleTick();
        return timer;
      },
      (timer) => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      },
    ),
    async advance(ms) {
      const target = now + ms;
      while (fireNext(target)) await new Promise((resolve) => setImmediate(resolve));
      now = target;
    },
    pendingTimers: () => timers.length,
  };
}
