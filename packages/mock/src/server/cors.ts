import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which browser origins may call the server: `'*'` for any, or an exact list (`http://localhost:5173`). */
export type CorsOrigins = '*' | readonly string[];

/** Response headers a browser page may read: the rate-limit trio and the request id. */
const EXPOSED_HEADERS = 'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, x-request-id';
/** Request headers the Data API uses; a preflight asking for others gets exactly what it asked. */
const ALLOWED_HEADERS = 'authorization, content-type, moe-appkey, x-forwarded-for';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

function isAllowed(origin: string, allowed: CorsOrigins): boolean {
  return allowed === '*' || allowed.includes(origin);
}

/** The CORS headers of a response: always `vary: Origin`, and the allow headers for an allowed `Origin`. */
export function corsHeaders(request: IncomingMessage, allowed: CorsOrigins): Record<string, string> {
  const origin = request.headers.origin;
  if (origin === undefined || !isAllowed(origin, allowed)) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
  };
}

/**
 * Adds CORS headers for a browser caller whose `Origin` is allowed (the origin is echoed, never `*`,
 * so `Authorization` may be sent). Returns `false` when the origin is not allowed.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowed: CorsOrigins): boolean {
  const headers = corsHeaders(request, allowed);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  return request.headers.origin === undefined || 'access-control-allow-origin' in headers;
}

/** A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(request: IncomingMessage): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
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
  if (!applyCors(request, response, allowed)) {
    const body = JSON.stringify({
      status: 'fail',
      message:
        `Origin ${request.headers.origin} is not allowed to call this emulator. ` +
        'Add it with --cors-origin (or "corsOrigins" in the --config file).',
    });
    response.writeHead(403, { 'content-type': 'application/json' }).end(body);
    return;
  }
  response.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
    'access-control-max-age': '600',
    'content-length': '0',
  });
  response.end();
}
