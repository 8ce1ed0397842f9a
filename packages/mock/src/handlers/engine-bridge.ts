import { HttpResponse } from 'msw';
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

/** Turns the engine's answer into the `Response` MSW sends back (JSON body, every engine header kept). */
export function toHttpResponse(response: EngineResponse): Response {
  return HttpResponse.json(response.body as never, { status: response.status, headers: response.headers });
}

/** A resolver body shared by every handler: request in, engine, response out. */
export async function answerWithEngine(request: Request, engine: Engine, pathPrefix = ''): Promise<Response> {
  const engineRequest = await toEngineRequest(request, engine, pathPrefix);
  return toHttpResponse(await engine.handle(engineRequest));
}
