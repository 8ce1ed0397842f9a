/**
 * The published reference (and the demo, when there is one) is built from the spec package's
 * document, resolved by package name: there is no second copy of openapi.json to drift.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const specDocument = realpathSync(createRequire(import.meta.url).resolve('@moedata/spec/openapi.json'));
const title = (JSON.parse(readFileSync(specDocument, 'utf8')) as { info: { title: string } }).info.title;

/** Every file of the repository that git would see (tracked or new, not ignored). */
function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\n')
    .filter((file) => file !== '' && existsSync(join(root, file)));
}

/** Every app of the repository (the docs site and the demo, when it exists, among them). */
const consumers = readdirSync(join(root, 'apps'))
  .map((name) => `apps/${name}`)
  .filter((app) => existsSync(join(root, app, 'package.json')));

it('builds the docs from @moedata/spec/openapi.json, resolved through the spec package', () => {
  const build = readFileSync(join(root, 'apps/docs/scripts/build.ts'), 'utf8');
  expect(build).toMatch(/import\.meta\.resolve\(\s*['"]@moedata\/spec\/openapi\.json['"]\s*\)/);
  const fromDocs = createRequire(join(root, 'apps/docs/package.json')).resolve('@moedata/spec/openapi.json');
  expect(realpathSync(fromDocs)).toBe(specDocument);
});

it('finds the docs site among the apps', () => {
  expect(consumers).toContain('apps/docs');
});

it.each(consumers.filter((app) => app === 'apps/docs' || app === 'apps/demo'))(
  '%s depends on @moedata/spec, the package that exports the document',
  (app) => {
    const manifest = JSON.parse(readFileSync(join(root, app, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect({ ...manifest.dependencies, ...manifest.devDependencies }['@moedata/spec']).toBe('workspace:*');
  },
);

it.each(consumers)('%s never reaches spec/openapi.json by a relative path', (app) => {
  const sources = repositoryFiles().filter(
    (file) => file.startsWith(`${app}/`) && /\.(m?[jt]s|tsx?|json|ya?ml|hbs|html)$/.test(file),
  );
  const relativeUses = sources.filter((file) =>
    /\.\.\/(\.\.\/)*spec\/openapi\.json/.test(readFileSync(join(root, file), 'utf8')),
  );
  expect(relativeUses).toEqual([]);
});

it('has exactly one OpenAPI document in the repository: spec/openapi.json', () => {
  const documents = repositoryFiles().filter((file) => {
    if (!/\.(json|ya?ml)$/.test(file) || file === 'pnpm-lock.yaml') return false;
    const text = readFileSync(join(root, file), 'utf8');
    return /["']?openapi["']?\s*:\s*["']?3\./.test(text) && text.includes(title);
  });
  expect(documents).toEqual([relative(root, specDocument)]);
});
