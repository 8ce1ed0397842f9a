/** Raw OpenAPI components of the document: security scheme, rate-limit headers, parameters, servers. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type ZodType, z } from 'zod';
import * as headerSchemas from '../headers.ts';
import type { OperationDefinition } from '../operations.ts';
import * as primitives from '../primitives.ts';
import { DATA_CENTERS, DEFAULT_DATA_CENTER } from '../rules.ts';

/** The three rate-limit header references every response carries. */
export const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': { $ref: '#/components/headers/RateLimitLimit' },
  'x-ratelimit-remaining': { $ref: '#/components/headers/RateLimitRemaining' },
  'x-ratelimit-reset': { $ref: '#/components/headers/RateLimitReset' },
};

function componentId(schema: ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (id === undefined) {
    throw new Error(
      'A schema referenced by the document has no .meta({ id }); give it one so it becomes a component.',
    );
  }
  return id;
}

/** A `$ref` to the schema component of a zod schema registered with `.meta({ id })`. */
export function schemaRef(schema: ZodType): { $ref: string } {
  return { $ref: `#/components/schemas/${componentId(schema)}` };
}

/** Registers the security scheme, the rate-limit header components and the parameter components. */
export function registerComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'basicAuth', {
    type: 'http',
    scheme: 'basic',
    description:
      'Basic authentication: username = workspace ID (Settings > Account > APIs), password = the Data API key (Data tile). ' +
      'Failures (401): no header → "Authentication Header Required"; empty → "No identity information found"; not ' +
      'decodable or no colon → "Invalid identity information found"; empty username → "APP_KEY missing in the ' +
      'authentication header"; empty password → "APP_SECRET missing in the authentication header"; wrong key → "App ' +
      'Secret key mismatch. Please login to the dashboard to verify key"; unknown workspace → "Invalid APP_ID used in ' +
      'Authentication Header". A workspace with no key set: 409 "App Secret key is not set...". A blacklisted ' +
      'workspace: 400 Blacklisted; suspended or temporarily suspended: 403. Do not generate a new key unless the old ' +
      'one leaked: tracking with the old key starts failing. The emulator compares keys in constant time.',
  });

  const header = (description: string, schema: ZodType) => ({
    description,
    required: true,
    schema: schemaRef(schema),
  });
  registry.registerComponent(
    'headers',
    'RateLimitLimit',
    header(
      'Budget of the workspace per window and the window length: `<N>; w=60`.',
      headerSchemas.RateLimitLimitValue,
    ),
  );
  registry.registerComponent(
    'headers',
    'RateLimitRemaining',
    header('Budget left in the current window.', headerSchemas.RateLimitRemainingValue),
  );
  registry.registerComponent(
    'headers',
    'RateLimitReset',
    header(
      'Seconds left until the window resets (a countdown, not an epoch).',
      headerSchemas.RateLimitResetValue,
    ),
  );

  const appId =
    'The workspace ID. Must equal the Basic-auth username (otherwise 409); missing: 400 ParamsRequired; unknown: 400 InvalidParams.';
  const parameters = {
    AppIdInPath: {
      name: 'app_id',
      in: 'path',
      required: true,
      description: appId,
      schema: schemaRef(primitives.WorkspaceId),
    },
    AppIdInQuery: {
      name: 'app_id',
      in: 'query',
      required: true,
      description: appId,
      schema: schemaRef(primitives.WorkspaceId),
    },
    AppIdInQueryOptional: {
      name: 'app_id',
      in: 'query',
      required: false,
      description:
        'The workspace ID again, as many official samples send it. When it differs from the path value: 409.',
      schema: schemaRef(primitives.WorkspaceId),
    },
    ProjectCode: {
      name: 'project_code',
      in: 'query',
      required: false,
      schema: schemaRef(primitives.ProjectCode),
    },
    ScheduleId: { name: 'schedule_id', in: 'path', required: true, schema: schemaRef(primitives.ScheduleId) },
    MoeAppKey: {
      name: 'MOE-APPKEY',
      in: 'header',
      required: false,
      schema: schemaRef(headerSchemas.MoeAppKeyHeader),
    },
    MoeAppKeyRequired: {
      name: 'MOE-APPKEY',
      in: 'header',
      required: true,
      schema: schemaRef(headerSchemas.MoeAppKeyHeader),
    },
    XForwardedFor: {
      name: 'X-Forwarded-For',
      in: 'header',
      required: false,
      schema: schemaRef(headerSchemas.ForwardedForHeader),
    },
  } as const;
  for (const [name, parameter] of Object.entries(parameters)) {
    registry.registerComponent('parameters', name, parameter);
  }
}

/** `$ref`s to the parameter components an operation takes. */
export function parameterRefs(operation: OperationDefinition): { $ref: string }[] {
  const names: string[] = [];
  if (operation.appIdIn === 'path') names.push('AppIdInPath', 'AppIdInQueryOptional');
  if (operation.appIdIn === 'query') names.push('AppIdInQuery');
  if (operation.server === 'fileImports') names.push('ScheduleId');
  if (operation.acceptsProjectCode) names.push('ProjectCode');
  names.push(operation.requiresMoeAppKey ? 'MoeAppKeyRequired' : 'MoeAppKey', 'XForwardedFor');
  return names.map((name) => ({ $ref: `#/components/parameters/${name}` }));
}

/** The `dc` server variable: the 7 data centers, "01" by default. */
export function serverVariables(description: string) {
  return { dc: { enum: [...DATA_CENTERS], default: DEFAULT_DATA_CENTER, description } };
}

/** Description of the `dc` server variable. */
export const dcDescription =
  'Your data center (Settings > Account > APIs shows it; the dashboard host dashboard-<dc>.moengage.com names it too).';
/** Operation-level server of triggerFileImport. */
export const fileImportsServer = {
  url: 'https://fileimports-data-api-{dc}.moengage.com',
  description: 'MoEngage File Imports API',
  variables: serverVariables(dcDescription),
};

/** Schemas that only raw components reference; they must be passed to the generator explicitly. */
export const componentSchemas: ZodType[] = [
  primitives.WorkspaceId,
  primitives.ProjectCode,
  primitives.ScheduleId,
  headerSchemas.MoeAppKeyHeader,
  headerSchemas.ForwardedForHeader,
  headerSchemas.RateLimitLimitValue,
  headerSchemas.RateLimitRemainingValue,
  headerSchemas.RateLimitResetValue,
];
