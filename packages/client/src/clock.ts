/**
 * The only source of time the client uses: retry delays, rate-limit waits and request timeouts all go
 * through it, so tests inject a fake clock and never really wait.
 */
export interface Clock {
  /** Milliseconds since the epoch (or any monotonic origin; only differences matter). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds. When `signal` aborts first, rejects with `signal.reason`
   * and cancels the timer.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A {@link Clock.sleep} on a pair of timer functions: resolves after `ms`; when `signal` aborts first,
 * cancels the timer and rejects with `signal.reason`. The real clocks and the test clocks share it, so
 * they differ only in where their timers live.
 */
export function sleepWith<Handle>(
  schedule: (callback: () => void, ms: number) => Handle,
  cancel: (handle: Handle) => void,
): Clock['sleep'] {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        cancel(timer);
        reject(signal?.reason);
      };
      const timer = schedule(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/**
 * The real clock: `Date.now()` and `setTimeout`.
 *
 * Timers keep the process alive while they run, because a pending retry is work the caller awaits.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: sleepWith(
    (callback, ms) => setTimeout(callback, ms),
    (timer) => clearTimeout(timer),
  ),
};
