/**
 * The `/_mock/*` JSON endpoints: what the emulator holds (users, events, devices, merges, deletes,
 * drops, request log), and controls for tests over HTTP (reset, seed, workspaces, faults). They live
 * outside the MoEngage paths (`/v1/...`), so they can never shadow a Data API route.
 */
import type { IncomingMessage } from 'node:http';
import { PUBLIC_ATTRIBUTE_NAMES } from '@moedata/spec/rules';
import type { z } from 'zod';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../engine/json-nesting.ts';
import type { Engine, EngineFixtures, ResolvedWorkspace } from '../engine/types.ts';
import type { CollectionName, PageFilter } from '../store/types.ts';
import { ADMIN_TOKEN_HEADER } from './admin-access.ts';
import { readBodyUpTo } from './read-body.ts';
import {
  describeIssues,
  FaultSettingsSchema,
  WorkspaceIdSchema,
  WorkspaceSettingsSchema,
} from './workspace-schema.ts';

/**
 * Users are stored under MoEngage's internal keys (`u_n`) while Get User answers with public names
 * (`name`): every users answer carries this legend so that neither is mistaken for the other.
 */
const ATTRIBUTE_NAMES = {
  storedKeys: 'internal',
  publicNames: PUBLIC_ATTRIBUTE_NAMES,
} as const;

/** The URL prefix of the inspection API. */
export const INSPECTION_PREFIX = '/_mock';

/** Seeding may carry many records; anything larger is refused rather than buffered. */
const INSPECTION_BODY_LIMIT = 10 * 1024 * 1024;

/** A JSON answer of the inspection API. */
export interface InspectionResponse {
  status: number;
  body: unknown;
  /** Instead of `body`: the JSON text in pieces, written as they come (the snapshot). */
  stream?: () => AsyncIterable<string>;
}

/** Records per page when the caller gives no `limit`, and the most a page may hold. */
export const DEFAULT_PAGE_LIMIT = 1000;
export const MAX_PAGE_LIMIT = 5_000;
/** Records per piece of the streamed snapshot: small enough that no piece holds the event loop. */
const SNAPSHOT_PAGE_LIMIT = 500;

/** What the server tells {@link handleInspection} besides the request. */
export interface InspectionOptions {
  /** The admin token, for `GET /_mock/admin-token` (whose callers already passed the origin check). */
  adminToken?: string | undefined;
}

interface RouteContext {
  engine: Engine;
  options: InspectionOptions;
  params: string[];
  query: URLSearchParams;
  readJson: () => Promise<unknown>;
}

interface Route {
  method: string;
  pattern: RegExp;
  summary: string;
  handle: (context: RouteContext) => InspectionResponse | Promise<InspectionResponse>;
}

const ok = (body: unknown): InspectionResponse => ({ status: 200, body });
const fail = (status: number, message: string): InspectionResponse => ({
  status,
  body: { status: 'fail', message },
});

/** A workspace as listed: every setting, but never the API key itself. */
function describeWorkspace(workspace: ResolvedWorkspace) {
  const { apiKey, faults, ...settings } = workspace;
  const jsonFaults = faults && { ...faults, when: faults.when ? 'predicate (set in code)' : undefined };
  return { ...settings, apiKeySet: apiKey !== undefined, faults: jsonFaults };
}

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, what: string): T | InspectionResponse {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  return fail(400, `Invalid ${what}: ${describeIssues(result.error).join('; ')}`);
}

const isFailure = (value: unknown): value is InspectionResponse =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

/** Adds the internal-to-public name legend to a successful answer about stored users. */
function withAttributeNames(response: InspectionResponse): InspectionResponse {
  if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) return response;
  return ok({ ...response.body, attributeNames: ATTRIBUTE_NAMES });
}

const workspaceFilter = (query: URLSearchParams) => query.get('workspace') ?? undefined;

/**
 * One page of a collection as `{ [key]: items, next }`, from `?limit=` (default 1000, at most 5000)
 * and `?cursor=` (a previous page's `next`).
 */
