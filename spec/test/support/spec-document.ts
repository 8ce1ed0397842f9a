import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A JSON object as parsed from the document: keys are looked up, never trusted. */
export type JsonObject = Record<string, unknown>;

/** Absolute path of the emitted document, `spec/openapi.json`. */
export const specDocumentPath: string = fileURLToPath(new URL('../../openapi.json', import.meta.url));

/** Absolute path of the spec package (where its CLIs and lint configs live). */
export const specPackageDir: string = fileURLToPath(new URL('../../', import.meta.url));

/** Reads and parses `spec/openapi.json`; throws with the command that writes it when it is missing. */
export function loadSpecDocument(): JsonObject {
  if (!existsSync(specDocumentPath)) {
    throw new Error(
      `${specDocumentPath} does not exist: run \`pnpm --filter @moedata/spec generate\` first.`,
    );
  }
  return JSON.parse(readFileSync(specDocumentPath, 'utf8')) as JsonObject;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The HTTP methods an OpenAPI path item may hold. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the document with where it lives. */
export interface DocumentOperation {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  operation: JsonObject;
  /** JSON pointer of the operation object. */
  pointer: string;
}

/** Every operation of an OpenAPI document, in document order. */
export function listOperations(document: JsonObject): DocumentOperation[] {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = isJsonObject(item) ? item[method] : undefined;
      return isJsonObject(operation)
        ? [{ path, method, operation, pointer: toPointer(['paths', path, method]) }]
        : [];
    }),
  );
}

/** Builds a JSON pointer (RFC 6901) from its unescaped segments. */
export function toPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Reads the value at a local `$ref` / JSON pointer such as `#/components/schemas/X`. */
export function resolvePointer(document: JsonObject, pointer: string): unknown {
  const segments = pointer.replace(/^#/, '').split('/').slice(1);
  return segments.reduce<unknown>((node, raw) => {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    return isJsonObject(node) || Array.isArray(node) ? (node as JsonObject)[segment] : undefined;
  }, document);
}

/**
 * Follows `$ref`s until it reaches a real object; returns it with the pointer it lives at
 * (so a component reached from many operations is known by one location).
 */
export function dereference(
  document: JsonObject,
  node: unknown,
  pointer: string,
): { node: unknown; pointer: string } {
  let current = { node, pointer };
  for (let hops = 0; isJsonObject(current.node) && typeof current.node.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${pointer}`);
    const target = current.node.$ref;
    if (!target.startsWith('#'))
      throw new Error(`External $ref ${target} at ${current.pointer} is not supported.`);
    current = { node: resolvePointer(document, target), pointer: target.slice(1) };
  }
  return current;
}
