/**
 * One request through the check order of decisions.md (first failure wins):
 * route (404/405) → auth (401, 409 key not set) → app_id present / known / equal to the username
 * (400, 400, 409) → MOE-APPKEY (401) → account state (400/403) → injected faults (5xx) →
 * Content-Type (400/415) → size (413) → empty body (400) → JSON (400) → schema and rules (400) →
 * rate limit (429) → the operation. Trigger File Imports takes no body: after the faults it checks only
 * a body sent anyway (415, 413), then its schedule rules.
 */
import type { OperationId } from '@moedata/spec';
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { OwnedAccess } from '../store/owned-access.ts';
import type { JsonValue, Store } from '../store/types.ts';
import {
  authenticate,
  checkAccountState,
  checkAppId,
  checkContentType,
  checkMoeAppKey,
  checkUnexpectedBody,
  readJsonBody,
} from './checks.ts';
import { type Failure, failureBody, rowFor } from './error-rows.ts';
import type { FaultInjector } from './faults.ts';
import { bulkImport } from './operations/bulk-import.ts';
import type { OperationContext, OperationHandler } from './operations/context.ts';
import { createEvent } from './operations/create-event.ts';
import { deleteUser } from './operations/delete-user.ts';
import { getUser } from './operations/get-user.ts';
import { mergeUsers } from './operations/merge-users.ts';
import { trackDevice } from './operations/track-device.ts';
import { trackUser } from './operations/track-user.ts';
import { scheduleRateLimit, triggerFileImport } from './operations/trigger-file-import.ts';
import type { RateLimiter, UnitBudget } from './rate-limiter.ts';
import { matchRoute, type RequestUrl } from './routing.ts';
import type {
  EngineRequest,
  FaultStatus,
  RateLimits,
  ResolvedWorkspace,
  WorkspaceRegistry,
} from './types.ts';
import type { WorkspaceNames } from './workspace-names.ts';

/** The handlers of the operations that take a JSON body. */
const HANDLERS: Record<Exclude<OperationId, 'triggerFileImport'>, OperationHandler<unknown>> = {
  trackUser,
  getUser,
  mergeUsers,
  deleteUser,
  trackDevice,
  createEvent,
  bulkImport,
};

const FAULT_ROWS: Record<
  FaultStatus,
  'serverError' | 'badGateway' | 'serviceUnavailable' | 'gatewayTimeout'
