/**
 * Parses `Authorization: Basic base64(workspaceId:apiKey)` into the overview's 401 rows. Uses only
 * `atob` and `TextDecoder`, which exist in Node and in browsers.
 */
import { rememberRecent } from './recent.ts';

/** The catalogue rows a malformed Authorization header can produce, in the order they are checked. */
export type BasicAuthErrorId =
  | 'authHeaderMissing'
  | 'authHeaderEmpty'
  | 'authUndecodable'
  | 'authAppKeyMissing'
  | 'authAppSecretMissing';

/** Credentials read from the header, or the row that explains why there are none. */
export type BasicAuthResult =
  | { ok: true; username: string; password: string }
  | { ok: false; errorId: BasicAuthErrorId };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes standard base64 (padding optional) to UTF-8 text, or `undefined` when it is not valid. */
function decodeBase64(encoded: string): string | undefined {
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return undefined;
  try {
    const binary = atob(encoded);
    return utf8.decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * Reads the Basic credentials. `undefined` (no header) → authHeaderMissing; blank, or the scheme with
 * nothing after it → authHeaderEmpty; another scheme, bad base64 or no `:` → authUndecodable; an empty
 * username → authAppKeyMissing; an empty password → authAppSecretMissing. The password is everything
 * after the first `:`, so keys may contain colons.
 */
export function parseBasicAuth(header: string | undefined): BasicAuthResult {
  if (header === undefined) return { ok: false, errorId: 'authHeaderMissing' };
  return recentHeaders(header);
}

// Clients send the same header on every request; remembering it spares the base64 and UTF-8 decoding.
const recentHeaders = rememberRecent(parse);

function parse(header: string): BasicAuthResult {
  const value = header.trim();
  if (value === '' || /^basic$/i.test(value)) return { ok: false, errorId: 'authHeaderEmpty' };
  const match = /^basic\s+(\S+)$/i.exec(value);
  const decoded = match?.[1] === undefined ? undefined : decodeBase64(match[1]);
  if (decoded === undefined) return { ok: false, errorId: 'authUndecodable' };
  const colon = decoded.indexOf(':');
  if (colon === -1) return { ok: false, errorId: 'authUndecodable' };
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username === '') return { ok: false, errorId: 'authAppKeyMissing' };
  if (password === '') return { ok: false, errorId: 'authAppSecretMissing' };
  return { ok: true, username, password };
}

/** Builds a Basic header value (for tests and examples). */
export function basicAuthHeader(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
