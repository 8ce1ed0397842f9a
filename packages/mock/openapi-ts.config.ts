import { createRequire } from 'node:module';
import { defineConfig } from '@hey-api/openapi-ts';

// Resolved by package name (never a ../ path) so the generator reads exactly what @moedata/spec exports.
const specPath = createRequire(import.meta.url).resolve('@moedata/spec/openapi.json');

/**
 * Generates typed MSW handler factories (one per operation) into src/generated/.
 * The output is committed; `pnpm --filter @moedata/mock generate` rewrites it from the spec.
 */
export default defineConfig({
  input: specPath,
  output: {
    path: 'src/generated',
    // Relative imports end in .ts so Node 24 can run the generated files without a build step.
    module: { extension: '.ts' },
    indexFile: false,
  },
  plugins: [
    '@hey-api/typescript',
    {
      name: 'msw',
      // Responses come from the engine through resolvers, never from spec examples.
      source: [],
      responseFallback: 'error',
    },
  ],
});
