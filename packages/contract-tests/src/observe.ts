/**
 * The suite-wide response check: every response the mock produces (seen by the engine wrapper and,
 * for client calls and raw requests, again on the wire) is validated against the document and
 * recorded for the coverage gate. Problems are collected, not thrown inside the request path (a
 * throwing fetch would look like a network error to the client and be retried); the setup file fails
 * the test that caused them, and property tests check them per run so fast-check can shrink.
 */
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  isMoEngageError,
  type MoEngageError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServerError,
  UnsupportedMediaTypeError,
} from '@moedata/client';
import { getError } from '@moedata/spec/errors';
import { record } from './coverage-registry.ts';
import { bodyMatchesRow } from './error-attribution.ts';
import { type ObservedResponse, type ValidationResult, validateResponse } from './response-validator.ts';

const violations: string[] = [];

/** Returns and clears the problems found since the last call. */
export function takeViolations(): string[] {
  return violations.splice(0);
}

/** Adds a problem found outside the response validator (e.g. a wrong error class). */
export function reportViolation(problem: string): void {
  violations.push(problem);
}

/** Validates a response of the mock and records what it proves; `via` says where it was observed. */
export function observeResponse(response: ObservedResponse, via: string): ValidationResult {
  const result = validateResponse(response);
  violations.push(...result.problems.map((problem) => `[${via}] ${problem}`));
  record({
    kind: 'response',
    operationId: result.operationId ?? null,
    status: response.status,
    rowId: result.row?.id ?? null,
    via,
  });
  return result;
}

type ErrorClass = abstract new (...args: never[]) => MoEngageError;

/**
 * The typed error a client must throw for a status (the client's README table). The gate checks
 * every catalogue status has one.
 */
export function expectedErrorClass(status: number): ErrorClass | undefined {
  if (status >= 500 && status <= 599) return ServerError;
  const byStatus: Record<number, ErrorClass> = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    405: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    429: RateLimitedError,
  };
  return byStatus[status];
}

/**
 * Checks an error a client call rejected with: an answer of the mock must surface as the typed class
 * of its status, with the row's type and message, and is recorded as that row surfacing.
 */
export function observeClientError(error: unknown, operationId: string): void {
  if (!isMoEngageError(error) || error.status === undefined || error.response === undefined) return;
  const observed = validateResponse({
    method: 'POST',
    url: error.response.url || 'http://unknown/',
    status: error.status,
    headers: Object.fromEntries(error.response.headers),
    bodyText: JSON.stringify(error.body ?? null),
    operationId,
  });
  const row = observed.row;
  if (!row) return; // The wire check already reported a body that is no row.
  const expected = expectedErrorClass(error.status);
  const where = `${operationId} ${error.status} ${row.id}`;
  if (!expected || !(error instanceof expected)) {
    reportViolation(
      `${where}: the client threw ${error.name}, expected ${expected?.name ?? 'a typed error'}`,
    );
    return;
  }
  const full = getError(row.id);
  const sameType = full.envelope === 'plain' || error.type === full.type;
  const rebuilt = { status: 'fail', error: { type: full.type, message: error.serverMessage ?? '' } };
  const sameMessage = bodyMatchesRow({ ...full, envelope: 'standard' }, rebuilt);
  if (!sameType || !sameMessage) {
    reportViolation(
      `${where}: ${error.name} carries type ${JSON.stringify(error.type)} and message ${JSON.stringify(error.serverMessage)}, ` +
        `not the row's ${JSON.stringify(full.type)} / ${JSON.stringify(full.message)}`,
    );
    return;
  }
  record({ kind: 'surfaced', operationId, rowId: row.id, errorClass: error.name });
}
