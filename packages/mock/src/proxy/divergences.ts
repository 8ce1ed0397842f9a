/**
 * Where a live request or MoEngage's answer to it leaves the contract: the request body against the
 * operation's schema, the answer's status against the documented ones, its body against the success
 * schema or the error catalogue, and the rate-limit headers. The proxy logs these; it never blocks.
 */
import { operations } from '@moedata/spec';
import { type ErrorRow, errorStatusesForOperation, errorsForOperation } from '@moedata/spec/errors';
import { parseRateLimitHeaders, RATE_LIMIT_HEADER_NAMES } from '@moedata/spec/rate-limit';
import type { OperationId } from '@moedata/spec/routes';
import type { ZodType } from 'zod';
import { matchRoute, parseRequestUrl } from '../engine/routing.ts';

/** One place where traffic and contract disagree. */
export interface Divergence {
  /** Method and path of the request, e.g. `POST /v1/customer/WS`. */
  readonly request: string;
  /** Where: `request.body.attributes.age`, `response.status`, `response.body.error.message`, ... */
  readonly field: string;
  readonly expected: string;
  readonly got: string;
}

/** A request and its answer as the proxy saw them. */
export interface Exchange {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string | undefined>>;
  readonly requestBody: Uint8Array;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string | undefined>>;
  readonly responseBody: Uint8Array;
}

const MAX_ISSUES = 5;
const decoder = new TextDecoder();

const shorten = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/** The divergence of a body that should have been JSON and was not. */
function notJson(field: string, bytes: Uint8Array, request: string): Divergence {
  return { request, field, expected: 'a JSON document', got: shorten(decoder.decode(bytes)) };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function schemaDivergences(schema: ZodType, value: unknown, where: string, request: string): Divergence[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    request,
    field: [where, ...issue.path.map(String)].join('.'),
    expected: issue.message,
    got: shorten(valueAt(value, issue.path)),
  }));
}

/** The type and message of an error body, read the way the row's envelope writes them. */
function wireTypeAndMessage(row: ErrorRow, body: unknown): { type: unknown; message: unknown } {
  const record = (body ?? {}) as Record<string, unknown>;
  switch (row.envelope) {
    case 'standard': {
      const error = (record.error ?? {}) as Record<string, unknown>;
      return { type: error.type, message: error.message };
    }
    case 'title':
      return { type: record.title, message: record.description };
    case 'errorType':
      return { type: record.error_type, message: record.message };
    case 'plain':
      return { type: row.type, message: record.message };
  }
}

const messagePattern = (row: ErrorRow) =>
  new RegExp(
    `^${row.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+')}$`,
    's',
  );

function errorDivergences(
  operationId: OperationId,
  status: number,
  body: unknown,
  request: string,
): Divergence[] {
  const rows = errorsForOperation(operationId, status);
  if (
    rows.some(
      (row) =>
        messagePattern(row).test(String(wireTypeAndMessage(row, body).message)) &&
        wireTypeAndMessage(row, body).type === row.type,
    )
  )
    return [];
  const sameType = rows.filter((row) => wireTypeAndMessage(row, body).type === row.type);
  if (sameType.length > 0) {
    const got = wireTypeAndMessage(sameType[0] as ErrorRow, body).message;
    return [
      {
        request,
        field: 'response.body message',
        expected: sameType.map((row) => JSON.stringify(row.message)).join(' or '),
        got: shorten(got),
      },
    ];
  }
  return [
    {
      request,
      field: 'response.body type',
      expected: `a documented ${status} of ${operationId}: ${rows.map((row) => JSON.stringify(row.type)).join(', ')}`,
      got: shorten(body),
    },
  ];
}

/** Every divergence of one exchange from the contract, request first. */
export function findDivergences(exchange: Exchange): Divergence[] {
  const { pathname } = parseRequestUrl(exchange.url);
  const request = `${exchange.method} ${pathname}`;
  const route = matchRoute(exchange.method, pathname);
  if (route.kind === 'notFound')
    return [{ request, field: 'route', expected: 'a Data API operation', got: request }];
  if (route.kind === 'methodNotAllowed')
    return [
      {
        request,
        field: 'method',
        expected: operations[route.operationId].method.toUpperCase(),
        got: exchange.method,
      },
    ];

  const operation = operations[route.operationId];
  const divergences: Divergence[] = [];
  if ('requestBody' in operation) {
    const contentType = exchange.requestHeaders['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType))
      divergences.push({
        request,
        field: 'request.headers.content-type',
        expected: 'application/json',
        got: contentType || '(absent)',
      });
    const body = parseJson(exchange.requestBody);
    if (!body.ok) divergences.push(notJson('request.body', exchange.requestBody, request));
    else divergences.push(...schemaDivergences(operation.requestBody, body.value, 'request.body', request));
  }

  const documented = [200, ...errorStatusesForOperation(route.operationId)];
  if (!documented.includes(exchange.status)) {
    divergences.push({
      request,
      field: 'response.status',
      expected: documented.join(', '),
      got: String(exchange.status),
    });
  } else {
    const answer = parseJson(exchange.responseBody);
    if (!answer.ok) divergences.push(notJson('response.body', exchange.responseBody, request));
    else if (exchange.status === 200)
      divergences.push(
        ...schemaDivergences(operation.successResponse, answer.value, 'response.body', request),
      );
    else divergences.push(...errorDivergences(route.operationId, exchange.status, answer.value, request));
  }

  if (parseRateLimitHeaders(exchange.responseHeaders) === undefined) {
    const names = Object.values(RATE_LIMIT_HEADER_NAMES);
    divergences.push({
      request,
      field: 'response.headers',
      expected: names.join(', '),
      got: names.map((name) => `${name}: ${exchange.responseHeaders[name] ?? '(absent)'}`).join('; '),
    });
  }
  return divergences;
}
