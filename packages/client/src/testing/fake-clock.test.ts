import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.ts';

describe('createFakeClock', () => {
  it('jumps to the next timer when the program is idle', async () => {
    const clock = createFakeClock({ start: 100 });
    await clock.sleep(5_000);
    expect(clock.now()).toBe(5_100);
    expect(clock.fired).toEqual([5_000]);
  });

  it('fires timers in order of their due time', async () => {
    const clock = createFakeClock();
    const order: number[] = [];
    await Promise.all([
      clock.sleep(300).then(() => order.push(300)),
      clock.sleep(100).then(() => order.push(100)),
    ]);
    expect(order).toEqual([100, 300]);
  });

  it('moves only through advance() without autoAdvance', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    let woke = false;
    void clock.sleep(1_000).then(() => {
      woke = true;
    });
    await clock.advance(999);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
    expect(clock.now()).toBe(1_000);
  });

  it('cancels a timer whose signal aborts, without firing it', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const controller = new AbortController();
    const sleeping = clock.sleep(1_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(sleeping).rejects.toThrow('cancelled');
    expect(clock.pendingTimers()).toBe(0);
    expect(clock.fired).toEqual([]);
  });
});
