/** Installs that are redone only when what they depend on changes: the key is a hash of those inputs. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * Runs `install` in `dir` unless the last successful one had the same `key`; returns whether it ran.
 * The stamp is written only after success, so an interrupted install is redone next time.
 */
export async function installOnce(dir: string, key: string, install: () => Promise<void>): Promise<boolean> {
  const stamp = join(dir, 'node_modules', '.ecosystem-install-key');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return false;
  await install();
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(stamp, key);
  return true;
}
