import {
  type DefaultBodyType,
  type HttpHandler,
  type HttpResponseResolver,
  http,
  type PathParams,
} from 'msw';
import type { CorsOrigins } from '../engine/cors.ts';
import { createEngine } from '../engine/engine.ts';
import { API_ROOTS } from '../engine/routing.ts';
import type { Engine, EngineOptions } from '../engine/types.ts';
import { type CreateMswHandlersResult, createMswHandlers } from '../generated/msw.gen.ts';
import { answerWithEngine } from './engine-bridge.ts';
import { allMoengageOrigins, parseBaseUrl } from './hosts.ts';

/** Options of {@link createHandlers}. */
export interface CreateHandlersOptions {
  /**
   * Also answer on this base URL, with both path sets (core and file imports), e.g. the `baseUrl`
   * your client is configured with. A path prefix is allowed (`http://localhost:3000/moengage`).
   */
  baseUrl?: string;
  /**
   * Answer on the real MoEngage hosts of every data center
   * (`api-{dc}.moengage.com` and `fileimports-data-api-{dc}.moengage.com`).
   * @default true
   */
  moengageHosts?: boolean;
  /**
   * Browser origins whose calls are answered with CORS headers, and whose preflights (`OPTIONS`) get
   * 204, as the standalone server's `--cors-origin` does; others get 403 to a preflight. Matters under
   * happy-dom, jsdom and in real browsers, where the page's origin differs from MoEngage's hosts.
   * @default '*' (any origin, echoed back)
   */
  corsOrigins?: CorsOrigins;
}

type Overrides = NonNullable<NonNullable<Parameters<CreateMswHandlersResult['all']>[0]>['pick']>;

interface Target {
  origin: string;
  pathPrefix: string;
  /** Paths the catch-all covers: the whole MoEngage host, or only the API roots on a custom base URL. */
  catchAllPaths: string[];
}

/** A custom base URL's catch-all covers only the API roots (`/v1/*`, `/v1.0/*`), so a page and its
 * assets served from the same origin are never swallowed. */
const apiRootPatterns = () => API_ROOTS.map((root) => `${root}/*`);

function targetsOf(options: CreateHandlersOptions): Target[] {
  const targets: Target[] = [];
  if (options.moengageHosts ?? true) {
    for (const origin of allMoengageOrigins())
      targets.push({ origin, pathPrefix: '', catchAllPaths: ['/*'] });
  }
  if (options.baseUrl !== undefined) {
    const { base, pathPrefix } = parseBaseUrl(options.baseUrl);
    targets.push({ origin: base, pathPrefix, catchAllPaths: apiRootPatterns() });
  }
  return targets;
}

/**
 * MSW request handlers that answer every Data API operation from the engine, on the MoEngage hosts
 * of every data center and on an optional custom `baseUrl`.
 *
 * Built on the typed per-operation factories that `@hey-api/openapi-ts` generates from the spec
 * (`src/generated/msw.gen.ts`, most specific route first), each given a resolver that hands the
 * request to the engine, so every status (401, 413, 429, ...) comes from the same engine as the
 * standalone server. A catch-all per host follows, so an unknown route or method gets the engine's
 * 404/405 instead of escaping to the network (on a custom `baseUrl` only under `/v1/*` and `/v1.0/*`).
 *
 * @example
 * const engine = createEngine({ workspaces: { DEMO: { apiKey: 'secret' } } });
 * const server = setupServer(...createHandlers(engine));
 * server.listen({ onUnhandledFrame: 'error' });
 */
export function createHandlers(engine: Engine, options: CreateHandlersOptions = {}): HttpHandler[] {
  const operationHandlers: HttpHandler[] = [];
  const catchAllHandlers: HttpHandler[] = [];

  for (const target of targetsOf(options)) {
    const resolver: HttpResponseResolver<PathParams, DefaultBodyType> = ({ request }) =>
      answerWithEngine(request, engine, target.pathPrefix, options.corsOrigins);
    const factories = createMswHandlers({ baseUrl: target.origin });
    // The generated factories are the list of operations (derived from openapi.json): each gets the resolver.
    const overrides = Object.fromEntries(
      Object.keys(factories.pick).map((operationId) => [operationId, resolver]),
    );
    operationHandlers.push(...factories.all({ pick: overrides as Overrides }));
    for (const path of target.catchAllPaths)
      catchAllHandlers.push(http.all(`${target.origin}${path}`, resolver));
  }
  // MSW uses the first handler that matches: every operation route before any catch-all.
  return [...operationHandlers, ...catchAllHandlers];
}

/**
 * What the MSW setups of Node and the browser start from: the given engine, or one created from the
 * engine options, and the handlers that serve it where `baseUrl` and `moengageHosts` say.
 */
export function engineAndHandlers(options: EngineOptions & CreateHandlersOptions & { engine?: Engine }): {
  engine: Engine;
  handlers: HttpHandler[];
} {
  const { engine: givenEngine, baseUrl, moengageHosts, corsOrigins, ...engineOptions } = options;
  const engine = givenEngine ?? createEngine(engineOptions);
  const handlers = createHandlers(engine, {
    ...(baseUrl !== undefined && { baseUrl }),
    ...(corsOrigins !== undefined && { corsOrigins }),
    moengageHosts,
  });
  return { engine, handlers };
}
