// Builds the offline API reference: dist/index.html (Redoc, scripts inlined) + dist/openapi.json.
// Run with `pnpm --filter @moedata/docs build` (turbo runs @moedata/spec#generate first).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findForbiddenHosts, findRemoteResources, inlineRedocLogo } from '../src/offline-page.ts';
import { OFFLINE_CONTENT_SECURITY_POLICY_META } from '../src/static-handler.ts';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
const redoclyBin = fileURLToPath(new URL('../node_modules/.bin/redocly', import.meta.url));

function fail(message: string): never {
  console.error(`[docs build] ${message}`);
  process.exit(1);
}

/** The spec document, found through the spec package's exports (never a ../ path). */
function resolveSpecDocument(): string {
  try {
    return fileURLToPath(import.meta.resolve('@moedata/spec/openapi.json'));
  } catch (error) {
    fail(
      `cannot resolve @moedata/spec/openapi.json (${error instanceof Error ? error.message : String(error)}): ` +
        'run `pnpm --filter @moedata/spec generate` (or `pnpm turbo run build --filter=@moedata/docs`).',
    );
  }
}

const specPath = resolveSpecDocument();
const specText = await readFile(specPath, 'utf8').catch(() =>
  fail(`${specPath} is missing: run \`pnpm --filter @moedata/spec generate\`.`),
);
const spec = JSON.parse(specText) as { info?: { title?: string; description?: string }; paths?: object };

await rm(distDir, { recursive: true, force: true });
await mkdir(distDir, { recursive: true });
const indexPath = `${distDir}index.html`;

try {
  await run(
    redoclyBin,
    [
      'build-docs',
      specPath,
      '--output',
      indexPath,
      '--inlineBundle',
      '--config',
      'redocly.yaml',
      '--template',
      'templates/index.hbs',
      '--templateOptions.contentSecurityPolicy',
      OFFLINE_CONTENT_SECURITY_POLICY_META,
      '--templateOptions.description',
      `${spec.info?.title ?? 'API'} reference: every operation, error and rate-limit header.`,
    ],
    {
      cwd: packageDir,
      // Redocly's usage data and update check would call home; the page must not either.
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
        NO_COLOR: '1',
        PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
} catch (error) {
  const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
  fail(
    `redocly build-docs failed:\n${stdout}${stderr}\nFix the spec (pnpm --filter @moedata/spec test) and rebuild.`,
  );
}

await copyFile(specPath, `${distDir}openapi.json`);

const html = inlineRedocLogo(
  await readFile(indexPath, 'utf8'),
  await readFile(new URL('../templates/redocly-logo.svg', import.meta.url), 'utf8'),
);
await writeFile(indexPath, html);

const remote = findRemoteResources(html);
const forbiddenHosts = findForbiddenHosts(html);
if (remote.length > 0 || forbiddenHosts.length > 0) {
  fail(
    'the page must work offline, but it would load from the network:\n' +
      [
        ...remote.map(({ loader, url }) => `  ${loader}: ${url}`),
        ...forbiddenHosts.map((host) => `  host: ${host}`),
      ].join('\n') +
      '\nRemove them from templates/index.hbs or the Redoc options in redocly.yaml, or replace them in scripts/build.ts.',
  );
}
if (!html.includes('"disableTelemetry":true')) {
  fail('Redoc telemetry is not disabled in the page: keep `telemetry: off` in redocly.yaml.');
}

const operationCount = Object.values(spec.paths ?? {}).flatMap((item) => Object.keys(item)).length;
console.log(
  `[docs build] wrote ${relative(process.cwd(), indexPath)} (${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MB, ` +
    `${operationCount} operations, nothing loaded from the network) and ${relative(process.cwd(), `${distDir}openapi.json`)}`,
);
