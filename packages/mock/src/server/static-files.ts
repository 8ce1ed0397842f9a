import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/**
 * Serves the files of `rootDir` under the URL prefix `mountPath` (`''` for the origin's root; GET and
 * HEAD only): `/docs` redirects to `/docs/`, a folder serves its `index.html` (so `/` does at the root),
 * and nothing outside `rootDir` is ever reachable.
 * Resolves `false` when no file matches, so the caller answers 404 its own way.
 */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  mountPath: string,
  rootDir: string,
): Promise<boolean> {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (pathname === mountPath) {
    response.writeHead(301, { location: `${mountPath}/` }).end();
    return true;
  }
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(mountPath.length + 1));
  } catch {
    return false;
  }
  const root = resolve(rootDir);
  let file = resolve(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) return false;

  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return false;

  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on('error', fail).on('end', done).pipe(response);
  });
  return true;
}
