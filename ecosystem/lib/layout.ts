/** Where the matrix keeps what it builds: everything under ecosystem/.cache and ecosystem/.work is gitignored. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ecosystemDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(ecosystemDir);
export const fixturesDir = join(ecosystemDir, 'fixtures');
/** Survives between runs: packed tarballs and the installed runtimes. */
export const cacheDir = join(ecosystemDir, '.cache');
/** One installed copy of each fixture (reinstalled only when its key changes), and the results. */
export const workDir = join(ecosystemDir, '.work');
export const resultsFile = join(workDir, 'results.json');

/**
 * The environment for npm and the programs under test: without the npm_* variables that pnpm and npm
 * export to scripts (npm would read them as its own settings) and without the repo's node_modules/.bin.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_OPTIONS'),
  );
  const path = (env.PATH ?? '')
    .split(':')
    .filter((entry) => !entry.startsWith(join(repoRoot, 'node_modules')))
    .join(':');
  return { ...env, PATH: path, NO_UPDATE_NOTIFIER: '1', ...extra };
}
