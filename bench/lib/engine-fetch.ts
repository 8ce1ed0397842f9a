/**
 * A `fetch` answered by an in-process emulator engine (no sockets), for simulations under a fake clock.
 * Every call is recorded: status, operation path, body size and the elements of Bulk Import bodies.
 */
import type { FakeClock } from './fake-clock.ts';

/** The engine surface we use (the mock package's `Engine.handle`). */
export interface HandlesRequests {
  handle(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: Uint8Array | null;
  }): Promise<{
    status: number;
    headers: Record<string, string>;
    body: unknown;
  }>;
}

/** One recorded exchange. */
export interface Exchange {
  at: number;
  status: number;
  bodyBytes: number;
  users: number;
  events: number;
  devices: number;
}

/** Counts elements per type in a Bulk Import body. */
export function countElements(bodyText: string): { users: number; events: number; devices: number } {
  const counts = { users: 0, events: 0, devices: 0 };
  try {
    const parsed = JSON.parse(bodyText) as { elements?: Array<{ type?: string }> };
    for (const element of parsed.elements ?? []) {
      if (element.type === 'customer') counts.users++;
      else if (element.type === 'event') counts.events++;
      else if (element.type === 'device') counts.devices++;
    }
  } catch {
    // Not a Bulk Import body: nothing to count.
  }
  return counts;
}

/** Reads the body bytes of a fetch call, whatever form the caller used. */
export async function requestBodyBytes(
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Uint8Array | null> {
  const body = init?.body ?? (input instanceof Request ? await input.clone().arrayBuffer() : null);
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
}

/** A fetch that hands every request to `engine` and records it in `log`. */
export function engineFetch(engine: HandlesRequests, clock: FakeClock, log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const done = clock.busy();
    try {
      const request = input instanceof Request ? input : new Request(input, init);
      const body = await requestBodyBytes(input, init);
      const headers: Record<string, string> = {};
      (init?.headers ? new Headers(init.headers) : request.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const response = await engine.handle({
        method: init?.method ?? request.method,
        url: request.url,
        headers,
        body,
      });
      const text = body ? new TextDecoder().decode(body) : '';
      log.push({
        at: clock.now(),
        status: response.status,
        bodyBytes: body?.byteLength ?? 0,
        ...countElements(text),
      });
      return new Response(JSON.stringify(response.body), {
        status: response.status,
        headers: response.headers,
      });
    } finally {
      done();
    }
  };
}
