import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import {
  dereference,
  HTTP_METHODS,
  isJsonObject,
  type JsonObject,
  specPackageDir,
  toPointer,
} from './spec-document.ts';

/** The repository root: the nearest folder above the spec package holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string = specPackageDir): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No pnpm-workspace.yaml above ${from}.`);
  }
}

/**
 * MoEngage's own OpenAPI 3.0 document. The shared reference folder sits beside the repository
 * (`<repo>/../shared/reference/`) both here and in CI's clean clone; it is resolved, never copied.
 */
export const moengageReferencePath: string = join(
  findRepoRoot(),
  '..',
  'shared',
  'reference',
  'moengage-data.yaml',
);

/** A YAML syntax error of the reference document, by code and 1-based line. */
export interface YamlProblem {
  code: string;
  line: number;
  message: string;
}

/** The parsed reference, with the YAML errors the parser recovered from. */
export interface MoengageReference {
  document: JsonObject;
  yamlErrors: YamlProblem[];
}

/** Parses moengage-data.yaml, or returns `undefined` when the shared folder is not there. */
export function loadMoengageReference(path: string = moengageReferencePath): MoengageReference | undefined {
  if (!existsSync(path)) return undefined;
  // The file is not strictly valid YAML; the parser recovers and reports where.
  const parsed = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  const document = parsed.toJS({ maxAliasCount: -1 }) as unknown;
  if (!isJsonObject(document)) throw new Error(`${path} is not a YAML mapping.`);
  return {
    document,
    yamlErrors: parsed.errors.map((error) => ({
      code: error.code,
      line: error.linePos?.[0].line ?? 0,
      message: error.message.split('\n')[0] ?? '',
    })),
  };
}

/** An operation of the reference document, with its full path (server base path + path template). */
export interface ReferenceOperation {
  method: string;
  /** e.g. `/v1/customer/{app_id}` for MoEngage's `/customer/{app_id}` on `https://api-{dc}.moengage.com/v1`. */
  fullPath: string;
  operation: JsonObject;
  pointer: string;
}

/** Path templates compare equal whatever their parameters are named (`{Workspace_ID}` = `{app_id}`). */
export function pathShape(template: string): string {
  return template.replace(/\{[^}]+\}/g, '{}');
}

function serverBasePath(servers: unknown): string {
  const url = Array.isArray(servers) && isJsonObject(servers[0]) ? servers[0].url : undefined;
  if (typeof url !== 'string') return '';
  return new URL(url.replace(/\{[^}]+\}/g, 'x')).pathname.replace(/\/$/, '');
}

/** Every operation of the reference, with the servers that apply to it (operation, path item, root). */
export function listReferenceOperations(document: JsonObject): ReferenceOperation[] {
  const paths = isJsonObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = isJsonObject(item) ? item[method] : undefined;
      if (!isJsonObject(operation) || !isJsonObject(item)) return [];
      const base = serverBasePath(operation.servers ?? item.servers ?? document.servers);
      return [{ method, fullPath: `${base}${path}`, operation, pointer: toPointer(['paths', path, method]) }];
    }),
  );
}

/** A whole request body the reference shows for an operation. */
export interface ReferenceBodyExample {
  /** The example's name (named examples) or where it sits (`media example`, `schema example`). */
  name: string;
  value: unknown;
}

/** A value the reference shows for one field of a request body. */
export interface ReferenceFieldExample {
  /** Field path from the body root; `*` stands for any array item. */
  path: string[];
  value: unknown;
  /** JSON pointer of the example in the reference document. */
  pointer: string;
}

/** The JSON media type of an operation's request body, `$ref`s followed. */
function jsonRequestMedia(document: JsonObject, operation: ReferenceOperation) {
  const body = dereference(document, operation.operation.requestBody, `${operation.pointer}/requestBody`);
  const content = isJsonObject(body.node) && isJsonObject(body.node.content) ? body.node.content : {};
  const media = content['application/json'];
  return isJsonObject(media)
    ? { media, pointer: `${body.pointer}${toPointer(['content', 'application/json'])}` }
    : undefined;
}

/** Every whole request body the reference shows: named examples, the media-type example, the schema's example. */
export function referenceBodyExamples(
  document: JsonObject,
  operation: ReferenceOperation,
): ReferenceBodyExample[] {
  const json = jsonRequestMedia(document, operation);
  if (json === undefined) return [];
  const { media, pointer } = json;
  const found: ReferenceBodyExample[] = [];
  if (isJsonObject(media.examples)) {
    for (const [name, example] of Object.entries(media.examples)) {
      const named = dereference(document, example, `${pointer}${toPointer(['examples', name])}`).node;
      if (isJsonObject(named) && 'value' in named) found.push({ name, value: named.value });
    }
  }
  if ('example' in media) found.push({ name: 'media example', value: media.example });
  const schema = dereference(document, media.schema, `${pointer}/schema`).node;
  if (isJsonObject(schema) && 'example' in schema)
    found.push({ name: 'schema example', value: schema.example });
  return found;
}

/** Every field-level `example` inside the request schema, with the field's path in the body. */
export function referenceFieldExamples(
  document: JsonObject,
  operation: ReferenceOperation,
): ReferenceFieldExample[] {
  const json = jsonRequestMedia(document, operation);
  if (json === undefined) return [];
  const found: ReferenceFieldExample[] = [];
  const visit = (node: unknown, pointer: string, path: string[], seen: ReadonlySet<string>): void => {
    const resolved = dereference(document, node, pointer);
    if (!isJsonObject(resolved.node) || seen.has(resolved.pointer)) return;
    const schema = resolved.node;
    const inside = new Set([...seen, resolved.pointer]);
    if (path.length > 0 && 'example' in schema) {
      found.push({ path, value: schema.example, pointer: `${resolved.pointer}/example` });
    }
    if (isJsonObject(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        visit(property, `${resolved.pointer}${toPointer(['properties', name])}`, [...path, name], inside);
      }
    }
    if (isJsonObject(schema.items)) visit(schema.items, `${resolved.pointer}/items`, [...path, '*'], inside);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) {
        branches.forEach((branch, index) => {
          visit(branch, `${resolved.pointer}${toPointer([keyword, String(index)])}`, path, inside);
        });
      }
    }
  };
  visit(json.media.schema, `${json.pointer}/schema`, [], new Set());
  return found;
}
