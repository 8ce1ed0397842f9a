/**
 * One fake clock for the client (retry and 429 waits), the ingestor (flushes, pacing) and the mock
 * engine (rate-limit windows, file-import cooldowns), so a test that spans minutes of API time runs
 * in milliseconds and never sleeps.
 */
import { isBusy } from './activity.ts';

/** 2024-01-15T12:00:00Z: the start of a rate-limit window, so windows line up with test minutes. */
export const WINDOW_START = Date.UTC(2024, 0, 15, 12, 0, 0);

/** The clock shape of the client, the ingestor (`IngestClock`) and the engine, plus controls. */
export interface FakeClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** The ingestor holds the process open during close(); a fake clock has nothing to hold. */
  keepAlive(): () => void;
  /** Fires every timer due within `ms` (letting promises settle between two), then sets now + `ms`. */
  advance(ms: number): Promise<void>;
  /** Timers waiting to fire. */
  pendingTimers(): number;
  /** Stops jumping to the next timer on its own (call in afterEach). */
  stop(): void;
}

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

/** Lets queued promise callbacks and I/O callbacks of this turn run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A fake clock starting at `start`. With `autoAdvance` (default) it jumps to the next timer whenever
 * nothing happened for two full event-loop turns and no request is in flight (see `activity.ts`):
 * the program is then only waiting on time.
 */
export function createFakeClock(options: { start?: number; autoAdvance?: boolean } = {}): FakeClock {
  let now = options.start ?? WINDOW_START;
  let order = 0;
  let changes = 0;
  let running = options.autoAdvance ?? true;
  const timers = new Set<Timer>();

  const add = (ms: number, fire: () => void): Timer => {
    const timer: Timer = { at: now + Math.max(0, Number.isFinite(ms) ? ms : 0), order: order++, fire };
    timers.add(timer);
    changes += 1;
    wake();
    return timer;
  };
  const remove = (timer: Timer) => {
    if (timers.delete(timer)) changes += 1;
  };
  const nextTimer = (): Timer | undefined => {
    let next: Timer | undefined;
    for (const timer of timers) {
      if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
    }
    return next;
  };
  const fire = (timer: Timer) => {
    timers.delete(timer);
    now = Math.max(now, timer.at);
    timer.fire();
  };

  let looping = false;
  function wake() {
    if (!running || looping) return;
    looping = true;
    void (async () => {
      let quietTurns = 0;
      while (running && timers.size > 0) {
        const before = changes;
        await nextTurn();
        quietTurns = changes === before && !isBusy() ? quietTurns + 1 : 0;
        if (quietTurns < 2) continue;
        const next = nextTimer();
        if (next) fire(next);
        quietTurns = 0;
      }
      looping = false;
    })();
  }

  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          remove(timer);
          reject(signal?.reason);
        };
        const timer = add(ms, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    setTimeout: (callback, ms) => add(ms, callback),
    clearTimeout: (handle) => remove(handle as Timer),
    keepAlive: () => () => {},
    async advance(ms) {
      const target = now + ms;
      for (let next = nextTimer(); next && next.at <= target; next = nextTimer()) {
        fire(next);
        await nextTurn();
      }
      now = target;
    },
    pendingTimers: () => timers.size,
    stop() {
      running = false;
    },
  };
}
