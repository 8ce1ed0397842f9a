/**
 * Routes derived from the spec's `operations` table: both hosts' path sets on one origin. Path-style
 * operations also match without their `{app_id}` segment (`/v1/transition?app_id=…`, as the Identity
 * Resolution docs show), so a request with no app_id anywhere reaches the ParamsRequired row.
 */
import { type OperationId, operations } from '@moedata/spec';
import { rememberRecent } from './recent.ts';

type Segment = { literal: string } | { param: string };

interface Route {
  operationId: OperationId;
  method: string;
  segments: Segment[];
  /** Literal segments count: the more specific route wins (`/v1/customer/merge` over `/v1/customer/{app_id}`). */
  specificity: number;
}

/** The outcome of matching a request line. */
export type RouteMatch =
  | { kind: 'operation'; operationId: OperationId; params: Record<string, string> }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; operationId: OperationId };

function parseTemplate(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      return param === undefined ? { literal: part } : { param };
    });
}

function buildRoutes(): Route[] {
  const routes: Route[] = [];
  for (const operation of Object.values(operations)) {
    const segments = parseTemplate(operation.path);
    const variants = [segments];
    const last = segments.at(-1);
    if (operation.appIdIn === 'path' && last && 'param' in last && last.param === 'app_id') {
      variants.push(segments.slice(0, -1));
    }
    for (const variant of variants) {
      routes.push({
        operationId: operation.operationId,
        method: operation.method.toUpperCase(),
        segments: variant,
        specificity: variant.filter((s) => 'literal' in s).length,
      });
    }
  }
  // Most specific first, so the first match is the right one.
  return routes.sort((a, b) => b.specificity - a.specificity);
}

const routes = buildRoutes();

/**
 * The first path segment of every operation (`/v1`, `/v1.0`): the part of an origin that belongs to
 * the Data API, derived from the spec's operations. Adapters never let anything else answer there.
 */
export const API_ROOTS: readonly string[] = [
  ...new Set(Object.values(operations).map((operation) => `/${operation.path.split('/')[1]}`)),
];

/** Whether a pathname is one of the {@link API_ROOTS} or lies under one (`/v1/customer/ABC`). */
export function isUnderApiRoot(pathname: string): boolean {
  return API_ROOTS.some((root) => pathname === root || pathname.startsWith(`${root}/`));
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index] as string;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      const value = decodeSegment(part);
      if (value === undefined || value === '') return undefined;
      params[segment.param] = value;
    }
  }
  return params;
}

/**
 * Matches a method and a pathname (no query) to an operation; a trailing slash is ignored. The answer
 * (its `params` included) is shared between requests with the same method and path: read it only.
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const upper = method.toUpperCase();
  // Every Data API operation is a POST: remember those paths (keyed by the path alone, no concatenation).
  return upper === 'POST' ? recentPostMatches(pathname) : computeMatch(upper, pathname);
}

const recentPostMatches = rememberRecent((pathname) => computeMatch('POST', pathname));

function computeMatch(upper: string, pathname: string): RouteMatch {
  const parts = pathname.split('/').filter((part) => part !== '');
  let wrongMethod: OperationId | undefined;
  for (const route of routes) {
    const params = matchSegments(route, parts);
    if (params === undefined) continue;
    if (route.method === upper) return { kind: 'operation', operationId: route.operationId, params };
    wrongMethod ??= route.operationId;
  }
  return wrongMethod === undefined
    ? { kind: 'notFound' }
    : { kind: 'methodNotAllowed', operationId: wrongMethod };
}

/** A request URL's pathname (normalised, still percent-encoded) and query parameters. */
export interface RequestUrl {
  pathname: string;
  query: URLSearchParams;
}

/**
 * Splits a full URL or a path with query into its pathname and query parameters. The answer is shared
 * between requests with the same URL: read it only (never change its `query`).
 */
export function parseRequestUrl(url: string): RequestUrl {
  return recentUrls(url);
}

const recentUrls = rememberRecent((url): RequestUrl => {
  try {
    const parsed = new URL(url, 'http://emulator.invalid');
    return { pathname: parsed.pathname, query: parsed.searchParams };
  } catch {
    return { pathname: url, query: new URLSearchParams() };
  }
});
