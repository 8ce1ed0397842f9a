/**
 * A consumer project outside the workspace that sees the published packages the way an app that installed
 * them does: each package is packed with pnpm (which applies `publishConfig`, so `exports` point at `dist/`)
 * and unpacked into `node_modules/@moedata/*`; their third-party dependencies and the app's own tools
 * (typescript, @types/node, vitest) are linked from the workspace, so it needs no registry.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The published packages and their folders: the changesets `fixed` group (the packages released together
 * as one version) names them, the workspace's package.json files place them.
 */
export function publishedPackages(): Map<string, string> {
  const config = JSON.parse(readFileSync(join(workspaceRoot, '.changeset', 'config.json'), 'utf8')) as {
    fixed: string[][];
  };
  const names = new Set(config.fixed.flat());
  const folders = new Map<string, string>();
  for (const folder of [
    'spec',
    ...['packages', 'apps'].flatMap((parent) =>
      readdirSync(join(workspaceRoot, parent)).map((name) => `${parent}/${name}`),
    ),
  ]) {
    const manifest = join(workspaceRoot, folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
    if (names.has(name)) folders.set(name, folder);
  }
  const missing = [...names].filter((name) => !folders.has(name));
  if (missing.length > 0)
    throw new Error(`no workspace folder holds ${missing.join(', ')} (.changeset/config.json)`);
  return folders;
}

/** What an app installs beside the packages to write and test code with them. */
const CONSUMER_TOOLS = ['typescript', '@types/node', 'vitest'];

/** A Markdown file a tarball ships. */
export interface PackedMarkdown {
  readonly packageName: string;
  /** Path inside the tarball (`README.md`, `docs/ingestor.md`). */
  readonly path: string;
  /** Path in the repository, for messages (`packages/client/README.md`). */
  readonly repositoryPath: string;
  readonly text: string;
}

/** Plain data, so vitest's global setup can hand it to the test files. */
export interface Consumer {
  readonly dir: string;
  /** Every Markdown file each tarball ships (READMEs and guides), read from the unpacked tarball. */
  readonly markdown: readonly PackedMarkdown[];
}

/** The OpenAPI document the spec tarball ships (`@moedata/spec/openapi.json`): what the docs site renders. */
export function packedDocument(consumer: Consumer): unknown {
  return JSON.parse(
    readFileSync(join(consumer.dir, 'node_modules', '@moedata', 'spec', 'openapi.json'), 'utf8'),
  );
}

/** Packs the published packages and builds the consumer project in a fresh temporary folder. */
export function createConsumer(): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'moedata-doc-samples-'));
  const packDir = join(dir, '.tarballs');
  mkdirSync(packDir, { recursive: true });
  const modules = join(dir, 'node_modules');
  const linked = new Set<string>();
  const link = (name: string, target: string) => {
    if (linked.has(name)) return;
    linked.add(name);
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(realpathSync(target), join(modules, name), 'dir');
  };

  const markdown: PackedMarkdown[] = [];
  const published = publishedPackages();
  for (const [name, folder] of published) {
    const source = join(workspaceRoot, folder);
    if (!readdirSync(source).includes('dist')) {
      throw new Error(`${name} is not built: run \`pnpm turbo run build --filter ${name}\` first.`);
    }
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--json', '--pack-destination', packDir], {
        cwd: source,
        encoding: 'utf8',
      }),
    ) as { filename: string };
    const target = join(modules, name);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', packed.filename, '-C', target, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (published.has(dependency)) continue;
      // pnpm links every direct dependency of a workspace package into its own node_modules.
      link(dependency, join(source, 'node_modules', dependency));
    }
    for (const file of readdirSync(target, { recursive: true, encoding: 'utf8' })) {
      if (!/\.md$/i.test(file)) continue;
      markdown.push({
        packageName: name,
        path: file,
        repositoryPath: `${folder}/${file}`,
        text: readFileSync(join(target, file), 'utf8'),
      });
    }
  }
  const require = createRequire(join(packageDir, 'package.json'));
  for (const tool of CONSUMER_TOOLS) link(tool, dirname(require.resolve(`${tool}/package.json`)));

  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'doc-samples-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  cpSync(join(packageDir, 'harness'), join(dir, 'harness'), { recursive: true });
  return { dir, markdown };
}
