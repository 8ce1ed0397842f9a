/**
 * Finds what this repository's apps built (the API reference in apps/docs/dist, the playground in
 * apps/playground/dist), so `npm start` serves them without flags. A filesystem lookup, not an import:
 * the apps are private and a published install of this package never has them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/mock (src/cli/ and dist/cli/ sit at the same depth). */
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built folder of `apps/<app>/dist` in the workspace that holds this package (found by walking up
 * to the folder with `pnpm-workspace.yaml`), when it has an `index.html`; `undefined` otherwise.
 * An installed copy (under `node_modules`) never looks: the workspace above it is someone else's.
 *
 * @param app the folder name under `apps/`, e.g. `'docs'` or `'playground'`
 * @param from where the walk starts @default this package's folder
 */
export function findBuiltApp(app: string, from: string = packageRoot): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) {
      if (relative(folder, from).split(sep).includes('node_modules')) return undefined;
      const dist = join(folder, 'apps', app, 'dist');
      return existsSync(join(dist, 'index.html')) ? dist : undefined;
    }
    if (dirname(folder) === folder) return undefined;
  }
}
