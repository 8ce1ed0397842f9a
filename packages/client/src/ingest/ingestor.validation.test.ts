import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Validators } from '../validation.ts';
import { InvalidElementError } from './errors.ts';
import { createIngestor } from './ingestor.ts';
import { createFakeIngestClock, settlePromises } from './testing/fake-ingest-clock.ts';
import { createHarness, user } from './testing/harness.ts';
import type { BulkImportCallOptions, BulkImportClient } from './types.ts';

/** Controls when the (lazily imported) validators finish loading, as a slow chunk would. */
const gate = vi.hoisted(() => {
  const state = {
    loaded: undefined as Validators | undefined,
    /** Runs the moment the validators count as loaded, before anyone waiting on the load hears of it. */
    onLoaded: undefined as (() => void) | undefined,
    waiting: [] as { open: () => void; fail: (error: Error) => void }[],
    loads: 0,
  };
  return {
    state,
    load(real: () => Promise<Validators>): Promise<Validators> {
      state.loads++;
      return new Promise((resolve, reject) => {
        state.waiting.push({
          open: () =>
            real().then((validators) => {
              state.loaded = validators;
              state.onLoaded?.();
              resolve(validators);
            }, reject),
          fail: reject,
        });
      });
    },
    async open() {
      for (const load of state.waiting.splice(0)) load.open();
      await settlePromises();
    },
    async fail(error: Error) {
      for (const load of state.waiting.splice(0)) load.fail(error);
      await settlePromises();
    },
    reset() {
      state.loaded = undefined;
      state.onLoaded = undefined;
      state.waiting = [];
      state.loads = 0;
    },
  };
});

vi.mock('../validation.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../validation.ts')>();
  return {
    ...real,
    loadedValidators: () => gate.state.loaded,
    loadValidators: () =>
      gate.state.loaded ? Promise.resolve(gate.state.loaded) : gate.load(real.loadValidators),
    preloadValidators: () => {},
  };
});

afterEach(() => gate.reset());

/** Collects the order in which `track()` promises settle. */
function settleOrder(calls: Record<string, Promise<void>>): Promise<string[]> {
  const order: string[] = [];
  return Promise.all(
    Object.entries(calls).map(([name, call]) =>
      call.then(
        () => order.push(`${name} ok`),
        (error: Error) => order.push(`${name} ${error.name}`),
      ),
    ),
  ).then(() => order);
}

describe('validation while the validators are still loading', () => {
  it('holds elements tracked before the validators load and sends them in tracking order', async () => {
    const { clock, server, ingestor } = createHarness();
    const tracked = [1, 2].map((id) => ingestor.track(user(id)));
    expect(ingestor.stats()).toMatchObject({ queued: 0, waiting: 2 });
    // Tracked when the validators are loaded but the held elements are not queued yet: it goes behind them.
    gate.state.onLoaded = () => tracked.push(ingestor.track(user(3)));
    await gate.open();
    await Promise.all(tracked);
    // Now the next element takes the synchronous path.
    await ingestor.track(user(4));
    expect(ingestor.stats()).toMatchObject({ queued: 4, waiting: 0 });
    await clock.run(ingestor.close());
    expect(
      server.requests.flatMap((request) => request.elements.map((element) => element.customer_id)),
    ).toEqual(['user-1', 'user-2', 'user-3', 'user-4']);
  });

  it('rejects only the invalid element among the held ones', async () => {
    const { clock, server, ingestor } = createHarness();
    const order = settleOrder({
      first: ingestor.track(user(1)),
      invalid: ingestor.track({ type: 'customer', customer_id: 42 } as never),
      last: ingestor.track(user(3)),
    });
    await gate.open();
    expect(await order).toEqual(['first ok', 'invalid InvalidElementError', 'last ok']);
    expect(await clock.run(ingestor.close())).toMatchObject({ sent: 2, failed: 0, dropped: 0 });
    expect(server.requests[0]?.elements).toHaveLength(2);
  });

  it('makes flush() and close() wait for the held elements', async () => {
    const { clock, server, ingestor } = createHarness();
    void ingestor.track(user(1));
    let flushed = false;
    const flushing = ingestor.flush().then(() => {
      flushed = true;
    });
    const closing = ingestor.close();
    await clock.advance(60_000);
    expect({ flushed, requests: server.requests.length }).toEqual({ flushed: false, requests: 0 });
    await gate.open();
    await clock.run(flushing);
    expect(await clock.run(closing)).toMatchObject({ sent: 1, failed: 0, dropped: 0 });
  });

  it('counts held elements as dropped when close({ timeoutMs }) runs out first', async () => {
    const { clock, ingestor, failures } = createHarness();
    const held = ingestor.track(user(1));
    const result = clock.run(ingestor.close({ timeoutMs: 1_000 }));
    await expect(held).rejects.toThrow(/close\(\) gave up after 1000 ms/);
    expect(await result).toEqual({
      sent: 0,
      failed: 0,
      dropped: 1,
      maybeDelivered: 0,
      maybeTwice: 0,
      requests: 0,
    });
    expect(failures).toHaveLength(0); // the caller's track() rejected: it was never accepted
  });

  it('rejects the held elements with what to do when the validators cannot load, and tries again later', async () => {
    const { clock, ingestor } = createHarness();
    const held = expect(ingestor.track(user(1))).rejects.toThrow('validators chunk: 404');
    await gate.fail(new Error('validators chunk: 404'));
    await held;
    const retried = ingestor.track(user(2));
    expect(gate.state.loads).toBe(2);
    await gate.open();
    await expect(retried).resolves.toBeUndefined();
    expect(await clock.run(ingestor.close())).toMatchObject({ sent: 1 });
  });

  it('does not wait for the validators with validate: false', async () => {
    const { ingestor } = createHarness({ ingestor: { validate: false } });
    await ingestor.track(user(1));
    expect(ingestor.stats().queued).toBe(1);
    expect(gate.state.loads).toBe(0);
  });
});

describe("skipping the client's request validation", () => {
  /** A client that records the options of each Bulk Import call and answers 200. */
  function recordingClient() {
    const calls: (BulkImportCallOptions | undefined)[] = [];
    const client: BulkImportClient = {
      async bulkImport(_body, options) {
        calls.push(options);
        return {};
      },
    };
    return { client, calls };
  }

  it('asks the client not to validate requests whose elements it validated in track()', async () => {
    const { client, calls } = recordingClient();
    const clock = createFakeIngestClock();
    const ingestor = createIngestor({ client, clock });
    const tracked = ingestor.track(user(1));
    await gate.open();
    await tracked;
    await clock.run(ingestor.close());
    expect(calls).toEqual([{ signal: expect.any(AbortSignal), retry: false, validateRequest: false }]);
  });

  it("leaves the client's own validation alone with validate: false", async () => {
    const { client, calls } = recordingClient();
    const clock = createFakeIngestClock();
    const ingestor = createIngestor({ client, clock, validate: false, projectCode: 'p1' });
    await ingestor.track(user(1));
    await clock.run(ingestor.close());
    expect(calls).toEqual([{ signal: expect.any(AbortSignal), retry: false, projectCode: 'p1' }]);
  });

  it('still rejects an invalid element in track() once loaded', async () => {
    const { ingestor } = createHarness();
    const tracked = ingestor.track({ type: 'event', customer_id: 'u' } as never);
    const rejected = expect(tracked).rejects.toBeInstanceOf(InvalidElementError);
    await gate.open();
    await rejected;
    await expect(tracked).rejects.toThrow(/at `actions`: Invalid input: expected array/);
  });
});
