/**
 * Which catalogue row an operation answers for a condition. The catalogue holds endpoint-specific
 * wordings documented for one endpoint (e.g. Create Event's "Payload size exceeds 128 KB"); where one
 * exists it wins for that endpoint, and the overview's general row answers everywhere else
 * (decisions/041-mock-endpoint-specific-error-rows.md).
 */
import type { OperationId } from '@moedata/spec';
import { buildErrorBody, type ErrorId, getError } from '@moedata/spec/errors';

/** Endpoint-specific replacements of a general row. */
const ENDPOINT_ROWS: Partial<Record<ErrorId, Partial<Record<OperationId, ErrorId>>>> = {
  authSecretMismatch: { triggerFileImport: 'fileImportAuthInvalid' },
  moeAppKeyMismatch: { triggerFileImport: 'fileImportMoeAppKeyMismatch' },
  invalidAppId: { deleteUser: 'appIdBlocked' },
  accountSuspended: { triggerFileImport: 'blockedClient' },
  payloadTooLarge: { createEvent: 'eventPayloadTooLarge' },
  unsupportedMediaType: { createEvent: 'eventUnsupportedMediaType', mergeUsers: 'mergeContentTypeMissing' },
  rateLimitExceeded: {
    trackDevice: 'customersRateLimitExceeded',
    createEvent: 'customersRateLimitExceeded',
    mergeUsers: 'mergeRateLimitExceeded',
    deleteUser: 'deleteUserRateLimitExceeded',
  },
  serverError: { deleteUser: 'deleteUserServerError', triggerFileImport: 'fileImportServerError' },
};

/**
 * A non-Basic Authorization scheme: Merge Users documents its own row; elsewhere it is one more way
 * of sending undecodable identity information.
 */
const NOT_BASIC: Partial<Record<OperationId, ErrorId>> = { mergeUsers: 'authNotBasic' };

/** The row `operationId` answers for the general condition `generalId`. */
export function rowFor(generalId: ErrorId | 'authNotBasic', operationId: OperationId | undefined): ErrorId {
  if (generalId === 'authNotBasic') {
    return (operationId && NOT_BASIC[operationId]) ?? 'authUndecodable';
  }
  return (operationId && ENDPOINT_ROWS[generalId]?.[operationId]) ?? generalId;
}

/** A failure: the row, its placeholder values and an optional `error.attribute` override. */
export interface Failure {
  errorId: ErrorId;
  params?: Record<string, string>;
  attribute?: string;
}

/** The status and JSON body of a failure, in the row's envelope. */
export function failureBody(failure: Failure, requestId: string): { status: number; body: unknown } {
  const row = getError(failure.errorId);
  return {
    status: row.status,
    body: buildErrorBody(row, {
      requestId,
      ...(failure.params && { params: failure.params }),
      ...(failure.attribute !== undefined && { attribute: failure.attribute }),
    }),
  };
}
