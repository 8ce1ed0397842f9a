import { describe, expect, it } from 'vitest';
import { moengageIdGenerator, randomRequestId, seededRandom } from './ids.ts';

describe('ids', () => {
  it('makes request ids of 8 letters, like MoEngage', () => {
    expect(randomRequestId()).toMatch(/^[A-Za-z]{8}$/);
  });

  it('makes distinct 24-hex MoEngage ids that start with the creation time', () => {
    const next = moengageIdGenerator(() => 1_700_000_000_000);
    const ids = new Set(Array.from({ length: 1000 }, next));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^6553f100[0-9a-f]{16}$/);
  });

  it('repeats the same pseudo-random sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    for (const value of first) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of first) expect(value).toBeLessThan(1);
    expect(Array.from({ length: 5 }, seededRandom(43))).not.toEqual(first);
  });
});
