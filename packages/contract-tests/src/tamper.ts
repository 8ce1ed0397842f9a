/**
 * Request rewrites for the client's fetch (see `contract-client.ts`): what a correct client never
 * sends, so the mock's answers to broken requests can still be checked through the real client.
 */
import type { Tamper } from './contract-client.ts';

interface RequestParts {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array | null;
}

async function partsOf(request: Request): Promise<RequestParts> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  return {
    url: request.url,
    method: request.method,
    headers: new Headers(request.headers),
    body: bytes.byteLength === 0 ? null : bytes,
  };
}

/** Rebuilds a request; the body stays bytes, so removing Content-Type really sends none. */
function build(parts: RequestParts, signal: AbortSignal): Request {
  const hasBody = parts.body !== null && parts.method !== 'GET' && parts.method !== 'HEAD';
  return new Request(parts.url, {
    method: parts.method,
    headers: parts.headers,
    body: hasBody ? (parts.body as Uint8Array<ArrayBuffer>) : null,
    signal,
  });
}

function tamper(change: (parts: RequestParts) => void): Tamper {
  return async (request) => {
    const parts = await partsOf(request);
    change(parts);
    return build(parts, request.signal);
  };
}

/** Sets headers (a `null` value removes the header). */
export function withHeaders(changes: Record<string, string | null>): Tamper {
  return tamper((parts) => {
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) parts.headers.delete(name);
      else parts.headers.set(name, value);
    }
  });
}

/** Replaces the body with this text (an empty string sends none). */
export function withBody(text: string): Tamper {
  return tamper((parts) => {
    parts.body = text === '' ? null : new TextEncoder().encode(text);
    parts.headers.delete('content-length');
  });
}

/** Rewrites the URL (path, query). */
export function withUrl(change: (url: URL) => void): Tamper {
  return tamper((parts) => {
    const url = new URL(parts.url);
    change(url);
    parts.url = url.href;
  });
}

/** Sends with another method (no body for GET). */
export function withMethod(method: string): Tamper {
  return tamper((parts) => {
    parts.method = method;
    if (method === 'GET' || method === 'HEAD') parts.headers.delete('content-type');
  });
}

/** `Basic base64(text)`, for credentials the client would refuse to build. */
export function basic(text: string): string {
  return `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
}