function listPage<K extends CollectionName>(
  engine: Engine,
  collection: K,
  query: URLSearchParams,
  filter: PageFilter = {},
  key: string = collection,
): InspectionResponse {
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? '1') || limit < 1 || limit > MAX_PAGE_LIMIT) {
    return fail(400, `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}; got "${limitText}".`);
  }
  const cursor = query.get('cursor') ?? undefined;
  try {
    const page = engine.store.page(collection, {
      workspaceId: workspaceFilter(query),
      filter,
      cursor,
      limit,
    });
    return ok({ [key]: page.items, next: page.next });
  } catch (error) {
    if (error instanceof RangeError) return fail(400, `${error.message} Start without a cursor.`);
    throw error;
  }
}

const SNAPSHOT_ORDER: readonly CollectionName[] = [
  'users',
  'devices',
  'events',
  'merges',
  'deletes',
  'fileImportRuns',
  'drops',
  'requestLog',
];

/**
 * The snapshot document in pieces: every collection read a page at a time, with a turn of the event
 * loop between pages so other requests are answered while a large store is written out.
 */
async function* snapshotChunks(engine: Engine): AsyncGenerator<string> {
  yield '{';
  for (const [index, collection] of SNAPSHOT_ORDER.entries()) {
    yield `${index === 0 ? '' : ','}${JSON.stringify(collection)}:[`;
    let cursor: string | undefined;
    let first = true;
    do {
      const page = engine.store.page(collection, { limit: SNAPSHOT_PAGE_LIMIT, cursor });
      if (page.items.length > 0) {
        yield (first ? '' : ',') + page.items.map((item) => JSON.stringify(item)).join(',');
        first = false;
      }
      cursor = page.next ?? undefined;
      await new Promise((resolve) => setImmediate(resolve));
    } while (cursor !== undefined);
    yield ']';
  }
  yield '}';
}

