/**
 * `@moedata/spec/errors`: the Data API error catalogue and helpers to turn a row into a wire body.
 * No runtime dependencies, so the mock and the client can import it anywhere.
 */
import type { OperationId } from '../operation-ids.ts';
import {
  type ErrorEnvelope,
  type ErrorId,
  type ErrorRow,
  type ErrorSource,
  errorCatalog,
} from './catalog.ts';

// The catalogue and its types
export type { ErrorEnvelope, ErrorId, ErrorRow, ErrorSource };
export { errorCatalog };

const rowsById = new Map<string, ErrorRow>(errorCatalog.map((row) => [row.id, row]));

/**
 * The catalogue row with this id.
 * @throws when the id is unknown (only possible from untyped callers).
 */
export function getError(id: ErrorId): ErrorRow {
  const row = rowsById.get(id);
  if (row === undefined) {
    throw new Error(
      `Unknown error id "${String(id)}". Use one of the ids in errorCatalog (e.g. "malformedJson").`,
    );
  }
  return row;
}

/** The rows an operation can answer with, optionally for one status, in catalogue order. */
export function errorsForOperation(operationId: OperationId, status?: number): readonly ErrorRow[] {
  return errorCatalog.filter(
    (row) =>
      (row.operations === undefined || row.operations.includes(operationId)) &&
      (status === undefined || row.status === status),
  );
}

/** The failure statuses an operation documents, ascending. */
export function errorStatusesForOperation(operationId: OperationId): readonly number[] {
  return [...new Set(errorsForOperation(operationId).map((row) => row.status))].sort((a, b) => a - b);
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function fillPlaceholders(template: string, row: ErrorRow, params: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(
        `Error "${row.id}" needs a value for {{${name}}}: pass it in params, e.g. formatErrorMessage(getError('${row.id}'), { ${name}: '...' }).`,
      );
    }
    return value;
  });
}

/**
 * The row's message with its `{{placeholders}}` filled from params.
 * @throws when a placeholder has no value in params.
 * @example formatErrorMessage(getError('attributeWrongType'), { key: 'customer_id', datatype: 'String' })
 * // 'customer_id is expected to be String'
 */
export function formatErrorMessage(row: ErrorRow, params: Readonly<Record<string, string>> = {}): string {
  return fillPlaceholders(row.message, row, params);
}

/** Options for {@link buildErrorBody}. */
export interface ErrorBodyOptions {
  /** Placeholder values for the message and attribute. */
  readonly params?: Readonly<Record<string, string>>;
  /** `error.request_id` (standard envelope) or `code` (title envelope, 5xx only). */
  readonly requestId: string;
  /** Overrides the row's `error.attribute` (standard envelope only). */
  readonly attribute?: string;
}

/** Standard core-API error body. */
export interface StandardErrorBody {
  status: 'fail';
  error: { type: string; message: string; attribute?: string; request_id: string };
}
/** Title/description error body (file imports; some Delete User answers). */
export interface TitleErrorBody {
  status?: 'fail';
  title: string;
  description: string;
  code?: string;
}
/** error_type error body (file-import 400s). */
export interface ErrorTypeErrorBody {
  status: 'fail';
  error_type: string;
  message: string;
}
/** Plain error body (file-import 404/405). */
export interface PlainErrorBody {
  status: 'fail';
  message: string;
}
/** Any documented error body. */
export type ErrorBody = StandardErrorBody | TitleErrorBody | ErrorTypeErrorBody | PlainErrorBody;

/**
 * The JSON body the API sends for a row, in the row's envelope.
 * @example buildErrorBody(getError('malformedJson'), { requestId: 'kXwpDESb' })
 */
export function buildErrorBody(row: ErrorRow, options: ErrorBodyOptions): ErrorBody {
  const params = options.params ?? {};
  const message = formatErrorMessage(row, params);
  switch (row.envelope) {
    case 'standard': {
      const attributeTemplate = options.attribute ?? row.attribute;
      const attribute =
        attributeTemplate === undefined
          ? {}
          : { attribute: fillPlaceholders(attributeTemplate, row, params) };
      return {
        status: 'fail',
        error: { type: row.type, message, ...attribute, request_id: options.requestId },
      };
    }
    case 'title':
      // Exactly the fields MoEngage's examples show: file imports send no status and a code on 5xx
      // only; Delete User sends a status and never a code.
      if (!row.operations?.includes('triggerFileImport')) {
        return { status: 'fail', title: row.type, description: message };
      }
      return row.status >= 500
        ? { title: row.type, description: message, code: options.requestId }
        : { title: row.type, description: message };
    case 'errorType':
      return { status: 'fail', error_type: row.type, message };
    case 'plain':
      return { status: 'fail', message };
  }
}
