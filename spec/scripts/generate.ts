/**
 * Writes spec/openapi.json from the zod schemas: `pnpm --filter @moedata/spec generate`.
 * The output is byte-deterministic, so a second run changes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../src/document.ts';

const packageRoot = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as {
  version: string;
};
const outputUrl = new URL('openapi.json', packageRoot);

const text = serializeOpenApiDocument(buildOpenApiDocument({ version }));
let previous: string | undefined;
try {
  previous = readFileSync(outputUrl, 'utf8');
} catch {
  previous = undefined;
}
if (previous === text) {
  console.log('spec/openapi.json is up to date');
} else {
  writeFileSync(outputUrl, text);
  console.log(`wrote spec/openapi.json (${Buffer.byteLength(text)} bytes)`);
}
