/**
 * Test helpers for the engine's behaviour tests: a fake clock, two workspaces and one-line requests.
 * (Excluded from the build by tsconfig.build.json.)
 */
import { type OperationId, operations } from '@moedata/spec';
import { basicAuthHeader } from '../basic-auth.ts';
import { createEngine } from '../engine.ts';
import type { Engine, EngineOptions, EngineResponse, WorkspaceConfig } from '../types.ts';

/** 2024-01-15T12:00:00Z: the start of a rate-limit window. */
export const T0 = Date.UTC(2024, 0, 15, 12, 0, 0);

/** A clock tests move by hand. */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

export const WS1 = 'WS1';
export const KEY1 = 'key-one-secret';
export const WS2 = 'WS2';
export const KEY2 = 'key-two-secret';

/** How to send one request; everything defaults to a valid call as WS1. */
export interface Call {
  method?: string;
  /** Defaults to the operation's path for `as` (app_id in path or query, schedule id `SCHEDULE1`). */
  path?: string;
  /** Credentials; `null` sends no Authorization header. */
  as?: readonly [string, string] | null;
  headers?: Record<string, string | undefined>;
  /** An object is JSON-encoded; a string is sent as is; `null` sends no body. */
  body?: unknown;
  bodyExceededLimit?: boolean;
}

/** The engine under test with its clock, and helpers to call it. */
export interface Harness {
  engine: Engine;
  clock: FakeClock;
  /** Sends a request to an operation. */
  send(operationId: OperationId, call?: Call): Promise<EngineResponse>;
  /** The standard error body's `error` object of a response. */
  errorOf(response: EngineResponse): {
    type: string;
    message: string;
    attribute?: string;
    request_id: string;
  };
}

/** The default path of an operation for a workspace. */
export function pathFor(operationId: OperationId, workspaceId: string, scheduleId = 'SCHEDULE1'): string {
  const operation = operations[operationId];
  if (operation.appIdIn === 'path') return operation.path.replace('{app_id}', workspaceId);
  if (operation.appIdIn === 'query') return `${operation.path}?app_id=${workspaceId}`;
  return operation.path.replace('{schedule_id}', scheduleId);
}

/** Creates an engine with WS1 and WS2 (plus `workspaces`), a fake clock and counting request ids. */
export function harness(
  options: Omit<EngineOptions, 'workspaces'> & { workspaces?: Record<string, WorkspaceConfig> } = {},
): Harness {
  const clock = fakeClock();
  let requests = 0;
  const engine = createEngine({
    clock,
    requestIdGenerator: () => `req${++requests}`,
    sleep: async () => {},
    ...options,
    workspaces: { [WS1]: { apiKey: KEY1 }, [WS2]: { apiKey: KEY2 }, ...options.workspaces },
  });
  return {
    engine,
    clock,
    async send(operationId, call = {}) {
      const as = call.as === undefined ? ([WS1, KEY1] as const) : call.as;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) headers.authorization = basicAuthHeader(as[0], as[1]);
      if (operationId === 'triggerFileImport' && as) headers['moe-appkey'] = as[0];
      for (const [name, value] of Object.entries(call.headers ?? {})) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      const body =
        call.body === undefined || call.body === null
          ? null
          : call.body instanceof Uint8Array
            ? call.body
            : new TextEncoder().encode(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
      return engine.handle({
        method: call.method ?? 'POST',
        url: call.path ?? pathFor(operationId, as?.[0] ?? WS1),
        headers,
        body,
        ...(call.bodyExceededLimit !== undefined && { bodyExceededLimit: call.bodyExceededLimit }),
      });
    },
    errorOf(response) {
      return (
        response.body as { error: { type: string; message: string; attribute?: string; request_id: string } }
      ).error;
    },
  };
}

/** Minimal valid bodies per operation. */
export const validBodies: Record<Exclude<OperationId, 'triggerFileImport'>, unknown> = {
  trackUser: { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
  getUser: { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'john' }] } },
  mergeUsers: { merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] },
  deleteUser: { identity_type: 'customer_id', identity_value: 'john' },
  trackDevice: {
    type: 'device',
    customer_id: 'john',
    device_id: 'device-1',
    attributes: { platform: 'ANDROID', push_id: 'token-1' },
  },
  createEvent: { type: 'event', customer_id: 'john', actions: [{ action: 'Purchased' }] },
  bulkImport: { type: 'transition', elements: [{ type: 'customer', customer_id: 'john' }] },
};
