import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installOnce } from './cache.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecosystem-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('installOnce', () => {
  it('installs once per key', async () => {
    const installs: string[] = [];
    const install = (key: string) => installOnce(dir, key, async () => void installs.push(key));

    expect(await install('a')).toBe(true);
    expect(await install('a')).toBe(false);
    expect(await install('b')).toBe(true);
    expect(installs).toEqual(['a', 'b']);
  });

  it('installs again after a failed install', async () => {
    await expect(
      installOnce(dir, 'a', async () => {
        throw new Error('npm failed');
      }),
    ).rejects.toThrow('npm failed');

    expect(await installOnce(dir, 'a', async () => {})).toBe(true);
  });
});
