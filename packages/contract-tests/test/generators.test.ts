/**
 * The document is consumable beyond hey-api: two other popular generators turn it into code without
 * an error or a warning. Their output goes to a temporary folder and is thrown away.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentOperationIds } from '../src/document.ts';

const run = promisify(execFile);
const specPath = createRequire(import.meta.url).resolve('@moedata/spec/openapi.json');
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const WARNING = /warn|⚠|✘|error/i;
let outputDir: string;

beforeAll(async () => {
  outputDir = await mkdtemp(join(tmpdir(), 'moedata-generators-'));
});
afterAll(async () => {
  await rm(outputDir, { recursive: true, force: true });
});

/** Runs a generator; its whole console output is part of the failure message. */
async function generate(command: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(bin(command), args, {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 90_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(
      `${command} failed on ${specPath}:\n${error.stdout ?? ''}${error.stderr ?? error.message}`,
    );
  });
  return `${stdout}${stderr}`;
}

it('generates TypeScript types with openapi-typescript without errors or warnings', async () => {
  const output = join(outputDir, 'openapi-typescript.ts');
  const log = await generate('openapi-typescript', [specPath, '--output', output]);

  expect(log).not.toMatch(WARNING);
  const types = await readFile(output, 'utf8');
  for (const operationId of documentOperationIds) expect(types).toContain(`${operationId}: {`);
}, 120_000);

it('generates a fetch client with orval without errors or warnings', async () => {
  const output = join(outputDir, 'orval', 'api.ts');
  const log = await generate('orval', [
    '--input',
    specPath,
    '--output',
    output,
    '--client',
    'fetch',
    '--fail-on-warnings',
  ]);

  expect(log).not.toMatch(WARNING);
  const client = await readFile(output, 'utf8');
  for (const operationId of documentOperationIds)
    expect(client).toMatch(new RegExp(`export const ${operationId}\\b`));
}, 120_000);
