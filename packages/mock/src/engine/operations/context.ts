/**
 * What an operation sees while it runs: the authenticated workspace, the store, the request's clock
 * reading and id, and a way to record something accepted but not ingested.
 */
import type { OperationId } from '@moedata/spec';
import type { DropReason, JsonValue, Store } from '../../store/types.ts';
import type { Failure } from '../error-rows.ts';
import type { UnitBudget } from '../rate-limiter.ts';
import type { ResolvedWorkspace } from '../types.ts';

/** Shared by validation and application. */
export interface OperationContext {
  workspace: ResolvedWorkspace;
  store: Store;
  /** Epoch milliseconds when the request arrived (one reading per request). */
  now: number;
  requestId: string;
  /** The operation the request was sent to (`bulkImport` for its elements). */
  operationId: OperationId;
  /** A fresh MoEngage ID. */
  newMoengageId(): string;
  /** A fresh event id (`<request_id>-<n>`). */
  nextEventId(): string;
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

/** Converts an arbitrary value to JSON (drops record what was sent; `undefined` becomes `null`). */
export function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** `elements[2].` for bulk elements, `` at the top level. */
export const joinPath = (prefix: string, path: string) => (prefix === '' ? path : `${prefix}.${path}`);

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype instead). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
