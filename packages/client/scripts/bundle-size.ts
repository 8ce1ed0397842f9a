// Measures what @moedata/client costs an app: esbuild bundles two tiny apps (one that only calls trackUser,
// one that feeds the ingestor) with minify, tree-shaking and code splitting into a temp dir, then prints the
// minified and gzipped bytes of what loads at start-up and of what is loaded lazily (the zod validators).
//
//   node scripts/bundle-size.ts          a table
//   node scripts/bundle-size.ts --json   the same numbers as JSON (bench/ reads these)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The apps, written the way a user would; `@moedata/client` resolves to this package's source. */
const APPS = {
  trackUser: `import { createMoEngage } from '@moedata/client';
const client = createMoEngage({ workspaceId: 'WORKSPACE', apiKey: 'KEY', dataCenter: '01' });
await client.trackUser({ type: 'customer', customer_id: 'u1', attributes: { name: 'Jane Doe' } });
`,
  ingestor: `import { createMoEngage } from '@moedata/client';
const client = createMoEngage({ workspaceId: 'WORKSPACE', apiKey: 'KEY', dataCenter: '01' });
const ingestor = client.ingest();
await ingestor.trackUser({ customer_id: 'u1', attributes: { name: 'Jane Doe' } });
await ingestor.trackEvent({ customer_id: 'u1', actions: [{ action: 'Purchased', attributes: { amount: 10 } }] });
await ingestor.close();
`,
} as const;

type AppName = keyof typeof APPS;

/** Minified and gzipped (level 9) bytes of a set of output chunks. */
interface Size {
  minifiedBytes: number;
  gzipBytes: number;
}

interface AppSize {
  /** Chunks the entry loads before it runs (the entry and its static imports). */
  initial: Size;
  /** Chunks reached only through dynamic `import()`: fetched the first time a validator runs. */
  lazy: Size;
  /** Everything, as one file would be without code splitting. */
  total: Size;
  /** The inputs that contribute most to the initial chunks, by package or folder (minified bytes). */
  initialParts: Part[];
  /** The same for the lazy chunks. */
  lazyParts: Part[];
}

interface Part {
  part: string;
  minifiedBytes: number;
}

function sizeOf(contents: readonly Uint8Array[]): Size {
  const joined = Buffer.concat(contents.map((bytes) => Buffer.from(bytes)));
  if (joined.byteLength === 0) return { minifiedBytes: 0, gzipBytes: 0 };
  return { minifiedBytes: joined.byteLength, gzipBytes: gzipSync(joined, { level: 9 }).byteLength };
}

/** Groups an input by package (`zod`) or, for workspace sources, by folder (`packages/client/src/ingest`). */
function partOf(input: string): string {
  const inNodeModules = input.lastIndexOf('node_modules/');
  if (inNodeModules >= 0) {
    const rest = input.slice(inNodeModules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? input);
  }
  return input.replace(/^(\.\.\/)+/, '').replace(/\/[^/]*$/, '');
}

/** The chunks an entry loads eagerly: itself and, transitively, its static imports. */
function initialChunks(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}

async function measure(app: AppName, outdir: string): Promise<AppSize> {
  const entryFile = join(outdir, `${app}-app.ts`);
  writeFileSync(entryFile, APPS[app]);
  const result = await build({
    entryPoints: [entryFile],
    outdir: join(outdir, app),
    bundle: true,
    minify: true,
    treeShaking: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    alias: { '@moedata/client': join(packageDir, 'src', 'index.ts') },
    // Resolve @moedata/spec and zod the way this package does.
    nodePaths: [join(packageDir, 'node_modules')],
    metafile: true,
    write: true,
    logLevel: 'error',
  });
  const { metafile } = result;
  const outputs = Object.keys(metafile.outputs).filter((path) => path.endsWith('.js'));
  const entry = outputs.find((path) => metafile.outputs[path]?.entryPoint !== undefined);
  if (!entry) throw new Error(`esbuild produced no entry chunk for the ${app} app`);
  const eager = initialChunks(metafile, entry);
  const lazy = outputs.filter((path) => !eager.has(path));
  const read = (paths: string[]) => paths.map((path) => readFileSync(path));
  const largestParts = (paths: Iterable<string>): Part[] => {
    const parts = new Map<string, number>();
    for (const path of paths) {
      for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[path]?.inputs ?? {})) {
        const part = partOf(relative(packageDir, input));
        parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
      }
    }
    return [...parts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([part, minifiedBytes]) => ({ part, minifiedBytes }));
  };
  return {
    initial: sizeOf(read([...eager])),
    lazy: sizeOf(read(lazy)),
    total: sizeOf(read(outputs)),
    initialParts: largestParts(eager),
    lazyParts: largestParts(lazy),
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** `48,532 B (47.4 KB)`, right-aligned. */
function bytesAndKb(bytes: number): string {
  return `${bytes.toLocaleString('en-US').padStart(7)} B (${kb(bytes)})`.padStart(20);
}

const outdir = mkdtempSync(join(tmpdir(), 'moedata-client-bundle-'));
try {
  const sizes = {} as Record<AppName, AppSize>;
  for (const app of Object.keys(APPS) as AppName[]) sizes[app] = await measure(app, outdir);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
  } else {
    console.log('esbuild: bundle, minify, tree-shaking, splitting, ESM, platform neutral, es2022; gzip -9\n');
    for (const [app, size] of Object.entries(sizes)) {
      console.log(`${app} app`);
      for (const key of ['initial', 'lazy', 'total'] as const) {
        const { minifiedBytes, gzipBytes } = size[key];
        console.log(`  ${key.padEnd(8)} ${bytesAndKb(minifiedBytes)} min  ${bytesAndKb(gzipBytes)} gzip`);
      }
      const list = (parts: Part[]) => parts.map(({ part, minifiedBytes }) => `${part} ${kb(minifiedBytes)}`);
      console.log(`  largest initial parts: ${list(size.initialParts).join(', ')}`);
      console.log(`  largest lazy parts:    ${list(size.lazyParts).join(', ')}\n`);
    }
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
