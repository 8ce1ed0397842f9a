/**
 * The spec document (`@moedata/spec/openapi.json`) read as data: its operations, their routes, and for
 * each (operation, status) the response schemas, headers and documented error rows. Every loop in
 * this package starts here, so an operation or status added to the spec reaches every check by itself.
 */
import * as spec from '@moedata/spec';
import document from '@moedata/spec/openapi.json' with { type: 'json' };

/** Anything with zod's `safeParse` (kept structural: this package does not depend on zod). */
export interface Schema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } };
}

/** A documented response header and the schema of its value. */
export interface HeaderSpec {
  readonly name: string;
  readonly required: boolean;
  /** Component name of the value's schema, e.g. `RateLimitLimitValue`. */
  readonly schemaName: string;
}

/** What the document says one operation answers with one status. */
export interface ResponseSpec {
  readonly status: number;
  /** Schema component names of the JSON body; the body must match one (`anyOf`). */
  readonly schemaNames: readonly string[];
  readonly headers: readonly HeaderSpec[];
  /** Error-catalogue row ids the document lists as examples of this answer (empty for 2xx). */
  readonly exampleRowIds: readonly string[];
}

/** A documented parameter of an operation. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  /** Component name of the value's schema, e.g. `WorkspaceId`. */
  readonly schemaName: string;
}

/** One operation of the document. */
export interface DocumentOperation {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path template, e.g. `/v1/customer/{app_id}`. */
  readonly path: string;
  readonly parameters: readonly ParameterSpec[];
  /** The first server of the operation (or of the document), its variables at their defaults. */
  readonly serverUrl: string;
  /** Component name of the JSON request body's schema, when the operation takes one. */
  readonly requestSchemaName: string | undefined;
  readonly responses: ReadonlyMap<number, ResponseSpec>;
}

interface Reference {
  $ref: string;
}
type Json = Record<string, unknown>;

const isReference = (value: unknown): value is Reference =>
  typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';

/** Follows a local `$ref` (`#/components/responses/Success`) to the object it names. */
function resolve(value: unknown): Json {
  if (!isReference(value)) return value as Json;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document);
  if (target === undefined) throw new Error(`The document has a dangling $ref ${value.$ref}.`);
  return resolve(target);
}

/** `#/components/schemas/ErrorResponse` → `ErrorResponse`; `anyOf` of references → every name. */
function schemaNamesOf(schema: unknown, where: string): string[] {
  if (isReference(schema)) return [schema.$ref.split('/').at(-1) as string];
  const anyOf =
    (schema as { anyOf?: unknown[]; oneOf?: unknown[] } | undefined)?.anyOf ?? (schema as Json)?.oneOf;
  if (Array.isArray(anyOf)) return anyOf.flatMap((member) => schemaNamesOf(member, where));
  throw new Error(
    `${where}: the body schema is inline; the contract tests expect a named component (a zod schema with .meta({ id })).`,
  );
}

function responseSpec(status: number, response: unknown, where: string): ResponseSpec {
  const resolved = resolve(response);
  const json = (resolved.content as Json | undefined)?.['application/json'] as Json | undefined;
  const headers = Object.entries((resolved.headers as Json | undefined) ?? {}).map(([name, header]) => {
    const resolvedHeader = resolve(header);
    return {
      name: name.toLowerCase(),
      required: resolvedHeader.required === true,
      schemaName: schemaNamesOf(resolvedHeader.schema, `${where} header ${name}`)[0] as string,
    };
  });
  return {
    status,
    schemaNames: json ? schemaNamesOf(json.schema, where) : [],
    headers,
    exampleRowIds: Object.keys((json?.examples as Json | undefined) ?? {}),
  };
}

interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}

/** `https://api-{dc}.moengage.com` with `dc` at its default → `https://api-01.moengage.com`. */
function defaultServerUrl(servers: readonly ServerObject[]): string {
  const [server] = servers;
  if (!server) throw new Error('The document names no server; the contract tests need one per operation.');
  return server.url.replace(
    /\{(\w+)\}/g,
    (_match, name: string) => server.variables?.[name]?.default ?? name,
  );
}

