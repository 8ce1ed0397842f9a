/**
 * Suite 5, bundle size: esbuild bundles three tiny apps (tree-shaken, minified, ESM, platform neutral)
 * and we gzip the result: an app that creates the client and calls only trackUser, an app that feeds the
 * ingestor, and the same trackUser call written with openapi-fetch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { benchDir, repoRoot } from '../lib/paths.ts';
import { ensurePeers, peersDir } from '../lib/peers.ts';
import type { SuiteResult } from '../lib/report.ts';
import { formatBytes, formatRatio, ratio } from '../lib/stats.ts';
import type { SuiteContext } from '../lib/suite.ts';

interface App {
  key: string;
  label: string;
  source: string;
}

const APPS: App[] = [
  {
    key: 'trackUser',
    label: 'our client: createMoEngage + trackUser only',
    source: `import { createMoEngage } from '@moedata/client';
const client = createMoEngage({ workspaceId: 'WORKSPACE', apiKey: 'KEY', dataCenter: '01' });
await client.trackUser({ type: 'customer', customer_id: 'u1', attributes: { name: 'Jane Doe' } });`,
  },
  {
    key: 'ingestor',
    label: 'our client: createMoEngage + client.ingest()',
    source: `import { createMoEngage } from '@moedata/client';
const client = createMoEngage({ workspaceId: 'WORKSPACE', apiKey: 'KEY', dataCenter: '01' });
const ingestor = client.ingest();
await ingestor.trackUser({ customer_id: 'u1', attributes: { name: 'Jane Doe' } });
await ingestor.trackEvent({ customer_id: 'u1', actions: [{ action: 'Purchased', attributes: { amount: 10 } }] });
await ingestor.close();`,
  },
  {
    key: 'openapiFetch',
    label: 'openapi-fetch: createClient + one POST (the peer)',
    source: `import createClient from 'openapi-fetch';
const client = createClient({ baseUrl: 'https://api-01.moengage.com', headers: { Authorization: 'Basic ' + btoa('WORKSPACE:KEY') } });
await client.POST('/v1/customer/{app_id}', { params: { path: { app_id: 'WORKSPACE' } }, body: { type: 'customer', customer_id: 'u1', attributes: { name: 'Jane Doe' } } });`,
  },
];

interface Measured {
  minifiedBytes: number;
  gzipBytes: number;
  /** The inputs that contribute most to the minified output, by package or folder. */
  largestParts: Array<{ part: string; minifiedBytes: number }>;
}

/** Groups an input path by package (`zod`) or, for workspace sources, by folder (`packages/client/src/generated`). */
function partOf(inputPath: string): string {
  const inNodeModules = inputPath.lastIndexOf('node_modules/');
  if (inNodeModules >= 0) {
    const rest = inputPath.slice(inNodeModules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? inputPath);
  }
  return (
    inputPath
      .replace(/^(\.\.\/)+/, '')
      .split('/')
      .slice(0, -1)
      .join('/') || inputPath
  );
}

const CLIENT_DIR = join(repoRoot, 'packages', 'client');

/** The client's `exports` map: subpath → source file. */
function clientExports(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(CLIENT_DIR, 'package.json'), 'utf8')) as {
    exports?: Record<string, string | { default?: string }>;
  };
  const entries = Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const file = typeof target === 'string' ? target : target.default;
    return file?.endsWith('.ts') ? [[subpath, file] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** Until bench is a workspace package its `@moedata/client` link is missing: alias each exported source entry. */
function workspaceAliases(): Record<string, string> {
  if (existsSync(join(benchDir, 'node_modules', '@moedata', 'client'))) return {};
  return Object.fromEntries(
    Object.entries(clientExports()).map(([subpath, file]) => [
      `@moedata/client${subpath.slice(1)}`,
      join(CLIENT_DIR, file),
    ]),
  );
}

async function bundle(app: App): Promise<Measured> {
  const result = await build({
    stdin: {
      contents: app.source,
      resolveDir: benchDir,
      sourcefile: `${app.key}-app.ts`,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    alias: workspaceAliases(),
    nodePaths: [join(peersDir, 'node_modules')],
    metafile: true,
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error(`esbuild produced no output for the ${app.key} app`);
  const parts = new Map<string, number>();
  for (const meta of Object.values(result.metafile?.outputs ?? {})) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
    }
  }
  const largestParts = [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([part, minifiedBytes]) => ({ part, minifiedBytes }));
  return {
    minifiedBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    largestParts,
  };
}

/** Runs the bundle-size suite. */
export async function runBundleSuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const peers = await ensurePeers();
  const notes: string[] = [
    'esbuild 0.28.2: `bundle`, `minify`, tree-shaking, ESM, platform `neutral` (no Node built-ins), target es2022; gzip level 9.',
  ];
  const measured: Record<string, Measured | null> = {};
  const rows: string[][] = [];
  for (const app of APPS) {
    context.log(`bundling the ${app.key} app`);
    try {
      if (app.key === 'openapiFetch' && !peers.ok) throw new Error(peers.note);
      const size = await bundle(app);
      measured[app.key] = size;
      rows.push([
        app.label,
        formatBytes(size.minifiedBytes),
        formatBytes(size.gzipBytes),
        String(size.gzipBytes),
      ]);
    } catch (error) {
      measured[app.key] = null;
      const esbuildErrors = (error as { errors?: { text: string }[] }).errors;
      const message =
        esbuildErrors?.[0]?.text ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
      rows.push([app.label, 'n/a', 'n/a', 'n/a']);
      notes.push(`${app.label}: not measured (${message}).`);
    }
  }
  for (const key of ['trackUser', 'ingestor']) {
    const parts = measured[key]?.largestParts;
    if (parts && parts.length > 0) {
      notes.push(
        `Largest parts of the ${key} app (minified, before gzip): ${parts.map((p) => `${p.part} ${formatBytes(p.minifiedBytes)}`).join(', ')}.`,
      );
    }
  }
  const ingestInTrackUser = measured.trackUser?.largestParts.find((p) =>
    p.part.endsWith('client/src/ingest'),
  );
  if (ingestInTrackUser) {
    notes.push(
      `The trackUser-only app still carries the ingestor (${formatBytes(ingestInTrackUser.minifiedBytes)} minified): \`ingest\` is a method of the client object, which a bundler cannot drop.`,
    );
  }
  const ours = measured.trackUser?.gzipBytes ?? null;
  const peer = measured.openapiFetch?.gzipBytes ?? null;
  const trackUserRatio = ratio(ours, peer);
  notes.push(
    `An app calling only trackUser is ${formatRatio(trackUserRatio)} the size of the same call with openapi-fetch; ours includes request validation, retries, typed errors and rate-limit parsing, which openapi-fetch leaves to the app.`,
  );
  const allMeasured = Object.values(measured).every((m) => m !== null);
  return {
    name: 'bundle',
    title: '5. Bundle size',
    status: allMeasured ? 'ok' : Object.values(measured).some((m) => m !== null) ? 'partial' : 'skipped',
    tables: [
      { title: 'Tree-shaken app bundles', columns: ['App', 'Minified', 'Min + gzip', 'Gzip bytes'], rows },
    ],
    notes,
    summary: {
      clientTrackUserGzipBytes: ours,
      clientIngestorGzipBytes: measured.ingestor?.gzipBytes ?? null,
      openapiFetchGzipBytes: peer,
      clientTrackUserRatioToOpenapiFetch:
        trackUserRatio === null ? null : Math.round(trackUserRatio * 100) / 100,
    },
    details: { apps: measured, peers: peers.note },
    durationMs: performance.now() - started,
  };
}
