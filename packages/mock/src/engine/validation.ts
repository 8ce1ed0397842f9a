/**
 * Body validation with the spec's zod schemas, each zod issue answered with its catalogue row:
 * a missing field → "… is not found in the payload", a wrong type → the overview's
 * "{{key}} is expected to be {{datatype}}", an empty string or array → "… can not be empty …", and so on.
 * Only the first issue is reported, like the real service.
 */
import type { OperationId } from '@moedata/spec';
import type { Failure } from './error-rows.ts';
import { acceptorFor } from './fast-accept.ts';

/** The part of a zod issue this module reads (kept structural so the mock needs no direct zod import). */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  expected?: string;
  values?: readonly unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  note?: string;
  discriminator?: string;
  errors?: SchemaIssue[][];
}

/** Anything with zod's `safeParse`. */
export interface SafeParser<T = unknown> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: SchemaIssue[] } };
}

/** The result of {@link validateBody}. */
export type Validation<T> = { ok: true; data: T } | { ok: false; failure: Failure; issue: SchemaIssue };

const DATATYPE_NAMES: Record<string, string> = {
  string: 'String',
  number: 'Number',
  int: 'Integer',
  boolean: 'Boolean',
  array: 'Array',
  object: 'Object',
  record: 'Object',
};

/** The value at a path, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

/** The field a message names: the last string step of the path (`actions[0].action` → `action`). */
function fieldName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i -= 1) {
    if (typeof path[i] === 'string') return path[i] as string;
  }
  return 'body';
}

const datatypeOf = (expected: string | undefined) =>
  (expected && DATATYPE_NAMES[expected]) ?? expected ?? 'valid';

const quoteList = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** "Number or String" for a union whose every branch failed (a literal branch reads `one of "true", "false"`). */
function unionDatatype(issue: SchemaIssue): string {
  const names = (issue.errors ?? [])
    .map((branch) => branch[0])
    .filter((first): first is SchemaIssue => first !== undefined && first.path.length === 0)
    .map((first) =>
      first.code === 'invalid_value' ? `one of ${quoteList(first.values ?? [])}` : datatypeOf(first.expected),
    );
  return names.length > 0 ? [...new Set(names)].join(' or ') : 'valid';
}

/** Maps one zod issue to its catalogue row. `body` is the parsed JSON the issue's path points into. */
export function issueToFailure(issue: SchemaIssue, body: unknown, operationId: OperationId): Failure {
  const key = fieldName(issue.path);
  const value = valueAt(body, issue.path);
  const atRoot = issue.path.length === 1;
  const inBulkElement =
    operationId === 'bulkImport' && issue.path[0] === 'elements' && issue.path.length >= 3;

  // A discriminated union (Bulk Import elements) whose `type` matches no option.
  if (issue.code === 'invalid_union' && issue.note === 'No matching discriminator') {
    return { errorId: 'bulkElementType' };
  }
  // A missing enum-valued field (`type`, `identity_type`) is missing, not a wrong value.
  if (
    value === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')
  ) {
    return missingField(issue.path, key, operationId, inBulkElement);
  }
  // Create Event documents Malformed JSON for a non-object action and a non-string action name.
  if (
    issue.code === 'invalid_type' &&
    (isActionElement(issue.path) || (key === 'action' && isAction(issue.path)))
  ) {
    return { errorId: 'malformedJson' };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (operationId === 'mergeUsers' && key === 'merged_user') return { errorId: 'mergedUserWrongType' };
      return { errorId: 'attributeWrongType', params: { key, datatype: datatypeOf(issue.expected) } };
    case 'invalid_union':
      return { errorId: 'attributeWrongType', params: { key, datatype: unionDatatype(issue) } };
    case 'invalid_value':
      if (key === 'type' && (atRoot || (inBulkElement && issue.path.length === 3))) {
        return inBulkElement
          ? { errorId: 'bulkElementType' }
          : { errorId: 'invalidType', params: { expected: String(issue.values?.[0]) } };
      }
      return {
        errorId: 'attributeWrongType',
        params: { key, datatype: `one of ${quoteList(issue.values ?? [])}` },
      };
    case 'invalid_format':
      if (key === 'platform') return { errorId: 'invalidPlatform' };
      return {
        errorId: 'attributeWrongType',
        params: { key, datatype: 'a String in the documented format' },
      };
    case 'too_small':
      return inBulkElement && (issue.origin === 'string' || issue.origin === 'array')
        ? {
            errorId: 'bulkElementFieldEmpty',
            params: { key, datatype: issue.origin === 'string' ? 'Unicode string' : 'array' },
          }
        : tooSmall(issue, key);
    case 'too_big':
      return tooBig(issue, key);
    default:
      return { errorId: 'attributeWrongType', params: { key, datatype: 'valid' } };
  }
}