const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/health$/,
    summary: 'Liveness: { status: "ok" }',
    handle: () => ok({ status: 'ok' }),
  },
  {
    method: 'GET',
    pattern: /^\/admin-token$/,
    summary: `The token state-changing calls send in ${ADMIN_TOKEN_HEADER} (null when the check is off)`,
    handle: ({ options }) => ok({ header: ADMIN_TOKEN_HEADER, token: options.adminToken ?? null }),
  },
  {
    method: 'GET',
    pattern: /^\/workspaces$/,
    summary: 'Workspaces and their settings (API keys hidden)',
    handle: ({ engine }) => ok({ workspaces: engine.workspaces.list().map(describeWorkspace) }),
  },
  {
    method: 'POST',
    pattern: /^\/workspaces$/,
    summary: 'Add or replace a workspace: { "workspaceId": "ID", "apiKey": "KEY", ...settings }',
    handle: async ({ engine, readJson }) => {
      const body = await readJson();
      const { workspaceId, ...settings } = (typeof body === 'object' && body !== null ? body : {}) as Record<
        string,
        unknown
      >;
      const id = parseOrFail(WorkspaceIdSchema, workspaceId, 'workspaceId');
      if (isFailure(id)) return id;
      const config = parseOrFail(WorkspaceSettingsSchema, settings, 'workspace settings');
      if (isFailure(config)) return config;
      engine.workspaces.add(id, config);
      return {
        status: 201,
        body: { workspace: describeWorkspace(engine.workspaces.get(id) as ResolvedWorkspace) },
      };
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/workspaces\/([^/]+)$/,
    summary: 'Change some settings of a workspace (same fields as POST, all optional)',
    handle: async ({ engine, params, readJson }) => {
      const patch = parseOrFail(WorkspaceSettingsSchema, await readJson(), 'workspace settings');
      if (isFailure(patch)) return patch;
      const id = params[0] as string;
      if (!engine.workspaces.update(id, patch))
        return fail(404, `No workspace ${id}; add it with POST /_mock/workspaces.`);
      return ok({ workspace: describeWorkspace(engine.workspaces.get(id) as ResolvedWorkspace) });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/workspaces\/([^/]+)$/,
    summary: 'Remove a workspace (its stored data stays until reset)',
    handle: ({ engine, params }) =>
      engine.workspaces.remove(params[0] as string)
        ? ok({ status: 'success' })
        : fail(404, `No workspace ${params[0]}; GET /_mock/workspaces lists them.`),
  },
  {
    method: 'GET',
    pattern: /^\/users$/,
    summary:
      'Users as stored, a page at a time (?workspace=ID&limit=1000&cursor=NEXT): { users, next, attributeNames }; ' +
      'attributes are under internal keys, attributeNames maps them to Get User names',
    handle: ({ engine, query }) => withAttributeNames(listPage(engine, 'users', query)),
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/([^/]+)$/,
    summary: 'One user by workspace and customer_id: /_mock/users/ID/CUSTOMER_ID',
    handle: ({ engine, params }) => {
      const [workspaceId, customerId] = params as [string, string];
      const user = engine.store.users.get(workspaceId, customerId);
      return user
        ? ok({ user, attributeNames: ATTRIBUTE_NAMES })
        : fail(404, `No user ${customerId} in workspace ${workspaceId}.`);
    },
  },
  {
    method: 'GET',
    pattern: /^\/events$/,
    summary: 'Events (?workspace=ID&customer_id=&moengage_id=&action=&limit=&cursor=): { events, next }',
    handle: ({ engine, query }) =>
      listPage(engine, 'events', query, {
        customerId: query.get('customer_id') ?? undefined,
        moengageId: query.get('moengage_id') ?? undefined,
        action: query.get('action') ?? undefined,
      }),
  },
  {
    method: 'GET',
    pattern: /^\/devices$/,
    summary: 'Devices (?workspace=ID&moengage_id=&limit=&cursor=): { devices, next }',
    handle: ({ engine, query }) =>
      listPage(engine, 'devices', query, { moengageId: query.get('moengage_id') ?? undefined }),
  },
  {
    method: 'GET',
    pattern: /^\/merges$/,
    summary: 'Applied merges (?workspace=ID&limit=&cursor=): { merges, next }',
    handle: ({ engine, query }) => listPage(engine, 'merges', query),
  },
  {
    method: 'GET',
    pattern: /^\/deletes$/,
    summary: 'Deleted users (?workspace=ID&limit=&cursor=): { deletes, next }',
    handle: ({ engine, query }) => listPage(engine, 'deletes', query),
  },
  {
    method: 'GET',
    pattern: /^\/drops$/,
    summary:
      'Items accepted with 200 but dropped, with the reason (?workspace=ID&limit=&cursor=): { drops, next }',
    handle: ({ engine, query }) => listPage(engine, 'drops', query),
  },
  {
    method: 'GET',
    pattern: /^\/file-imports$/,
    summary: 'Trigger File Imports runs (?workspace=ID&limit=&cursor=): { fileImportRuns, next }',
    handle: ({ engine, query }) => listPage(engine, 'fileImportRuns', query),
  },
  {
    method: 'GET',
    pattern: /^\/requests$/,
    summary:
      'The request log, newest entries up to its limit (?workspace=ID&operation_id=&status=&limit=&cursor=): ' +
      '{ requests, next, limit (entries kept; null = unlimited), evicted (oldest entries dropped, every workspace) }',
    handle: ({ engine, query }) => {
      const status = query.get('status');
      const page = listPage(
        engine,
        'requestLog',
        query,
        {
          operationId: query.get('operation_id') ?? undefined,
          status: status === null ? undefined : Number(status),
        },
        'requests',
      );
      if (page.status !== 200) return page;
      const { requestLog } = engine.store;
      const kept = requestLog.limit();
      return ok({
        ...(page.body as object),
        limit: Number.isFinite(kept) ? kept : null,
        evicted: requestLog.evicted(),
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/snapshot$/,
    summary:
      'Everything the store holds, as one JSON document streamed a page at a time (POST it to /_mock/seed elsewhere)',
    handle: ({ engine }) => ({ status: 200, body: undefined, stream: () => snapshotChunks(engine) }),
  },
  {
    method: 'POST',
    pattern: /^\/seed$/,
    summary: 'Add fixtures: { users?, devices?, events?, ... } (a /_mock/snapshot document works)',
    handle: async ({ engine, readJson }) => {
      const fixtures = await readJson();
      if (typeof fixtures !== 'object' || fixtures === null || Array.isArray(fixtures)) {
        return fail(
          400,
          'Send a JSON object such as { "users": [...] }; GET /_mock/snapshot shows the shape.',
        );
      }
      try {
        engine.seed(fixtures as EngineFixtures);
      } catch (error) {
        return fail(
          400,
          `The fixtures were refused: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return ok({ status: 'success' });
    },
  },
  {
    method: 'POST',
    pattern: /^\/reset$/,
    summary: 'Empty the store and the rate-limit windows (workspaces stay)',
    handle: ({ engine }) => {
      engine.reset();
      return ok({ status: 'success' });
    },
  },
  {
    method: 'GET',
    pattern: /^\/faults$/,
    summary: 'Fault injection per workspace',
    handle: ({ engine }) =>
      ok({
        faults: Object.fromEntries(
          engine.workspaces
            .list()
            .map((workspace) => [workspace.workspaceId, describeWorkspace(workspace).faults ?? null]),
        ),
      }),
  },
  {
    method: 'PUT',
    pattern: /^\/faults\/([^/]+)$/,
    summary: 'Set fault injection: { "rate"?, "nextFailures"?, "status"?, "latencyMs"? }',
    handle: async ({ engine, params, readJson }) => {
      const id = params[0] as string;
      if (!engine.workspaces.has(id))
        return fail(404, `No workspace ${id}; GET /_mock/workspaces lists them.`);
      const faults = parseOrFail(FaultSettingsSchema, await readJson(), 'faults');
      if (isFailure(faults)) return faults;
      engine.setFaults(id, faults);
      return ok({ faults });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/faults\/([^/]+)$/,
    summary: 'Turn fault injection off for a workspace',
    handle: ({ engine, params }) => {
      const id = params[0] as string;
      if (!engine.workspaces.has(id))
        return fail(404, `No workspace ${id}; GET /_mock/workspaces lists them.`);
      engine.setFaults(id, undefined);
      return ok({ status: 'success' });
    },
  },
];

/** The endpoint list `GET /_mock` answers with (and a 404 under `/_mock` repeats). */
function index(): InspectionResponse {
  return ok({
    endpoints: routes.map((route) => ({
      method: route.method,
      path: INSPECTION_PREFIX + route.pattern.source.replace(/^\^|\$$/g, '').replace(/\\\//g, '/'),
      summary: route.summary,
    })),
  });
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const { body, exceeded } = await readBodyUpTo(request, INSPECTION_BODY_LIMIT);
  if (exceeded) throw new InspectionError(413, 'The body is over 10 MB; seed in smaller parts.');
  if (body === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new InspectionError(400, 'The body is not valid JSON.');
  }
  // The same cap as the Data API's bodies: what is seeded is copied and serialised later (decisions/058).
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw new InspectionError(
      400,
      `The body nests deeper than ${MAX_JSON_DEPTH} levels; flatten the fixtures.`,
    );
  }
  return parsed;
}

class InspectionError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Answers one request under `/_mock` (`url.pathname` is the full path, `/_mock/users`): 404 for an
 * unknown endpoint and 405 for a known one with another method, each naming what to use instead.
 */
export async function handleInspection(
  engine: Engine,
  request: IncomingMessage,
  url: URL,
  options: InspectionOptions = {},
): Promise<InspectionResponse> {
  const path = url.pathname.slice(INSPECTION_PREFIX.length).replace(/\/+$/, '');
  if (path === '' && request.method === 'GET') return index();
  const candidates = routes.filter((route) => route.pattern.test(path));
  const route = candidates.find((candidate) => candidate.method === request.method);
  if (!route) {
    if (candidates.length > 0) {
      const allowed = candidates.map((candidate) => candidate.method).join(', ');
      return fail(405, `${request.method} is not supported on ${url.pathname}; use ${allowed}.`);
    }
    return fail(404, `No inspection endpoint ${url.pathname}; GET ${INSPECTION_PREFIX} lists them.`);
  }
  const params: string[] = [];
  for (const part of (route.pattern.exec(path) ?? []).slice(1)) {
    try {
      params.push(decodeURIComponent(part));
    } catch {
      // A malformed escape (`%E0%A4`, `%zz`) is the caller's mistake, not the emulator's.
      return fail(
        400,
        `${url.pathname} has a malformed percent escape in "${part}"; encode the value with encodeURIComponent.`,
      );
    }
  }
  try {
    return await route.handle({
      engine,
      options,
      params,
      query: url.searchParams,
      readJson: () => readJsonBody(request),
    });
  } catch (error) {
    if (error instanceof InspectionError) return fail(error.status, error.message);
    throw error;
  }
}
