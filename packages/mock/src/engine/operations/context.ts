/**
 * What an operation sees while it runs: the authenticated workspace, the store, the request's clock
 * reading and id, and a way to record something accepted but not ingested.
 */
import type { OperationId } from '@moedata/spec';
import { checkAttributeValue, DATA_RULES, type DataRuleName, storedName } from '@moedata/spec/rules';
import { setOwnKey } from '../../store/clone-json.ts';
import type { OwnedAccess } from '../../store/owned-access.ts';
import type { DropReason, JsonValue, Store } from '../../store/types.ts';
import type { Failure } from '../error-rows.ts';
import { ATTRIBUTE_OBJECT_LEVELS, limitAttributeNesting } from '../json-nesting.ts';
import type { UnitBudget } from '../rate-limiter.ts';
import type { ResolvedWorkspace } from '../types.ts';

/** Shared by validation and application. */
export interface OperationContext {
  workspace: ResolvedWorkspace;
  store: Store;
  /**
   * The store without copies, for the writes every request makes: what it returns is shared with the
   * store (copy before changing it), and what it is given belongs to the store afterwards.
   */
  owned: OwnedAccess;
  /** Epoch milliseconds when the request arrived (one reading per request). */
  now: number;
  requestId: string;
  /** The operation the request was sent to (`bulkImport` for its elements). */
  operationId: OperationId;
  /** A fresh MoEngage ID. */
  newMoengageId(): string;
  /** A fresh event id (`<request_id>-<n>`). */
  nextEventId(): string;
  /** The workspace's registered user attribute names (the 256-name quota); add a name when storing it. */
  userAttributeNames(): Set<string>;
  /** The workspace's registered event names (the 512-name quota). */
  eventNames(): Set<string>;
  /** Records an accepted-but-dropped item. */
  drop(reason: DropReason, message: string, path: string, item: unknown): void;
}

/** The result of validating a body beyond its schema: the typed request and its rate-limit demand. */
export type Prepared<T> = { ok: true; request: T; demand: UnitBudget } | { ok: false; failure: Failure };

/** The result of applying a request. */
export type Applied = { ok: true; body: unknown } | { ok: false; failure: Failure };

/** One core operation: validation (schema + rules) and application. */
export interface OperationHandler<T> {
  prepare(body: unknown, context: OperationContext): Prepared<T>;
  apply(request: T, context: OperationContext): Applied;
}

/** The generic success body of the write operations. */
export const accepted = (requestId: string): Applied => ({
  ok: true,
  body: {
    status: 'success',
    message: 'Your request has been accepted and will be processed soon.',
    request_id: requestId,
  },
});

/**
 * A custom attribute value as it is stored: objects nested deeper than MoEngage keeps become their JSON
 * text (decisions/058), and the change is recorded with the value as sent, at `<parentPath>.<key>`. No
 * copy is made: the value comes from the request's own parsed body, and nothing changes it.
 */
export function storedAttribute(
  context: OperationContext,
  key: string,
  value: unknown,
  parentPath: string,
): JsonValue {
  if (value === null || typeof value !== 'object') return value as JsonValue;
  const limited = limitAttributeNesting(value);
  if (limited.changed) {
    context.drop(
      'nestedTooDeep',
      `Attribute '${key}' nests objects more than ${ATTRIBUTE_OBJECT_LEVELS} levels deep: the deeper levels were stored as JSON text, as MoEngage stores them; flatten the value to keep them queryable`,
      joinPath(parentPath, key),
      value,
    );
  }
  return limited.value as JsonValue;
}

/** Records that `rule` changed or dropped what was sent at `path`, with the rule's own wording. */
export function recordRule(
  context: OperationContext,
  rule: DataRuleName,
  subject: string,
  path: string,
  item: unknown,
): void {
  context.drop(rule, `${subject}: ${DATA_RULES[rule]}`, path, item);
}

/**
 * A custom attribute as MoEngage keeps it after the data-type rules of reference §1.7: its name cut to
 * 200 characters, its value truncated or dropped (`undefined`), deeper object levels as JSON text. Each
 * rule applied is recorded under its name at `<parentPath>.<key>`.
 */
export function ruledAttribute(
  context: OperationContext,
  key: string,
  value: unknown,
  parentPath: string,
): { name: string; value: JsonValue } | undefined {
  const path = joinPath(parentPath, key);
  const name = storedName(key);
  if (name !== key) recordRule(context, 'nameTruncated', `Attribute '${name}...'`, path, key);
  const verdict = checkAttributeValue(value);
  if (verdict.action === 'drop') {
    recordRule(context, verdict.rule, `Attribute '${name}' was dropped`, path, value);
    return undefined;
  }
  if (verdict.action === 'store') {
    recordRule(context, verdict.rule, `Attribute '${name}' was changed`, path, value);
    return { name, value: storedAttribute(context, name, verdict.value, parentPath) };
  }
  return { name, value: storedAttribute(context, name, value, parentPath) };
}

/** `elements[2].` for bulk elements, `` at the top level. */
export const joinPath = (prefix: string, path: string) => (prefix === '' ? path : `${prefix}.${path}`);

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype instead). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  setOwnKey(target, key, value);
}
