/**
 * The emulator's CORS policy, free of any transport: the standalone server (`server/cors.ts`) and the
 * MSW handlers (`handlers/create-handlers.ts`) both apply it, so a browser page, happy-dom or jsdom
 * gets the same preflight answer and the same readable headers from either.
 */

/** Which browser origins may call the emulator: `'*'` for any, or an exact list (`http://localhost:5173`). */
export type CorsOrigins = '*' | readonly string[];

/** Response headers a browser page may read: the rate-limit trio and the request id. */
const EXPOSED_HEADERS = 'x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, x-request-id';
/** Request headers the Data API uses; a preflight asking for others gets exactly what it asked. */
const ALLOWED_HEADERS = 'authorization, content-type, moe-appkey, x-forwarded-for';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** The request facts CORS looks at, whatever carried them (`node:http` or a Fetch `Request`). */
export interface CorsRequest {
  method: string;
  origin: string | undefined;
  /** `Access-Control-Request-Method`: present only on a preflight. */
  requestMethod: string | undefined;
  /** `Access-Control-Request-Headers`. */
  requestHeaders: string | undefined;
}

export function isOriginAllowed(origin: string, allowed: CorsOrigins): boolean {
  return allowed === '*' || allowed.includes(origin);
}

/**
 * The CORS headers of an answer: always `vary: Origin`, and for an allowed `Origin` that origin echoed
 * (never `*`, so `Authorization` may be sent) with the headers the page may read.
 */
export function corsAnswerHeaders(origin: string | undefined, allowed: CorsOrigins): Record<string, string> {
  if (origin === undefined || !isOriginAllowed(origin, allowed)) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
  };
}

/** A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(request: CorsRequest): boolean {
  return request.method === 'OPTIONS' && request.origin !== undefined && request.requestMethod !== undefined;
}

/**
 * The answer to a preflight: 204 with the allowed methods and headers for an allowed origin, 403 with a
 * JSON body naming the fix otherwise.
 */
export function preflightAnswer(
  request: CorsRequest,
  allowed: CorsOrigins,
): { status: 204 | 403; headers: Record<string, string>; body: string } {
  const headers = corsAnswerHeaders(request.origin, allowed);
  if (!('access-control-allow-origin' in headers)) {
    const body = JSON.stringify({
      status: 'fail',
      message:
        `Origin ${request.origin} is not allowed to call this emulator. ` +
        'Add it with --cors-origin (or "corsOrigins" in the --config file).',
    });
    return { status: 403, headers: { ...headers, 'content-type': 'application/json' }, body };
  }
  return {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': request.requestHeaders ?? ALLOWED_HEADERS,
      'access-control-max-age': '600',
    },
    body: '',
  };
}
