/**
 * `createEngine`: the emulator behind every adapter (MSW handlers, the node:http server, the CLI).
 */

import { buildErrorBody, getError } from '@moedata/spec/errors';
import { formatRateLimitHeaders, type RateLimitInfo } from '@moedata/spec/rate-limit';
import { PAYLOAD_LIMIT_BYTES, RATE_LIMIT_WINDOW_SECONDS } from '@moedata/spec/rules';
import { cloneJson } from '../store/clone-json.ts';
import { createMemoryStore } from '../store/memory.ts';
import { ownedAccess } from '../store/owned-access.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import type { JsonValue, StoredUser } from '../store/types.ts';
import { parseBasicAuth } from './basic-auth.ts';
import { failureBody } from './error-rows.ts';
import { createFaultInjector } from './faults.ts';
import { moengageIdGenerator, randomRequestId, seededRandom } from './ids.ts';
import { internalKey } from './operations/identity.ts';
import { type Outcome, type PipelineDeps, runPipeline } from './pipeline.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { matchRoute, parseRequestUrl, type RequestUrl } from './routing.ts';
import type { Engine, EngineOptions, EngineRequest, EngineResponse, UserFixture } from './types.ts';
import { createWorkspaceNames } from './workspace-names.ts';
import { createWorkspaceRegistry, resolveWorkspace } from './workspaces.ts';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Header values as `formatRateLimitHeaders` requires them (non-negative integers, a window of at least 1 s). */
function rateLimitHeaders(info: RateLimitInfo): ReturnType<typeof formatRateLimitHeaders> {
  const whole = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);
  return formatRateLimitHeaders({
    limit: whole(info.limit),
    windowSeconds: Math.max(1, whole(info.windowSeconds)),
    remaining: whole(info.remaining),
    resetSeconds: whole(info.resetSeconds),
  });
}

/** Header names lower-cased, whatever the adapter passed (its own object when it already is). */
function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  if (headers === null || typeof headers !== 'object') return {};
  if (isNormalized(headers)) return headers;
  const lowered: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (typeof value === 'string') lowered[name.toLowerCase()] = value;
  }
  return lowered;
}

/** Whether every header name is lower-case and every value a string (what both adapters pass). */
function isNormalized(headers: Record<string, string>): boolean {
  for (const name in headers) {
    if (!Object.hasOwn(headers, name) || typeof headers[name] !== 'string' || name.toLowerCase() !== name) {
      return false;
    }
  }
  return Object.getPrototypeOf(headers) === Object.prototype;
}

/** Path and query of a parsed URL, for the request log. */
function pathAndQuery({ pathname, query }: RequestUrl): string {
  const search = query.size === 0 ? '' : query.toString();
  return search === '' ? pathname : `${pathname}?${search}`;
}

/**
 * The 503 of a store that cannot read or write: the catalogue's envelope (clients retry it like any
 * 503), its message extended with the cause so the caller need not dig through the emulator's log.
 */
function storeUnavailableBody(error: StoreUnavailableError, requestId: string) {
  const row = getError('serviceUnavailable');
  const cause = error.cause instanceof Error ? error.cause.message : error.message;
  const message = `${row.message}: the emulator's store cannot read or write its data right now (${cause}); retry once the disk has room or the file is repaired.`;
  return { status: row.status, body: buildErrorBody({ ...row, message }, { requestId }) };
}

