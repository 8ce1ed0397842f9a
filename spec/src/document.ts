/**
 * Builds the OpenAPI 3.1 document from the zod schemas, the operation table and the error catalogue.
 * The only module that imports zod-to-openapi.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodType } from 'zod';
import { apiDescription } from './descriptions.ts';
import { errorStatusesForOperation, errorsForOperation } from './errors/index.ts';
import { codeSamples } from './openapi/code-samples.ts';
import {
  componentSchemas,
  dcDescription,
  fileImportsServer,
  parameterRefs,
  registerComponents,
  serverVariables,
} from './openapi/components.ts';
import {
  ENVELOPE_SCHEMAS,
  errorExamples,
  errorResponse,
  errorResponseName,
  successResponse,
  successResponseName,
} from './openapi/responses.ts';
import { operationIds } from './operation-ids.ts';
import { type OperationDefinition, operations } from './operations.ts';

/** The generated OpenAPI 3.1 document object. */
export type OpenAPIObject = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const JSON_MEDIA_TYPE = 'application/json';

function registerOperations(registry: OpenAPIRegistry): void {
  const responseComponents = new Map<string, unknown>();
  for (const operationId of operationIds) {
    const operation: OperationDefinition = operations[operationId];
    const successName = successResponseName(operation);
    responseComponents.set(successName, successResponse(operation));
    const routeResponses: Record<string, { $ref: string }> = {
      200: { $ref: `#/components/responses/${successName}` },
    };
    for (const status of errorStatusesForOperation(operationId)) {
      const name = errorResponseName(operationId, status);
      responseComponents.set(
        name,
        errorResponse(errorsForOperation(operationId, status), status, operationId),
      );
      routeResponses[status] = { $ref: `#/components/responses/${name}` };
    }

    const route: RouteConfig = {
      method: operation.method,
      path: operation.path,
      operationId,
      tags: [operation.tag],
      summary: operation.summary,
      description: operation.description,
      parameters: parameterRefs(operation),
      responses: routeResponses,
      'x-codeSamples': codeSamples(operation),
    };
    if (operation.server === 'fileImports') route.servers = [fileImportsServer];
    if (operation.requestBody !== undefined) {
      route.request = {
        body: {
          required: true,
          description:
            'A JSON object sent with `Content-Type: application/json` (a charset parameter is allowed). Missing ' +
            'Content-Type: 400 "Missing header value"; another type: 415; over 128 KB: 413; empty: 400 "Empty request ' +
            'body"; not JSON: 400 "Malformed JSON"; not an object: 400 "Body type is not JSON".',
          content: {
            [JSON_MEDIA_TYPE]: {
              schema: operation.requestBody,
              ...(operation.requestExamples ? { examples: operation.requestExamples } : {}),
            },
          },
        },
      };
    }
    registry.registerPath(route);
  }

  for (const [name, example] of errorExamples()) registry.registerComponent('examples', name, example);
  for (const [name, response] of responseComponents) {
    registry.registerComponent('responses', name, response as never);
  }
}

function sortKeys<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  if (record === undefined) return undefined;
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// Schemas that only raw components reference must be passed to the generator explicitly.
const standaloneSchemas: ZodType[] = [
  ...componentSchemas,
  ...Object.values(ENVELOPE_SCHEMAS),
  ...operationIds.map((operationId) => operations[operationId].successResponse),
];

/** Options for {@link buildOpenApiDocument}. */
export interface BuildDocumentOptions {
  /** `info.version`; the generate script passes the package version. */
  version: string;
}

/**
 * The complete OpenAPI 3.1 document of the Data API, with components in alphabetical order
 * and top-level keys in the conventional order, so serialising it is deterministic.
 */
export function buildOpenApiDocument(options: BuildDocumentOptions): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  registerComponents(registry);
  registerOperations(registry);
  const generator = new OpenApiGeneratorV31(
    [...standaloneSchemas.map((schema) => ({ type: 'schema' as const, schema })), ...registry.definitions],
    { sortComponents: 'alphabetically' },
  );
  const generated = generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'MoEngage Data API',
      version: options.version,
      description: apiDescription,
      contact: { name: 'moedata maintainers' },
      license: { name: 'MIT', identifier: 'MIT' },
    },
  });
  const components = generated.components ?? {};
  return {
    openapi: generated.openapi,
    info: generated.info,
    servers: [
      {
        url: 'https://api-{dc}.moengage.com',
        description: 'MoEngage Data API (the 7 core operations)',
        variables: serverVariables(dcDescription),
      },
    ],
    security: [{ basicAuth: [] }],
    tags: [
      { name: 'User', description: 'Create, update, look up, merge and delete users.' },
      { name: 'Event', description: 'Record events of users.' },
      { name: 'Device', description: 'Create and update devices of users.' },
      { name: 'Bulk', description: 'Users, devices and events in one request.' },
      { name: 'File Imports', description: 'Run periodic file imports on demand.' },
    ],
    paths: generated.paths ?? {},
    components: {
      schemas: sortKeys(components.schemas),
      parameters: sortKeys(components.parameters),
      headers: sortKeys(components.headers),
      examples: sortKeys(components.examples),
      responses: sortKeys(components.responses),
      securitySchemes: sortKeys(components.securitySchemes),
    },
  };
}

/** The document serialised the one way it is committed: 2-space indent, trailing newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
