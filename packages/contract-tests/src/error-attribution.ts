/**
 * Which error-catalogue row a failure body on the wire is: the row whose status, envelope, type and
 * message (placeholders as wildcards) match. This reads only what a caller of the real API would
 * see, so a mock that logs one row and sends another is caught.
 */
import type { ErrorRow } from '@moedata/spec/errors';
import { errorCatalog } from '@moedata/spec/errors';

/** The fields every envelope reduces to. */
interface WireError {
  type: string | undefined;
  message: string | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a body in one envelope; undefined when the body is not in that envelope. */
function readEnvelope(row: ErrorRow, body: unknown): WireError | undefined {
  if (!isObject(body)) return undefined;
  switch (row.envelope) {
    case 'standard':
      return isObject(body.error)
        ? { type: body.error.type as string, message: body.error.message as string }
        : undefined;
    case 'title':
      return typeof body.title === 'string'
        ? { type: body.title, message: body.description as string }
        : undefined;
    case 'errorType':
      return typeof body.error_type === 'string'
        ? { type: body.error_type, message: body.message as string }
        : undefined;
    case 'plain':
      // The plain envelope has no type: the row's type is the HTTP reason, informational only.
      return typeof body.message === 'string' && !('error' in body) && !('error_type' in body)
        ? { type: row.type, message: body.message }
        : undefined;
  }
}

const templateCache = new Map<string, RegExp>();

/** `'{{key}} is expected to be {{datatype}}'` → a regex with each placeholder as a wildcard. */
function templatePattern(template: string): RegExp {
  let pattern = templateCache.get(template);
  if (!pattern) {
    const source = template
      .split(/\{\{\w+\}\}/)
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*');
    pattern = new RegExp(`^${source}$`);
    templateCache.set(template, pattern);
  }
  return pattern;
}

/** How much fixed text a template has: the more, the more specific the row. */
const literalLength = (template: string) => template.replace(/\{\{\w+\}\}/g, '').length;

/** Whether the body is this row, as sent on the wire. */
export function bodyMatchesRow(row: ErrorRow, body: unknown): boolean {
  const wire = readEnvelope(row, body);
  return (
    wire !== undefined &&
    wire.type === row.type &&
    typeof wire.message === 'string' &&
    templatePattern(row.message).test(wire.message)
  );
}

/** Options of {@link attributeErrorRow}. */
export interface AttributionContext {
  /** The operation the request was for; undefined for a route no operation has. */
  operationId: string | undefined;
  status: number;
  body: unknown;
  /** Only these rows may match (the document's examples for this operation and status). */
  allowedRowIds?: readonly string[] | undefined;
}

/**
 * The catalogue row a failure body is, or undefined when none matches. When several match (a
 * template such as `{{key}} is not found in the payload` also matches `customer_id is not found in
 * the payload`), the one with the most fixed text wins.
 */
export function attributeErrorRow(context: AttributionContext): ErrorRow | undefined {
  const candidates = errorCatalog.filter(
    (row) =>
      row.status === context.status &&
      (context.operationId === undefined ||
        row.operations === undefined ||
        (row.operations as readonly string[]).includes(context.operationId)) &&
      (context.allowedRowIds === undefined || context.allowedRowIds.includes(row.id)) &&
      bodyMatchesRow(row, context.body),
  );
  return candidates.sort((a, b) => literalLength(b.message) - literalLength(a.message))[0];
}
