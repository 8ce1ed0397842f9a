import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CorsOrigins,
  type CorsRequest,
  corsAnswerHeaders,
  isPreflight as isCorsPreflight,
  preflightAnswer,
} from '../engine/cors.ts';

export type { CorsOrigins } from '../engine/cors.ts';

function corsRequest(request: IncomingMessage): CorsRequest {
  const requestMethod = request.headers['access-control-request-method'];
  return {
    method: request.method ?? 'GET',
    origin: request.headers.origin,
    requestMethod: Array.isArray(requestMethod) ? requestMethod[0] : requestMethod,
    requestHeaders: request.headers['access-control-request-headers'],
  };
}

/** The CORS headers of a response: always `vary: Origin`, and the allow headers for an allowed `Origin`. */
export function corsHeaders(request: IncomingMessage, allowed: CorsOrigins): Record<string, string> {
  return corsAnswerHeaders(request.headers.origin, allowed);
}

/** A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(request: IncomingMessage): boolean {
  return isCorsPreflight(corsRequest(request));
}

/**
 * Answers a preflight: 204 with the allowed methods and headers for an allowed origin, 403 with a
 * JSON body saying how to allow it otherwise.
 */
export function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
  allowed: CorsOrigins,
): void {
  const answer = preflightAnswer(corsRequest(request), allowed);
  response
    .writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) })
    .end(answer.body);
}
