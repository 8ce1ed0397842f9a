import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createStaticHandler } from './static-handler.ts';

/** Absolute path of the built site (`apps/docs/dist`), written by `pnpm --filter @moedata/docs build`. */
export const docsDistDir: string = fileURLToPath(new URL('../dist/', import.meta.url));

/** Options of {@link serveDocs}. */
export interface ServeDocsOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 4010 */
  port?: number;
  /** Folder to serve. @default docsDistDir */
  root?: string;
}

/** A running docs server. */
export interface RunningDocsServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:4010/`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves the built API reference on a local node:http server (offline: everything comes from `root`).
 * Rejects with a message that says what to do when the port is taken.
 */
export async function serveDocs({
  host = '127.0.0.1',
  port = 4010,
  root = docsDistDir,
}: ServeDocsOptions = {}): Promise<RunningDocsServer> {
  const handle = createStaticHandler({ root });
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`Could not read the file: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      rejectListen(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use: pass another one with --port <number>.`)
          : error,
      );
    });
    server.listen(port, host, () => resolveListen());
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
