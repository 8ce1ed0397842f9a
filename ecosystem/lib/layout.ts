/** Where the matrix keeps what it builds. */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ecosystemDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(ecosystemDir);
export const fixturesDir = join(ecosystemDir, 'fixtures');
/** Survives between runs (gitignored): packed tarballs and the installed runtimes. */
export const cacheDir = join(ecosystemDir, '.cache');
/**
 * One installed copy of each fixture, reinstalled only when its key changes. Outside the repository: under
 * it, Node, vite and tsc would find the repo's node_modules and tsconfig.json when they walk up, and a
 * package missing a dependency would pass. One folder per clone, so worktrees never share one.
 */
export const workDir = join(
  tmpdir(),
  `moedata-ecosystem-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}`,
);
/** The last run's matrix (gitignored). */
export const resultsFile = join(ecosystemDir, 'results.json');

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
