/**
 * Where browser tests leave what a person looks at afterwards (screenshots, bundles): the package's
 * `test-results/` folder, which git and Biome ignore.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Creates `<packageDir>/test-results/<subfolders...>` if needed and returns its absolute path.
 *
 * @example
 * // in apps/playground/test/e2e.test.ts: apps/playground/test-results/e2e
 * const results = await createTestResultsDir(new URL('..', import.meta.url), 'e2e');
 * await page.screenshot({ path: join(results, 'worker-1-track-user.png') });
 */
export async function createTestResultsDir(
  packageDir: string | URL,
  ...subfolders: string[]
): Promise<string> {
  const root = typeof packageDir === 'string' ? packageDir : fileURLToPath(packageDir);
  const dir = join(root, 'test-results', ...subfolders);
  await mkdir(dir, { recursive: true });
  return dir;
}
