/**
 * Who may use the `/_mock` admin API of the standalone server. The Data API routes stay open to any
 * origin (they check MoEngage credentials); `/_mock` can reset the store, replace API keys and read
 * everything, so a web page on another origin must not reach it:
 *
 * - `Host` must be a loopback name or one the user allowed (defeats DNS rebinding, where a page on
 *   `evil.example` resolves its own name to 127.0.0.1 and so becomes "same-origin");
 * - an `Origin`, when sent, must be the server's own or one listed with `--cors-origin`;
 * - a state-changing call must be `application/json` (a cross-origin page then needs a preflight,
 *   which only listed origins pass) and carry the per-process admin token.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { constantTimeEqual } from '../engine/constant-time.ts';

/** The request header that carries the admin token. */
export const ADMIN_TOKEN_HEADER = 'x-mock-admin-token';

/** The settings {@link adminRefusal} checks against. */
export interface AdminAccess {
  /** `undefined` when the token check is off (`--no-admin-token`). */
  token: string | undefined;
  /** Origins other than the server's own that may call `/_mock` (the explicit `--cors-origin` list). */
  origins: readonly string[];
  /** Host names (without port) accepted besides the loopback ones, lower-case. */
  hosts: readonly string[];
}

/** Why a request may not use `/_mock`. */
export interface AdminRefusal {
  status: number;
  message: string;
}

/** A fresh random token, different for every server. */
export function newAdminToken(): string {
  return randomBytes(18).toString('base64url');
}

/** The host name of a `Host` header value, without port or IPv6 brackets, lower-case. */
function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('['))
    return value.slice(1, value.indexOf(']') === -1 ? undefined : value.indexOf(']'));
  const colon = value.lastIndexOf(':');
  // More than one colon without brackets: a bare IPv6 address, no port.
  return colon !== -1 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export function isLoopbackName(name: string): boolean {
  const host = hostName(name);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host.startsWith('::ffff:127.');
  return false;
}

/** The start-up warning for a server bound to `host`, or `undefined` for a loopback address. */
export function bindWarning(host: string): string | undefined {
  if (isLoopbackName(host)) return undefined;
  return (
    `Warning: listening on ${host} makes the emulator reachable from other machines. It has no real ` +
    'security: anyone who can reach it can send data with the workspace keys it prints, and call /_mock ' +
    'with the admin token. /_mock accepts only loopback Host names and those given with --allowed-host.'
  );
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * `undefined` when the request may use `/_mock`, else the status and message to answer.
 * `GET /_mock/health` is exempt from the origin check: it reveals only that an emulator listens.
 */
export function adminRefusal(
  request: IncomingMessage,
  path: string,
  access: AdminAccess,
): AdminRefusal | undefined {
  const host = request.headers.host;
  if (host === undefined || !(isLoopbackName(host) || access.hosts.includes(hostName(host)))) {
    return {
      status: 403,
      message:
        `Host ${host ?? '(none)'} may not use /_mock: only loopback names are accepted. ` +
        'Allow another name with --allowed-host NAME (or "allowedHosts" in the --config file).',
    };
  }
  const method = request.method ?? 'GET';
  const origin = request.headers.origin;
  if (method === 'GET' && path === '/health') return undefined;
  if (origin !== undefined && origin !== `http://${host}` && !access.origins.includes(origin)) {
    return {
      status: 403,
      message:
        `Origin ${origin} may not use /_mock (it can reset the store and read every record). ` +
        'Allow it with --cors-origin ORIGIN (or "corsOrigins" in the --config file).',
    };
  }
  if (!STATE_CHANGING.has(method)) return undefined;
  if (!isJson(request.headers['content-type'])) {
    return {
      status: 415,
      message: `${method} /_mock${path} needs Content-Type: application/json, even without a body.`,
    };
  }
  if (access.token !== undefined) {
    const sent = request.headers[ADMIN_TOKEN_HEADER];
    if (typeof sent !== 'string' || !constantTimeEqual(sent, access.token)) {
      return {
        status: 401,
        message:
          `${method} /_mock${path} needs the header ${ADMIN_TOKEN_HEADER}: the token printed when the emulator ` +
          `started (MockServer.adminToken in code; GET /_mock/admin-token from the emulator's own pages).`,
      };
    }
  }
  return undefined;
}