/**
 * The row for a missing field, in the wording each endpoint documents: Track Device quotes the name
 * (`'push_id' is not found in payload` for the fields inside `attributes`), Bulk Import elements
 * open with an apostrophe (`'customer_id not found in the payload`), the rest name it plainly.
 */
function missingField(
  path: readonly PropertyKey[],
  key: string,
  operationId: OperationId,
  inBulkElement: boolean,
): Failure {
  if (inBulkElement) return { errorId: 'bulkElementFieldMissing', params: { key } };
  if (operationId === 'trackDevice') {
    return { errorId: path.length > 1 ? 'deviceAttributeMissing' : 'deviceFieldMissing', params: { key } };
  }
  return key === 'customer_id'
    ? { errorId: 'customerIdMissing' }
    : { errorId: 'fieldMissing', params: { key } };
}

function tooSmall(issue: SchemaIssue, key: string): Failure {
  if (issue.origin === 'string') {
    if (key === 'customer_id') return { errorId: 'customerIdEmpty' };
    return { errorId: 'fieldEmpty', params: { key, datatype: 'Unicode String' } };
  }
  if (issue.origin === 'array') {
    if (key === 'elements') return { errorId: 'bulkElementsEmpty' };
    return { errorId: 'fieldEmpty', params: { key, datatype: 'Array' } };
  }
  return {
    errorId: 'attributeWrongType',
    params: { key, datatype: `a Number of at least ${issue.minimum}` },
  };
}

function tooBig(issue: SchemaIssue, key: string): Failure {
  if (issue.origin === 'array' && key === 'identifiers') return { errorId: 'getUserLimitBreached' };
  if (issue.origin === 'array' && key === 'merge_data') return { errorId: 'mergeLimitBreached' };
  const what = issue.origin === 'number' ? 'a Number of at most' : `${datatypeOf(issue.origin)} of at most`;
  return { errorId: 'attributeWrongType', params: { key, datatype: `${what} ${issue.maximum}` } };
}

/** `actions[i]` itself (Create Event) or `elements[j].actions[i]` (Bulk Import). */
function isActionElement(path: readonly PropertyKey[]): boolean {
  return path.at(-2) === 'actions' && typeof path.at(-1) === 'number';
}

/** `…actions[i].action`. */
function isAction(path: readonly PropertyKey[]): boolean {
  return path.at(-3) === 'actions' && typeof path.at(-2) === 'number';
}

/** Validates `body` with `schema`; on failure answers the first issue's row. */
export function validateBody<T>(
  schema: SafeParser<T>,
  body: unknown,
  operationId: OperationId,
): Validation<T> {
  // The spec's request schemas neither transform nor default, so the validated input is the data; using it
  // (not zod's output copy) keeps every key as sent, `__proto__` included. A body the acceptor vouches
  // for skips zod's copy altogether.
  if (acceptorFor(schema)(body)) return { ok: true, data: body as T };
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: body as T };
  const issue = result.error.issues[0] as SchemaIssue;
  return { ok: false, failure: issueToFailure(issue, body, operationId), issue };
}
