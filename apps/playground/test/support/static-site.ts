/**
 * Serves a built site from 127.0.0.1 for the browser test, as any static host would: files by path,
 * `index.html` for `/`, 404 for the rest. Nothing is cached, so every run loads the fresh build.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A running site. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/** Serves `folder` on a free port of 127.0.0.1. */
export async function serveFolder(folder: string): Promise<StaticSite> {
  const root = resolve(folder);
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    const inside = file.startsWith(root + sep);
    const info = inside ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(await readFile(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