function readOperations(): DocumentOperation[] {
  const found: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as Json;
      if (typeof op?.operationId !== 'string') continue;
      const where = `${method.toUpperCase()} ${path} (${op.operationId})`;
      const body = resolve(op.requestBody ?? {}) as Json;
      const bodySchema = ((body.content as Json | undefined)?.['application/json'] as Json | undefined)
        ?.schema;
      const responses = new Map<number, ResponseSpec>();
      for (const [status, response] of Object.entries(op.responses as Json)) {
        responses.set(Number(status), responseSpec(Number(status), response, `${where} ${status}`));
      }
      const parameters = ((op.parameters as unknown[] | undefined) ?? []).map((parameter) => {
        const resolved = resolve(parameter);
        return {
          name: String(resolved.name),
          in: resolved.in as ParameterSpec['in'],
          required: resolved.required === true,
          schemaName: schemaNamesOf(
            resolved.schema,
            `${where} parameter ${String(resolved.name)}`,
          )[0] as string,
        };
      });
      found.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        serverUrl: defaultServerUrl(
          (op.servers as ServerObject[] | undefined) ?? (document.servers as ServerObject[]),
        ),
        requestSchemaName: bodySchema === undefined ? undefined : schemaNamesOf(bodySchema, where)[0],
        responses,
      });
    }
  }
  return found;
}

/** Every operation of `@moedata/spec/openapi.json`, in document order. */
export const documentOperations: readonly DocumentOperation[] = readOperations();

/** The operationIds of the document, in document order. */
export const documentOperationIds: readonly string[] = documentOperations.map((op) => op.operationId);

/** The document's operation with this id. @throws naming the known ids when there is none. */
export function documentOperation(operationId: string): DocumentOperation {
  const operation = documentOperations.find((op) => op.operationId === operationId);
  if (!operation) {
    throw new Error(
      `The document has no operation ${operationId}; it has ${documentOperationIds.join(', ')}.`,
    );
  }
  return operation;
}

interface Route {
  operation: DocumentOperation;
  pattern: RegExp;
  literalSegments: number;
}

const routes: Route[] = documentOperations
  .map((operation) => {
    const segments = operation.path.split('/').filter(Boolean);
    const source = segments
      .map((segment) =>
        /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return {
      operation,
      pattern: new RegExp(`^/${source}/?$`),
      literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
    };
  })
  // The most literal template wins: `/v1/customer/merge` before `/v1/customer/{app_id}`.
  .sort((a, b) => b.literalSegments - a.literalSegments);

/** The operation whose path template matches this path (any method), most literal template first. */
export function operationForPath(pathname: string): DocumentOperation | undefined {
  return routes.find((route) => route.pattern.test(pathname))?.operation;
}

/**
 * The responses the document defines for a status on any operation. 404 and 405 are answers about the
 * route, not the operation (decisions/003: the emulator may answer them on any path), so a 404/405 is
 * checked against these.
 */
export function routeLevelResponses(status: number): ResponseSpec[] {
  return documentOperations.flatMap((op) => {
    const response = op.responses.get(status);
    return response ? [response] : [];
  });
}

function collectSchemas(): Map<string, Schema> {
  const byId = new Map<string, Schema>();
  for (const value of Object.values(spec)) {
    const meta = (value as { meta?: () => { id?: string } | undefined } | null)?.meta;
    if (typeof meta !== 'function' || typeof (value as Schema).safeParse !== 'function') continue;
    const id = meta.call(value)?.id;
    if (id !== undefined) byId.set(id, value as Schema);
  }
  return byId;
}

const schemasById = collectSchemas();

/**
 * The zod schema behind a component of the document (components are named by the schema's
 * `.meta({ id })`). @throws when `@moedata/spec` exports no schema with that id.
 */
export function schemaForComponent(name: string): Schema {
  const schema = schemasById.get(name);
  if (!schema) {
    throw new Error(
      `The document names component ${name}, but @moedata/spec exports no zod schema with .meta({ id: '${name}' }): ` +
        'export it from spec/src/index.ts so the contract tests can validate against it.',
    );
  }
  return schema;
}

/** The JSON request body schema of an operation, or undefined when it takes no body. */
export function requestSchemaOf(operationId: string): Schema | undefined {
  const name = documentOperation(operationId).requestSchemaName;
  return name === undefined ? undefined : schemaForComponent(name);
}

/**
 * The path and query of a request to an operation: path parameters filled from `values`, required
 * query parameters appended (`app_id` where the operation wants it in the query).
 * @example requestPath('getUser', { app_id: 'WS1' }) // '/v1/customers/export?app_id=WS1'
 */
export function requestPath(operationId: string, values: Readonly<Record<string, string>>): string {
  const operation = documentOperation(operationId);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`requestPath(${operationId}) needs a value for {${name}}.`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query' && parameter.required)
      query.set(parameter.name, values[parameter.name] ?? '');
  }
  const search = query.toString();
  return search === '' ? path : `${path}?${search}`;
}
