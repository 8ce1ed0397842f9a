import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** A node:http handler that answers a request and resolves `true`, or resolves `false` when the path is not its own. */
export type StaticHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** Options of {@link createStaticHandler}. */
export interface StaticHandlerOptions {
  /** Absolute path of the folder to serve (the built site, `dist/`). */
  root: string;
  /**
   * URL prefix the site is mounted at, e.g. `/docs` inside the mock server.
   * @default '/'
   */
  basePath?: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The site works offline, so the browser is told to load nothing from anywhere else: even a
 * script that tried to phone home (fonts, CDNs, telemetry) would be blocked. This form fits a
 * `<meta http-equiv>` tag (the built page carries it, wherever it is served from).
 */
export const OFFLINE_CONTENT_SECURITY_POLICY_META = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The same policy as an HTTP header, which may also say who can frame the page. */
export const OFFLINE_CONTENT_SECURITY_POLICY = `${OFFLINE_CONTENT_SECURITY_POLICY_META}; frame-ancestors 'self'`;

/**
 * Serves a static folder (the built API reference) from node:http, mounted at `basePath`.
 * GET and HEAD only; paths outside `root` are never served; directories serve their `index.html`.
 * Requests outside `basePath` resolve `false` so a host server (the mock) can handle them itself.
 *
 * @example
 * const handle = createStaticHandler({ root: docsDistDir, basePath: '/docs' });
 * http.createServer(async (req, res) => { if (!(await handle(req, res))) apiHandler(req, res); });
 */
export function createStaticHandler({ root, basePath = '/' }: StaticHandlerOptions): StaticHandler {
  const rootDir = resolve(root);
  const prefix = basePath.replace(/\/+$/, '');

  return async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (prefix !== '' && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return false;

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, `Method ${request.method} not allowed: the API reference is read-only (GET).`, {
        allow: 'GET, HEAD',
      });
      return true;
    }
    // Relative links in the page (openapi.json) need the trailing slash.
    if (prefix !== '' && pathname === prefix) {
      response.writeHead(301, { location: `${prefix}/` }).end();
      return true;
    }

    const filePath = resolveInside(rootDir, pathname.slice(prefix.length));
    if (filePath === undefined) {
      sendText(response, 400, `Bad path "${pathname}": request a file of the API reference, e.g. ${prefix}/`);
      return true;
    }
    const file = await findFile(filePath);
    if (file === undefined) {
      const siteBuilt = (await findFile(rootDir)) !== undefined;
      if (siteBuilt)
        sendText(response, 404, `Not found: ${pathname}. The API reference starts at ${prefix}/`);
      else
        sendText(
          response,
          503,
          `The API reference has not been built (${rootDir} is missing): run \`pnpm --filter @moedata/docs build\`.`,
        );
      return true;
    }

    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream',
      'content-length': String(file.size),
      'cache-control': 'no-cache',
      'content-security-policy': OFFLINE_CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).pipe(response);
    return true;
  };
}

/** Maps a URL path onto a file path under `rootDir`, or `undefined` when it would escape it. */
function resolveInside(rootDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const filePath = resolve(rootDir, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return filePath === rootDir || filePath.startsWith(`${rootDir}${sep}`) ? filePath : undefined;
}

/** Finds the file to send for a path: the file itself, or a directory's index.html. */
async function findFile(path: string): Promise<{ path: string; size: number } | undefined> {
  const stats = await stat(path).catch(() => undefined);
  if (stats?.isFile()) return { path, size: stats.size };
  if (stats?.isDirectory()) return findFile(resolve(path, 'index.html'));
  return undefined;
}

function sendText(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${message}\n`);
}
