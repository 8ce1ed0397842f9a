import { HttpResponse } from 'msw';
import {
  type CorsOrigins,
  type CorsRequest,
  corsAnswerHeaders,
  isPreflight,
  preflightAnswer,
} from '../engine/cors.ts';
import type { Engine, EngineRequest, EngineResponse } from '../engine/types.ts';

/**
 * Turns the Fetch `Request` MSW hands a resolver into the engine's request. `pathPrefix` (from a
 * custom base URL such as `http://localhost:3000/moengage`) is removed so the engine sees `/v1/...`.
 * The body is read whole (MSW already buffered it); past the workspace's limit only `limit + 1`
 * bytes are passed on, flagged, so the engine answers 413 at its turn in the check order.
 */
export async function toEngineRequest(
  request: Request,
  engine: Engine,
  pathPrefix = '',
): Promise<EngineRequest> {
  const url = new URL(request.url);
  if (pathPrefix && url.pathname.startsWith(pathPrefix)) {
    url.pathname = url.pathname.slice(pathPrefix.length) || '/';
  }
  const headers: Record<string, string> = {};
  // Fetch Headers already lower-case names and join repeated values with ", ".
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const head = { method: request.method, url: url.href, headers };
  const limit = engine.bodyLimit(head);

  const declaredLength = Number(headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limit) {
    return { ...head, body: null, bodyExceededLimit: true };
  }
  const bytes = request.body === null ? new Uint8Array() : new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) {
    return { ...head, body: bytes.subarray(0, limit + 1), bodyExceededLimit: true };
  }
  return { ...head, body: bytes.byteLength === 0 ? null : bytes };
}

/**
 * Turns the engine's answer into the `Response` MSW sends back (JSON body, every engine header kept),
 * with the CORS headers `cors` gives for the caller's origin.
 */
export function toHttpResponse(response: EngineResponse, cors: Record<string, string> = {}): Response {
  return HttpResponse.json(response.body as never, {
    status: response.status,
    headers: { ...cors, ...response.headers },
  });
}

function corsRequestOf(request: Request): CorsRequest {
  const { headers } = request;
  return {
    method: request.method,
    origin: headers.get('origin') ?? undefined,
    requestMethod: headers.get('access-control-request-method') ?? undefined,
    requestHeaders: headers.get('access-control-request-headers') ?? undefined,
  };
}

/**
 * A resolver body shared by every handler: request in, engine, response out. Browsers (and happy-dom)
 * send a cross-origin call with `Authorization` only after a preflight, and read the answer only with
 * `access-control-allow-origin`: both are answered here as the standalone server answers them.
 */
export async function answerWithEngine(
  request: Request,
  engine: Engine,
  pathPrefix = '',
  corsOrigins: CorsOrigins = '*',
): Promise<Response> {
  const cors = corsRequestOf(request);
  // happy-dom checks CORS like a browser but sends neither `Origin` nor `Access-Control-Request-Method`
  // (seen with happy-dom 21), so here any OPTIONS is a preflight (the Data API has no OPTIONS operation)
  // and a call without `Origin` is answered for any origin when every origin is allowed.
  if (cors.origin === undefined && corsOrigins === '*') cors.origin = '*';
  if (cors.method === 'OPTIONS') cors.requestMethod ??= 'POST';
  if (isPreflight(cors)) {
    const answer = preflightAnswer(cors, corsOrigins);
    return new HttpResponse(answer.body === '' ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  }
  const engineRequest = await toEngineRequest(request, engine, pathPrefix);
  return toHttpResponse(await engine.handle(engineRequest), corsAnswerHeaders(cors.origin, corsOrigins));
}
