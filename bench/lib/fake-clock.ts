/**
 * A virtual clock for simulating minutes of rate-limited ingestion in a fraction of a second: `now()`
 * returns virtual time, timers fire only when the driver advances to them, and the driver advances only
 * when the program is idle (every pending promise has settled). It satisfies both the client's `Clock`
 * and the ingestor's `IngestClock`.
 */

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Resolves after the event loop has turned `rounds` times (promise chains and body reads settle meanwhile). */
async function turns(rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A virtual clock with a driver. */
export class FakeClock {
  #now: number;
  #timers: Timer[] = [];
  #nextId = 1;
  /** Work outside the clock that must finish before time may advance (e.g. requests being answered). */
  #busy = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now = (): number => this.#now;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers = this.#timers.filter((t) => t.id !== handle);
  };

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const id = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.clearTimeout(id);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Virtual time never needs holding open: the driver runs until it is told to stop. */
  keepAlive = (): (() => void) => () => {};

  /** Marks work in progress outside the clock; call the returned function when it is done. */
  busy(): () => void {
    this.#busy++;
    let done = false;
    return () => {
      if (!done) this.#busy--;
      done = true;
    };
  }

  /**
   * Advances virtual time timer by timer until `untilMs`, letting the program settle before each step.
   * Bounded: stops after `maxSteps` timer firings even if `untilMs` is not reached.
   */
  async runUntil(untilMs: number, maxSteps = 1_000_000): Promise<{ steps: number; reached: boolean }> {
    let steps = 0;
    while (steps < maxSteps) {
      await turns(3);
      // Requests in flight resolve without timers: wait for them (bounded) before moving time.
      for (let spins = 0; this.#busy > 0 && spins < 10_000; spins++) await turns(1);
      await turns(3);
      this.#timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.#timers[0];
      if (!next || next.at > untilMs) {
        this.#now = untilMs;
        return { steps, reached: true };
      }
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      steps++;
    }
    return { steps, reached: false };
  }
}
