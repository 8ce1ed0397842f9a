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
 * The real clock: `Date.now()` and `setTimeout`.
 *
 * Timers keep the process alive while they run, because a pending retry is work the caller awaits.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
