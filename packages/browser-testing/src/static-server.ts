/**
 * Serves a folder from 127.0.0.1 for a browser test, as any static host would: files by path,
 * `index.html` for a directory, 404 for the rest. Nothing is cached, so every run loads the fresh build.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A folder served on 127.0.0.1. */
export interface StaticSite {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

/**
 * Serves `folder` on a free port of 127.0.0.1 (GET of files inside it only; paths that escape it get 404).
 *
 * @example
 * const site = await serveFolder(builtSite);
 * await page.goto(site.url);
 * await site.close();
 */
export async function serveFolder(folder: string): Promise<StaticSite> {
  const root = resolve(folder);
  const server = createServer(async (request, response) => {
    const file = await findFile(root, new URL(request.url ?? '/', 'http://localhost').pathname);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(await readFile(file));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** The file under `root` a URL path names (a directory's `index.html`), or `undefined`. */
async function findFile(root: string, urlPath: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = resolve(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}
