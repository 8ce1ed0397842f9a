/**
 * The zod checks of requests, responses and bulk elements, built from the generated schemas
 * (`generated/zod.gen.ts`, zod/mini). Only `validation.ts` imports this module, with a dynamic
 * `import()`, so bundlers put zod in a separate chunk that loads when validation first runs
 * (decisions/022-client-bundle-size.md).
 */
import type { OperationId } from '@moedata/spec/routes';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import {
  zBulkCustomerElement,
  zBulkDeviceElement,
  zBulkEventElement,
  zBulkImportAnswer,
  zBulkImportBody,
  zBulkImportPath,
  zBulkImportQuery,
  zCreateEventAnswer,
  zCreateEventBody,
  zCreateEventPath,
  zCreateEventQuery,
  zDeleteUserAnswer,
  zDeleteUserBody,
  zDeleteUserQuery,
  zGetUserAnswer,
  zGetUserBody,
  zGetUserQuery,
  zMergeUsersAnswer,
  zMergeUsersBody,
  zMergeUsersQuery,
  zTrackDeviceAnswer,
  zTrackDeviceBody,
  zTrackDevicePath,
  zTrackDeviceQuery,
  zTrackUserAnswer,
  zTrackUserBody,
  zTrackUserPath,
  zTrackUserQuery,
  zTriggerFileImportAnswer,
  zTriggerFileImportPath,
} from './generated/zod.gen.ts';

/** English messages ("Invalid input: expected string, received undefined"), per parse: zod/mini loads no locale. */
const parseOptions = { error: en().localeError };

/** Nothing may be sent for a part the operation does not have. */
const absent = z.optional(z.never());

/**
 * What a generated request validator would check: the body and the path and query parameters the
 * facade fills in. The query may be left out (the facade omits it when it has nothing to send);
 * header parameters are the facade's own (see openapi-ts.config.ts) and not checked.
 */
function requestSchema(parts: { body?: z.ZodMiniType; path?: z.ZodMiniType; query?: z.ZodMiniType }) {
  return z.object({
    body: parts.body ?? absent,
    path: parts.path ?? absent,
    query: parts.query ? z.optional(parts.query) : absent,
  });
}

/** The request of each operation: `{ body, path, query }` as passed to the generated SDK function. */
const requestSchemas = {
  trackUser: requestSchema({ body: zTrackUserBody, path: zTrackUserPath, query: zTrackUserQuery }),
  getUser: requestSchema({ body: zGetUserBody, query: zGetUserQuery }),
  mergeUsers: requestSchema({ body: zMergeUsersBody, query: zMergeUsersQuery }),
  deleteUser: requestSchema({ body: zDeleteUserBody, query: zDeleteUserQuery }),
  trackDevice: requestSchema({ body: zTrackDeviceBody, path: zTrackDevicePath, query: zTrackDeviceQuery }),
  createEvent: requestSchema({ body: zCreateEventBody, path: zCreateEventPath, query: zCreateEventQuery }),
  bulkImport: requestSchema({ body: zBulkImportBody, path: zBulkImportPath, query: zBulkImportQuery }),
  triggerFileImport: requestSchema({ path: zTriggerFileImportPath }),
} satisfies Record<OperationId, z.ZodMiniType>;

/** The 2xx body of each operation. */
const answerSchemas = {
  trackUser: zTrackUserAnswer,
  getUser: zGetUserAnswer,
  mergeUsers: zMergeUsersAnswer,
  deleteUser: zDeleteUserAnswer,
  trackDevice: zTrackDeviceAnswer,
  createEvent: zCreateEventAnswer,
  bulkImport: zBulkImportAnswer,
  triggerFileImport: zTriggerFileImportAnswer,
} satisfies Record<OperationId, z.ZodMiniType>;

/** Bulk Import elements by `type`: checking the matching one names the field at fault, a union would not. */
const elementSchemas: Record<string, z.ZodMiniType | undefined> = {
  customer: zBulkCustomerElement,
  event: zBulkEventElement,
  device: zBulkDeviceElement,
};

/**
 * Checks what the facade passes to a generated SDK function (`{ body, path, query, ... }`).
 * @throws the zod error, whose `issues` become the `RequestValidationError`'s.
 */
export async function parseRequest(operationId: OperationId, request: unknown): Promise<void> {
  await requestSchemas[operationId].parseAsync(request, parseOptions);
}

/**
 * Checks a 2xx body against the spec.
 * @throws the zod error, whose `issues` become the `ResponseValidationError`'s.
 */
export async function parseAnswer(operationId: OperationId, body: unknown): Promise<void> {
  await answerSchemas[operationId].parseAsync(body, parseOptions);
}

/** The first problem of a bulk element: where (`actions.0.action`) and what. */
export interface ElementProblem {
  path: string | undefined;
  message: string;
}

/** Checks one Bulk Import element; `undefined` when it is valid. */
export function checkBulkElement(element: unknown): ElementProblem | undefined {
  const type = (element as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? elementSchemas[type] : undefined;
  if (!schema) {
    return {
      path: 'type',
      message: `type must be "customer", "event" or "device"; got ${JSON.stringify(type)}`,
    };
  }
  const result = schema.safeParse(element, parseOptions);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return {
    path: issue?.path.join('.') || undefined,
    message: issue?.message ?? 'the Bulk Import schema rejects it',
  };
}
