import { afterEach, expect, it } from 'vitest';
import { beginActivity } from './activity.ts';
import { createFakeClock, type FakeClock, WINDOW_START } from './fake-clock.ts';

let clock: FakeClock;
afterEach(() => clock.stop());

it('jumps to the next timer once the program only waits on time', async () => {
  clock = createFakeClock();
  await clock.sleep(60_000);
  expect(clock.now()).toBe(WINDOW_START + 60_000);
});

it('fires timers in due order, setTimeout and sleep alike', async () => {
  clock = createFakeClock();
  const order: string[] = [];
  clock.setTimeout(() => order.push('timeout 300'), 300);
  await Promise.all([
    clock.sleep(500).then(() => order.push('sleep 500')),
    clock.sleep(100).then(() => order.push('sleep 100')),
  ]);
  expect(order).toEqual(['sleep 100', 'timeout 300', 'sleep 500']);
});

it('does not move while a request is in flight', async () => {
  clock = createFakeClock();
  const end = beginActivity();
  let woke = false;
  void clock.sleep(1_000).then(() => {
    woke = true;
  });
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(woke).toBe(false);
  end();
  await clock.sleep(1_000);
  expect(woke).toBe(true);
  expect(clock.now()).toBe(WINDOW_START + 1_000);
});

it('cancels a sleep whose signal aborts and a cleared timeout', async () => {
  clock = createFakeClock({ autoAdvance: false });
  const controller = new AbortController();
  const sleeping = clock.sleep(1_000, controller.signal);
  const handle = clock.setTimeout(() => {
    throw new Error('must not fire');
  }, 500);
  clock.clearTimeout(handle);
  controller.abort(new Error('cancelled'));
  await expect(sleeping).rejects.toThrow('cancelled');
  expect(clock.pendingTimers()).toBe(0);
  await clock.advance(2_000);
  expect(clock.now()).toBe(WINDOW_START + 2_000);
});
