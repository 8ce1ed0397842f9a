import { createRequire } from 'node:module';
import { defineConfig } from '@hey-api/openapi-ts';

// Resolved by package name (never a ../ path) so the generator reads exactly what @moedata/spec exports.
const specPath = createRequire(import.meta.url).resolve('@moedata/spec/openapi.json');

/** Credentials the facade derives from `workspaceId`; callers never pass them per request. */
const FACADE_OWNED_HEADERS = new Set(['moe-appkey', 'authorization']);

/**
 * Generates the typed layer of @moedata/client into src/generated/ (committed, never edited):
 * types, one SDK function per operation, the fetch client and zod schemas.
 * `pnpm --filter @moedata/client generate` rewrites it from the spec.
 */
export default defineConfig({
  input: specPath,
  output: {
    path: 'src/generated',
    // Relative imports end in .ts so Node 24 runs the generated files from source; tsc rewrites them to .js.
    module: { extension: '.ts' },
    // The facade imports the modules it needs by name; an unsuffixed index.ts would blur what is generated.
    entryFile: false,
  },
  parser: {
    patch: {
      // The facade sends MOE-APPKEY (and Authorization) from the client options on every call, so they are
      // not per-call parameters. Dropping them from the input also works around hey-api validating header
      // parameters against a `Headers` instance, which always fails (hey-api/hey-api#2537, #2643).
      input: (spec) => {
        const document = spec as unknown as OpenApiDocument;
        const keep = (parameter: unknown) => !isFacadeOwnedHeader(document, parameter);
        for (const pathItem of Object.values(document.paths ?? {})) {
          // Parameters may sit on the path item (shared by its operations) or on each operation.
          if (Array.isArray(pathItem.parameters)) pathItem.parameters = pathItem.parameters.filter(keep);
          for (const operation of Object.values(pathItem)) {
            if (isRecord(operation) && Array.isArray(operation.parameters)) {
              operation.parameters = operation.parameters.filter(keep);
            }
          }
        }
      },
    },
  },
  plugins: [
    // No base URL baked in: the facade picks the core or file-imports host per operation and data center.
    { name: '@hey-api/client-fetch', baseUrl: false },
    '@hey-api/typescript',
    // No validators inside the SDK functions: they would import zod into every bundle. The facade passes
    // its own, which load src/validators.ts (and with it zod.gen.ts) lazily (decisions/022-client-bundle-size.md).
    { name: '@hey-api/sdk', validator: false },
    {
      name: 'zod',
      // zod/mini: the same checks, tree-shakeable functions instead of methods (about a quarter of the size).
      compatibilityVersion: 'mini',
      // One named schema per operation for the whole request ({ body, path, query, headers }): `z{{name}}Data`.
      requests: { shouldExtract: true },
      // `z{{name}}Answer` like the facade's types; the default `z{{name}}Response` collides with components.
      responses: { name: 'z{{name}}Answer' },
    },
  ],
});

interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, unknown> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether a parameter (inline or a `#/components/parameters/...` reference) is a header the facade owns. */
function isFacadeOwnedHeader(document: OpenApiDocument, parameter: unknown): boolean {
  if (!isRecord(parameter)) return false;
  const reference = typeof parameter.$ref === 'string' ? parameter.$ref : undefined;
  const resolved = reference
    ? document.components?.parameters?.[reference.replace('#/components/parameters/', '')]
    : parameter;
  return (
    isRecord(resolved) &&
    resolved.in === 'header' &&
    typeof resolved.name === 'string' &&
    FACADE_OWNED_HEADERS.has(resolved.name.toLowerCase())
  );
}
