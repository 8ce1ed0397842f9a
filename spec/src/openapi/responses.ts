/** Response components built from the error catalogue: one named example per catalogue row. */
import type { ZodType } from 'zod';
import { buildErrorBody, type ErrorEnvelope, type ErrorRow, errorsForOperation } from '../errors/index.ts';
import { coreOperationIds, type OperationId, operationIds } from '../operation-ids.ts';
import type { OperationDefinition } from '../operations.ts';
import * as responses from '../schemas/responses.ts';
import { RATE_LIMIT_HEADERS, schemaRef } from './components.ts';

const JSON_MEDIA_TYPE = 'application/json';
const EXAMPLE_REQUEST_ID = 'kXwpDESb';
const EXAMPLE_ERROR_CODE = 'GlQhUzvM';

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The schema of each error envelope. */
export const ENVELOPE_SCHEMAS: Readonly<Record<ErrorEnvelope, ZodType>> = {
  standard: responses.ErrorResponse,
  title: responses.TitleErrorResponse,
  errorType: responses.FileImportErrorResponse,
  plain: responses.PlainFailResponse,
};

function pascalCase(operationId: OperationId): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

function statusName(status: number): string {
  const name = STATUS_NAMES[status];
  if (name === undefined) throw new Error(`No response name for status ${status}; add it to STATUS_NAMES.`);
  return name;
}

/**
 * Component name of a row's example for an operation: the row id, or `<rowId>.<operationId>` where
 * the operation has its own placeholder values (its default example names a field it lacks).
 */
export function errorExampleName(row: ErrorRow, operationId: OperationId): string {
  return row.exampleParamsByOperation?.[operationId] ? `${row.id}.${operationId}` : row.id;
}

// Rows every core operation shares at a status, with the same examples, get one reusable response;
// others get per-operation ones.
function sharedExampleNames(status: number): string {
  return errorsForOperation('trackUser', status)
    .filter(
      (row) => row.operations === undefined || coreOperationIds.every((id) => row.operations?.includes(id)),
    )
    .map((row) => errorExampleName(row, 'trackUser'))
    .join(',');
}

/** Component name of an operation's response for a failure status. */
export function errorResponseName(operationId: OperationId, status: number): string {
  const exampleNames = errorsForOperation(operationId, status)
    .map((row) => errorExampleName(row, operationId))
    .join(',');
  const base = statusName(status);
  return exampleNames === sharedExampleNames(status) ? base : `${pascalCase(operationId)}${base}`;
}

/** Component name of an operation's 200 response. */
export function successResponseName(operation: OperationDefinition): string {
  if (operation.successResponse === responses.SuccessResponse) return 'Success';
  return operation.operationId === 'triggerFileImport'
    ? 'FileImportTriggered'
    : `${pascalCase(operation.operationId)}Success`;
}

/** The named example of a catalogue row, with the operation's own placeholder values if it has some. */
export function errorExample(row: ErrorRow, operationId?: OperationId) {
  const params = (operationId && row.exampleParamsByOperation?.[operationId]) ?? row.exampleParams;
  return {
    summary: `${row.status} ${row.type}: ${row.message}`,
    description: row.when,
    value: buildErrorBody(row, {
      requestId: row.envelope === 'title' ? EXAMPLE_ERROR_CODE : EXAMPLE_REQUEST_ID,
      ...(params ? { params } : {}),
    }),
  };
}

/** The response component for the rows an operation answers with at one status. */
export function errorResponse(rows: readonly ErrorRow[], status: number, operationId: OperationId) {
  const envelopes = [...new Set(rows.map((row) => row.envelope))];
  const schemas = envelopes.map((envelope) => schemaRef(ENVELOPE_SCHEMAS[envelope]));
  const bulletList = rows.map((row) => `- \`${row.id}\` (${row.type}): ${row.when}`).join('\n');
  return {
    description: `${status} ${statusName(status).replace(/([a-z])([A-Z])/g, '$1 $2')}.\n\n${bulletList}`,
    headers: RATE_LIMIT_HEADERS,
    content: {
      [JSON_MEDIA_TYPE]: {
        schema: schemas.length === 1 ? schemas[0] : { anyOf: schemas },
        examples: Object.fromEntries(
          rows.map((row) => [
            row.id,
            { $ref: `#/components/examples/${errorExampleName(row, operationId)}` },
          ]),
        ),
      },
    },
  };
}

/** The 200 response component of an operation. */
export function successResponse(operation: OperationDefinition) {
  return {
    description: 'Success.',
    headers: RATE_LIMIT_HEADERS,
    content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(operation.successResponse) } },
  };
}

/** Every example component the error responses cite, by name, once each. */
export function errorExamples(): Map<string, ReturnType<typeof errorExample>> {
  const examples = new Map<string, ReturnType<typeof errorExample>>();
  for (const operationId of operationIds) {
    for (const row of errorsForOperation(operationId)) {
      examples.set(errorExampleName(row, operationId), errorExample(row, operationId));
    }
  }
  return examples;
}
