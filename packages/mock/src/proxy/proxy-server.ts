/**
 * `moengage-mock proxy`: forwards every request to MoEngage unchanged, answers with MoEngage's answer
 * unchanged, and afterwards checks both against the contract, logging each divergence. It never
 * blocks or alters traffic, so a team can route staging through it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routes } from '@moedata/spec/routes';
import { matchRoute, parseRequestUrl } from '../engine/routing.ts';
import { createLogger, type Logger } from '../server/logger.ts';
import { type Divergence, findDivergences } from './divergences.ts';

/** Options of {@link startProxyServer}. */
export interface ProxyServerOptions {
  /** Origin of the core Data API, e.g. `https://api-01.moengage.com`. */
  upstream: string;
  /** Origin of Trigger File Imports. @default upstream with `api-` replaced by `fileimports-data-api-` */
  fileImportsUpstream?: string;
  /** @default 4011 (0 picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Divergences are logged at `info`, failures to reach MoEngage at `error`. @default a silent logger */
  logger?: Logger;
  /** Called with each divergence (after it is logged). */
  onDivergence?: (divergence: Divergence) => void;
  /** @default globalThis.fetch, read at call time */
  fetch?: typeof fetch;
}

/** A listening proxy. */
export interface ProxyServer {
  readonly url: string;
  readonly port: number;
  readonly httpServer: Server;
  close(): Promise<void>;
}

// Set by the transport, not the caller: forwarding them would describe the wrong connection or encoding.
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'upgrade',
]);

/** `https://api-01.moengage.com` → `https://fileimports-data-api-01.moengage.com`; other origins stay. */
export function fileImportsOrigin(upstream: string): string {
  return upstream.replace(
    /^(https?:\/\/)api-([^./]+)\.moengage\.com/,
    '$1fileimports-data-api-$2.moengage.com',
  );
}

async function readAll(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function forwardedHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Starts the proxy. */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const logger = options.logger ?? createLogger('silent');
  const core = options.upstream.replace(/\/+$/, '');
  const fileImports = (options.fileImportsUpstream ?? fileImportsOrigin(core)).replace(/\/+$/, '');

  const server = createServer(async (request, response) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const route = matchRoute(method, parseRequestUrl(url).pathname);
    const operationId = route.kind === 'notFound' ? undefined : route.operationId;
    const origin =
      operationId !== undefined && routes[operationId].server === 'fileImports' ? fileImports : core;
    const requestHeaders = forwardedHeaders(request.headers);
    const requestBody = await readAll(request);
    let answer: Response;
    try {
      const doFetch = options.fetch ?? globalThis.fetch;
      answer = await doFetch(`${origin}${url}`, {
        method,
        headers: requestHeaders,
        ...(requestBody.length === 0 && (method === 'GET' || method === 'HEAD') ? {} : { body: requestBody }),
        redirect: 'manual',
      });
    } catch (error) {
      logger.error(`proxy: ${method} ${origin}${parseRequestUrl(url).pathname} failed: ${String(error)}`);
      response
        .writeHead(502, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'fail', message: `moengage-mock proxy could not reach ${origin}` }));
      return;
    }
    const responseBody = new Uint8Array(await answer.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) responseHeaders[name] = value;
    });
    response.writeHead(answer.status, responseHeaders).end(responseBody);

    // After answering: checking never delays or changes what the caller gets.
    const divergences = findDivergences({
      method,
      url,
      requestHeaders,
      requestBody,
      status: answer.status,
      responseHeaders,
      responseBody,
    });
    logger.debug(
      () =>
        `proxy: ${method} ${parseRequestUrl(url).pathname} → ${answer.status}, ${divergences.length} divergences`,
    );
    for (const divergence of divergences) {
      logger.info(
        `divergence ${divergence.request} ${divergence.field}: expected ${divergence.expected}; got ${divergence.got}`,
      );
      options.onDivergence?.(divergence);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4011, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    httpServer: server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeIdleConnections();
        server.close(() => resolve());
      }),
  };
}