> = {
  500: 'serverError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};

/** What the pipeline needs from the engine. */
export interface PipelineDeps {
  workspaces: WorkspaceRegistry;
  store: Store;
  owned: OwnedAccess;
  limiter: RateLimiter;
  faults: FaultInjector;
  /** Default budgets, for headers of requests that never authenticated. */
  anonymousRateLimits: () => RateLimits;
  anonymousFileImportWindow: () => number;
  newMoengageId: () => string;
  sleep: (ms: number) => Promise<void>;
  names: WorkspaceNames;
}

/** The result of one request, before it becomes an `EngineResponse`. */
export interface Outcome {
  status: number;
  body: unknown;
  rateLimit: RateLimitInfo;
  operationId: OperationId | null;
  workspaceId: string | null;
  errorId: string | null;
  units: number;
}

const scopes = new Map<string, Map<OperationId, string>>();

/**
 * The rate-limit scope of a workspace's operation. The same string object every time: a Map lookup
 * with a freshly concatenated key would flatten and hash it on every request.
 */
function scopeOf(workspaceId: string, operationId: OperationId): string {
  let byOperation = scopes.get(workspaceId);
  if (!byOperation) {
    byOperation = new Map();
    scopes.set(workspaceId, byOperation);
  }
  let scope = byOperation.get(operationId);
  if (scope === undefined) {
    scope = `${workspaceId}\u0000${operationId}`;
    byOperation.set(operationId, scope);
  }
  return scope;
}

/**
 * The write that completes a request that passed every check, returning its outcome. The engine runs
 * it inside the store transaction that also logs the request: one commit per request.
 */
export type PendingWrite = () => Outcome;

/**
 * Runs the check order: the outcome of a request that failed a check, or the write that completes
 * one that passed them all. Only a bug or a failing store can make it (or the write) throw.
 */
export async function runPipeline(
  request: EngineRequest,
  { pathname, query }: RequestUrl,
  deps: PipelineDeps,
  now: number,
  requestId: string,
): Promise<Outcome | PendingWrite> {
  const route = matchRoute(request.method, pathname);
  const anonymous = (operationId: OperationId | null): RateLimitInfo =>
    operationId === 'triggerFileImport'
      ? { limit: 1, windowSeconds: deps.anonymousFileImportWindow(), remaining: 1, resetSeconds: 0 }
      : deps.limiter.preview(deps.anonymousRateLimits()[operationId ?? 'trackUser'], now);
  const outcome = (
    failure: Failure,
    rateLimit: RateLimitInfo,
    operationId: OperationId | null,
    workspaceId: string | null,
  ) => failed(failure, rateLimit, operationId, workspaceId, requestId);

  if (route.kind === 'notFound') return outcome({ errorId: 'routeNotFound' }, anonymous(null), null, null);
  if (route.kind === 'methodNotAllowed') {
    return outcome({ errorId: 'methodNotAllowed' }, anonymous(route.operationId), route.operationId, null);
  }
  const { operationId, params } = route;
  const auth = authenticate(request.headers, deps.workspaces, operationId, request.url);
  if (!auth.ok) return outcome(auth.failure, anonymous(operationId), operationId, null);
  const workspace = auth.workspace;
  const workspaceId = workspace.workspaceId;
  const context = operationContext(workspace, deps, now, requestId, operationId);
  const limits = workspace.rateLimits[operationId];
  const current = () =>
    operationId === 'triggerFileImport'
      ? scheduleRateLimit(context, params.schedule_id ?? '')
      : deps.limiter.peek(scopeOf(workspaceId, operationId), limits, now);

  const early =
    checkAppId(operationId, params, query, workspace, deps.workspaces) ??
    checkMoeAppKey(operationId, request.headers, workspace) ??
    checkAccountState(operationId, workspace);
  if (early) return outcome(early, current(), operationId, workspaceId);

  if (workspace.faults !== undefined) {
    const fault = deps.faults.decide(workspace.faults, {
      operationId,
      workspaceId,
      method: request.method,
      url: request.url,
      headers: request.headers,
    });
    if (fault.latencyMs > 0) await deps.sleep(fault.latencyMs);
    if (fault.failWith !== undefined) {
      return outcome(
        { errorId: rowFor(FAULT_ROWS[fault.failWith], operationId) },
        current(),
        operationId,
        workspaceId,
      );
    }
  }

  if (operationId === 'triggerFileImport') {
    const bodyProblem = checkUnexpectedBody(operationId, request, workspace.payloadLimitBytes);
    if (bodyProblem) return outcome(bodyProblem, current(), operationId, workspaceId);
    return () => {
      const triggered = triggerFileImport(context, params.schedule_id ?? '');
      return triggered.result.ok
        ? succeeded(triggered.result.body, triggered.rateLimit, operationId, workspaceId, 1)
        : outcome(triggered.result.failure, triggered.rateLimit, operationId, workspaceId);
    };
  }

  const late = checkContentType(operationId, request.headers);
  if (late) return outcome(late, current(), operationId, workspaceId);
  const read = readJsonBody(operationId, request, workspace.payloadLimitBytes);
  if (!read.ok) return outcome(read.failure, current(), operationId, workspaceId);

  const handler = HANDLERS[operationId];
  const prepared = handler.prepare(read.body, context);
  if (!prepared.ok) return outcome(prepared.failure, current(), operationId, workspaceId);

  const decision = deps.limiter.consume(scopeOf(workspaceId, operationId), limits, prepared.demand, now);
  if (!decision.allowed) {
    return outcome(
      { errorId: rowFor('rateLimitExceeded', operationId) },
      decision.info,
      operationId,
      workspaceId,
    );
  }
  let units = 0;
  for (const unit in prepared.demand) units += prepared.demand[unit as keyof UnitBudget] ?? 0;
  return () => {
    const applied = handler.apply(prepared.request, context);
    return applied.ok
      ? succeeded(applied.body, decision.info, operationId, workspaceId, units)
      : outcome(applied.failure, decision.info, operationId, workspaceId);
  };
}

function operationContext(
  workspace: ResolvedWorkspace,
  deps: PipelineDeps,
  now: number,
  requestId: string,
  operationId: OperationId,
): OperationContext {
  let eventCount = 0;
  return {
    workspace,
    store: deps.store,
    owned: deps.owned,
    now,
    requestId,
    operationId,
    newMoengageId: deps.newMoengageId,
    nextEventId: () => `${requestId}-${eventCount++}`,
    userAttributeNames: () => deps.names.userAttributes(workspace.workspaceId),
    eventNames: () => deps.names.eventNames(workspace.workspaceId),
    drop: (reason, message, path, item) =>
      deps.owned.addDrop({
        workspaceId: workspace.workspaceId,
        requestId,
        operationId,
        reason,
        message,
        path,
        // As sent (the request's own parsed body, never changed); `undefined` (nothing sent) is null.
        item: item === undefined ? null : (item as JsonValue),
        at: now,
      }),
  };
}

function succeeded(
  body: unknown,
  rateLimit: RateLimitInfo,
  operationId: OperationId,
  workspaceId: string,
  units: number,
): Outcome {
  return { status: 200, body, rateLimit, operationId, workspaceId, errorId: null, units };
}

function failed(
  failure: Failure,
  rateLimit: RateLimitInfo,
  operationId: OperationId | null,
  workspaceId: string | null,
  requestId: string,
): Outcome {
  return {
    ...failureBody(failure, requestId),
    rateLimit,
    operationId,
    workspaceId,
    errorId: failure.errorId,
    units: 0,
  };
}