/**
 * Creates an emulator of the MoEngage Data API.
 *
 * @example
 * const engine = createEngine({ workspaces: { DEMO: { apiKey: 'secret' } } });
 * const response = await engine.handle({
 *   method: 'POST',
 *   url: '/v1/customer/DEMO',
 *   headers: { authorization: 'Basic REVNTzpzZWNyZXQ=', 'content-type': 'application/json' },
 *   body: new TextEncoder().encode('{"type":"customer","customer_id":"john","attributes":{"name":"John"}}'),
 * });
 * engine.store.users.get('DEMO', 'john')?.attributes; // { u_n: 'John' }
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const defaults = options.defaults ?? {};
  const clock = options.clock ?? Date;
  const store = options.store ?? createMemoryStore();
  if (options.requestLogLimit !== undefined) store.requestLog.setLimit(options.requestLogLimit);
  const workspaces = createWorkspaceRegistry(options.workspaces, defaults);
  const limiter = createRateLimiter(RATE_LIMIT_WINDOW_SECONDS);
  const faults = createFaultInjector(seededRandom(options.randomSeed ?? 1));
  const newRequestId = options.requestIdGenerator ?? randomRequestId;
  // Random per process, so ids stay unique across restarts over a persistent store.
  const newMoengageId = moengageIdGenerator(() => clock.now());
  const anonymous = () => resolveWorkspace('', {}, defaults);
  const owned = ownedAccess(store);
  const pipelineDeps: PipelineDeps = {
    workspaces,
    store,
    owned,
    limiter,
    faults,
    anonymousRateLimits: () => anonymous().rateLimits,
    anonymousFileImportWindow: () => anonymous().fileImportCooldownSeconds,
    newMoengageId,
    sleep: options.sleep ?? defaultSleep,
    names: createWorkspaceNames(store),
  };

  const toResponse = (outcome: Outcome, requestId: string): EngineResponse => {
    const rateLimit = rateLimitHeaders(outcome.rateLimit);
    return {
      status: outcome.status,
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-limit': rateLimit['x-ratelimit-limit'],
        'x-ratelimit-remaining': rateLimit['x-ratelimit-remaining'],
        'x-ratelimit-reset': rateLimit['x-ratelimit-reset'],
        // The id the body's request_id and the request log carry, also for envelopes without one.
        'x-request-id': requestId,
      },
      body: outcome.body,
    };
  };

  async function handle(request: EngineRequest): Promise<EngineResponse> {
    const now = clock.now();
    const requestId = newRequestId();
    // Adapters are typed, but a JavaScript caller may still pass anything: normalise before the checks.
    const normalized: EngineRequest = {
      method: String(request.method ?? ''),
      url: String(request.url ?? ''),
      headers: lowerCaseHeaders(request.headers),
      body: request.body instanceof Uint8Array ? request.body : null,
      bodyExceededLimit: request.bodyExceededLimit === true,
    };
    // Parsed once: the pipeline routes on it and the request log records it.
    const url = parseRequestUrl(normalized.url);
    const log = (outcome: Outcome) => {
      try {
        owned.addLogEntry({
          requestId,
          workspaceId: outcome.workspaceId,
          operationId: outcome.operationId,
          method: normalized.method.toUpperCase(),
          url: pathAndQuery(url),
          status: outcome.status,
          errorId: outcome.errorId,
          units: outcome.units,
          at: now,
        });
      } catch {
        // The log is for inspection; failing to write it must not change the answer.
      }
    };
    let outcome: Outcome;
    try {
      const verdict = await runPipeline(normalized, url, pipelineDeps, now, requestId);
      // The request's writes and its log entry in one transaction: one commit per request (SQLite).
      outcome = store.transaction(() => {
        const done = typeof verdict === 'function' ? verdict() : verdict;
        log(done);
        return done;
      });
    } catch (error) {
      // Only a bug (500, like the real service's "any other exception") or a failing store (503) gets
      // here, its writes rolled back. The adapter logs `internalError`.
      const unavailable = error instanceof StoreUnavailableError;
      outcome = {
        ...(unavailable
          ? storeUnavailableBody(error, requestId)
          : failureBody({ errorId: 'serverError' }, requestId)),
        rateLimit: limiter.preview(anonymous().rateLimits.trackUser, now),
        operationId: null,
        workspaceId: null,
        errorId: `${unavailable ? 'serviceUnavailable' : 'serverError'}: ${error instanceof Error ? error.message : String(error)}`,
        units: 0,
      };
      log(outcome);
      return { ...toResponse(outcome, requestId), internalError: error };
    }
    return toResponse(outcome, requestId);
  }

  return {
    handle,
    bodyLimit(request) {
      const headers = lowerCaseHeaders(request.headers);
      const credentials = parseBasicAuth(headers.authorization);
      const fromAuth = credentials.ok ? workspaces.get(credentials.username) : undefined;
      if (fromAuth) return fromAuth.payloadLimitBytes;
      const { pathname, query } = parseRequestUrl(request.url);
      const route = matchRoute(request.method, pathname);
      const appId = (route.kind === 'operation' ? route.params.app_id : undefined) ?? query.get('app_id');
      const fromAppId = appId ? workspaces.get(appId) : undefined;
      return fromAppId?.payloadLimitBytes ?? defaults.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    },
    store,
    workspaces,
    setFaults(workspaceId, config) {
      workspaces.update(workspaceId, { faults: config });
    },
    seed(fixtures) {
      const { users, ...rest } = fixtures;
      store.seed({
        ...rest,
        users: (users ?? []).map((fixture) => userFromFixture(fixture, newMoengageId, clock.now())),
      });
      pipelineDeps.names.reset();
    },
    reset() {
      store.reset();
      limiter.reset();
      pipelineDeps.names.reset();
    },
  };
}

/** A stored user from a friendly fixture: write keys become internal keys (`name` → `u_n`). */
function userFromFixture(fixture: UserFixture, newMoengageId: () => string, now: number): StoredUser {
  const attributes = Object.fromEntries(
    Object.entries(fixture.attributes ?? {}).map(([key, value]) => [
      internalKey(key),
      cloneJson((value ?? null) as JsonValue),
    ]),
  );
  return {
    workspaceId: fixture.workspaceId,
    moengageId: fixture.moengageId ?? newMoengageId(),
    customerId: fixture.customerId,
    attributes,
    createdAt: fixture.createdAt ?? now,
    updatedAt: fixture.updatedAt ?? fixture.createdAt ?? now,
  };
}
