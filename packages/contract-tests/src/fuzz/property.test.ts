import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProperty, decodeValue, encodeValue, loadRegressions } from './property.ts';

let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'fuzz-regressions-'));
  file = join(directory, 'regressions.json');
  writeFileSync(file, '[]\n');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('checkProperty', () => {
  it('prints the seed of a failure and saves its shrunk counterexample as a regression case', async () => {
    const failing = checkProperty(
      'numbers stay small',
      fc.integer({ min: 0, max: 1_000 }),
      async (n) => {
        if (n >= 10) throw new Error(`${n} is not small`);
      },
      { numRuns: 200, seed: 42, regressionsFile: file },
    );
    await expect(failing).rejects.toThrow(/seed: 42[\s\S]*Counterexample: \[10\][\s\S]*FUZZ_SEED=42/);
    expect(loadRegressions(file)).toMatchObject([{ property: 'numbers stay small', value: 10, seed: 42 }]);
  });

  it('replays the saved cases before generating new values', async () => {
    writeFileSync(file, JSON.stringify([{ property: 'never 7', value: 7, error: '', seed: 1, path: '0' }]));
    const seen: number[] = [];
    const replay = checkProperty(
      'never 7',
      fc.constant<number>(1),
      async (n) => {
        seen.push(n);
        if (n === 7) throw new Error('7 again');
      },
      { numRuns: 3, regressionsFile: file },
    );
    await expect(replay).rejects.toThrow('Regression case of "never 7" fails again (7 again)');
    expect(seen).toEqual([7]);
  });
});

describe('encodeValue', () => {
  it('keeps byte arrays, lone surrogates and __proto__ keys through a round trip', () => {
    const value = JSON.parse('{"__proto__":{"a":1},"s":"\\ud800"}') as Record<string, unknown>;
    const original = { ...value, body: Uint8Array.from([0xff, 0x00, 0x7b]) };
    const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(original)))) as Record<string, unknown>;
    expect(decoded.body).toEqual(Uint8Array.from([0xff, 0x00, 0x7b]));
    expect(decoded.s).toBe('\ud800');
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });
});
