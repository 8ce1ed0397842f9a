import { describe, expect, it } from 'vitest';
import { readGauge } from './gauge.ts';

const receivedAt = Date.UTC(2024, 0, 15, 12, 0, 0);
const at = (seconds: number) => receivedAt + seconds * 1000;

describe('the rate-limit gauge', () => {
  it('shows the budget the headers report right after the answer', () => {
    const reading = readGauge(
      { limit: 10_000, windowSeconds: 60, remaining: 9_999, resetSeconds: 42 },
      receivedAt,
      at(0),
    );
    expect(reading).toMatchObject({
      limit: 10_000,
      remaining: 9_999,
      used: 1,
      resetsInSeconds: 42,
      level: 'plenty',
    });
    expect(reading.windowElapsedFraction).toBeCloseTo(18 / 60);
  });

  it('counts the reset down live between requests', () => {
    const info = { limit: 100, windowSeconds: 60, remaining: 50, resetSeconds: 42 };
    expect(readGauge(info, receivedAt, at(2.5)).resetsInSeconds).toBe(40);
    expect(readGauge(info, receivedAt, at(42)).resetsInSeconds).toBe(0);
  });

  it('refills the budget once the window is over', () => {
    const reading = readGauge(
      { limit: 2, windowSeconds: 60, remaining: 0, resetSeconds: 10 },
      receivedAt,
      at(11),
    );
    expect(reading).toMatchObject({ rolledOver: true, remaining: 2, level: 'plenty' });
  });

  it('turns amber below a fifth of the budget and red when it is used up', () => {
    const gauge = (remaining: number) =>
      readGauge({ limit: 100, windowSeconds: 60, remaining, resetSeconds: 30 }, receivedAt, receivedAt).level;
    expect([gauge(50), gauge(19), gauge(0)]).toEqual(['plenty', 'low', 'empty']);
  });
});
