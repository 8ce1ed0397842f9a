/**
 * The standalone emulator: a bare `node:http` server straight on the engine (no MSW Request/Response
 * objects on the hot path). Keep-alive, CORS for browser callers, bodies read as streams that stop at
 * the workspace's size limit, `/_mock/*` inspection, an optional `/docs` folder, an optional web app at
 * `/` (the playground), graceful close.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createEngine } from '../engine/engine.ts';
import { isUnderApiRoot, parseRequestUrl } from '../engine/routing.ts';
import type { Engine, EngineOptions } from '../engine/types.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import {
  ADMIN_TOKEN_HEADER,
  type AdminAccess,
  adminRefusal,
  bindWarning,
  newAdminToken,
} from './admin-access.ts';
import { answerPreflight, type CorsOrigins, corsHeaders, isPreflight } from './cors.ts';
import { handleInspection, INSPECTION_PREFIX } from './inspection.ts';
import { createLogger, type Logger } from './logger.ts';
import { ClientAbortedError, readBodyUpTo } from './read-body.ts';
import { serveStatic } from './static-files.ts';

/** {@link MockServerOptions.maxConnections}'s default. */
export const DEFAULT_MAX_CONNECTIONS = 4000;

/**
 * Caps the server's connections, closing idle ones first: each socket's requests in flight are
 * counted, and the Map's insertion order makes the first idle one found the oldest.
 */
function capConnections(httpServer: Server, max: number, logger: Logger): void {
  const inFlight = new Map<Socket, number>();
  httpServer.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
    if (inFlight.size <= max) return;
    for (const [candidate, requests] of inFlight) {
      if (requests === 0 && candidate !== socket) {
        logger.debug(`${max} connections open: closing the oldest idle one for a new one`);
        inFlight.delete(candidate);
        candidate.destroy();
        return;
      }
    }
    logger.error(`${max} connections open, all busy: refusing a new one (raise --max-connections)`);
    inFlight.delete(socket);
    socket.destroy();
  });
  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const requests = inFlight.get(socket);
    if (requests === undefined) return;
    inFlight.set(socket, requests + 1);
    response.once('close', () => {
      const requests = inFlight.get(socket);
      if (requests !== undefined) inFlight.set(socket, requests - 1);
    });
  });
}

/** Where the docs site is mounted. */
export const DOCS_PATH = '/docs';

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** The engine to serve; created from `engineOptions` when absent (and then closed with the server). */
  engine?: Engine;
  /** Options for the engine created when `engine` is absent. */
  engineOptions?: EngineOptions;
  /** @default 4010 (0 picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Browser origins allowed to call the server. `'*'` opens the Data API routes to any origin but not
   * `/_mock`, which answers only its own origin and the origins of an explicit list.
   * @default '*' (any origin, echoed back)
   */
  corsOrigins?: CorsOrigins;
  /**
   * The token every state-changing `/_mock` call must send in `x-mock-admin-token`; `false` turns the
   * check off (for tests that drive `/_mock` without it).
   * @default a random token per server, in `MockServer.adminToken`
   */
  adminToken?: string | false;
  /**
   * Host names `/_mock` accepts in the `Host` header besides the loopback ones (`localhost`,
   * `127.0.0.1`, `[::1]`); the address the server binds to is accepted too. Guards against DNS
   * rebinding. @default []
   */
  allowedHosts?: readonly string[];
  /** A built static site served under `/docs` (the API reference from apps/docs/dist). */
  docsDir?: string | undefined;
  /**
   * A built web app served at `/` (the playground from apps/playground/dist): a GET or HEAD outside
   * `/_mock`, `/docs` and the Data API roots (`/v1`, `/v1.0`) gets the file at that path (`/` →
   * `index.html`) when there is one, and the engine's answer otherwise. It never shadows a Data API
   * route: those paths always reach the engine, whatever the folder holds.
   */
  appDir?: string | undefined;
  /** @default a silent logger */
  logger?: Logger;
  /**
   * At most this many connections at once. At the cap, a new connection closes the oldest idle one
   * (no request in flight); when every connection is busy, the new one is closed instead. Keeps idle
   * sockets from exhausting the process's file descriptors. @default 4000
   */
  maxConnections?: number;
  /** How long an idle keep-alive connection stays open. @default 5000 */
  keepAliveTimeoutMs?: number;
  /** How long `close()` waits for requests in flight before cutting their connections. @default 5000 */
  shutdownTimeoutMs?: number;
}

/** A listening emulator. */
export interface MockServer {
  /** `http://host:port`, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly engine: Engine;
  /** What state-changing `/_mock` calls send in `x-mock-admin-token`; `undefined` when the check is off. */
  readonly adminToken: string | undefined;
  /**
   * The headers a state-changing `/_mock` call sends: `content-type: application/json` and, unless the
   * check is off, `x-mock-admin-token`.
   * @example await fetch(`${server.url}/_mock/reset`, { method: 'POST', headers: server.adminHeaders() });
   */
  adminHeaders(): Record<string, string>;
  /** The underlying `node:http` server (for tests that watch connections). */
  readonly httpServer: Server;
  /**
   * Stops accepting connections, lets requests in flight finish (up to `shutdownTimeoutMs`), closes
   * idle keep-alive connections, and closes the store when the server created the engine.
   * Safe to call more than once.
   */
  close(): Promise<void>;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const incoming = request.headers;
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Writes a JSON answer. `headers` is a fresh object the function may complete (it is not copied). */
function sendJson(
  state: Pick<ServerState, 'closing'>,
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  // While the server shuts down, no connection is kept for another request.
  if (state.closing) response.setHeader('connection', 'close');
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  response.writeHead(status, headers);
  response.end(text);
}

interface ServerState {
  engine: Engine;
  corsOrigins: CorsOrigins;
  admin: AdminAccess;
  docsDir: string | undefined;
  appDir: string | undefined;
  logger: Logger;
  closing: boolean;
}

async function answerDataApi(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  cors: Record<string, string>,
) {
  const head = { method: request.method ?? 'GET', url: request.url ?? '/', headers: headersOf(request) };
  const limit = state.engine.bodyLimit(head);
  const { body, exceeded } = await readBodyUpTo(request, limit);
  const answer = await state.engine.handle({ ...head, body, bodyExceededLimit: exceeded });
  if (answer.internalError !== undefined) logInternalError(state, head, answer);
  if (exceeded) {
    // The rest of the body is still in the socket: this connection cannot carry another request.
    response.setHeader('connection', 'close');
    state.logger.debug(() => `stopped reading ${head.method} ${head.url} past the ${limit}-byte limit`);
  }
  // CORS headers go in with the answer's (one writeHead, no setHeader per request on this hot path).
  sendJson(state, response, answer.status, answer.body, Object.assign(cors, answer.headers));
}

/** A 500 or 503 the engine answered for a thrown error: the cause (SQLite's own message) at error level. */
function logInternalError(
  state: ServerState,
  head: { method: string; url: string },
  answer: { status: number; internalError?: unknown },
): void {
  const error = answer.internalError;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const what = error instanceof Error ? `${error.message}${cause}` : String(error);
  state.logger.error(`${head.method} ${head.url} → ${answer.status}: ${what}`);
}

function setHeaders(response: ServerResponse, headers: Record<string, string>): void {
  for (const name of Object.keys(headers)) response.setHeader(name, headers[name] as string);
}

async function answerDocs(state: ServerState, request: IncomingMessage, response: ServerResponse) {
  if (state.docsDir && (request.method === 'GET' || request.method === 'HEAD')) {
    if (await serveStatic(request, response, DOCS_PATH, state.docsDir)) return;
  }
  const hint = state.docsDir
    ? `No such page in ${state.docsDir}.`
    : 'The API reference is not built: run `pnpm --filter @moedata/docs build` and restart, or pass --docs DIR.';
  sendJson(state, response, 404, { status: 'fail', message: hint });
}

/** Serves a file of the web app; resolves `false` (nothing written) when the engine should answer. */
async function answerApp(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  cors: Record<string, string>,
): Promise<boolean> {
  if (state.appDir === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  if (isUnderApiRoot(pathname)) return false;
  setHeaders(response, cors);
  return serveStatic(request, response, '', state.appDir);
}

/** `/_mock`: strict origins and Host, JSON and the admin token for writes (see admin-access.ts). */
async function answerInspection(state: ServerState, request: IncomingMessage, response: ServerResponse) {
  if (isPreflight(request)) {
    answerPreflight(request, response, state.admin.origins);
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const refusal = adminRefusal(request, url.pathname.slice(INSPECTION_PREFIX.length), state.admin);
  const cors = corsHeaders(request, state.admin.origins);
  if (refusal) {
    sendJson(state, response, refusal.status, { status: 'fail', message: refusal.message }, cors);
    return;
  }
  const answer = await handleInspection(state.engine, request, url, { adminToken: state.admin.token });
  if (answer.stream) await streamJson(state, response, answer.status, answer.stream(), cors);
  else sendJson(state, response, answer.status, answer.body, cors);
}

/** Writes JSON text piece by piece, waiting for the client to drain; stops if it goes away. */
async function streamJson(
  state: ServerState,
  response: ServerResponse,
  status: number,
  pieces: AsyncIterable<string>,
  headers: Record<string, string>,
): Promise<void> {
  if (state.closing) response.setHeader('connection', 'close');
  response.writeHead(status, { ...headers, 'content-type': 'application/json' });
  for await (const piece of pieces) {
    if (response.destroyed) return;
    if (!response.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  response.end();
}

async function route(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // The engine's parse of the same URL (remembered for repeated URLs); only the pathname is used here.
  const { pathname } = parseRequestUrl(request.url ?? '/');
  if (pathname === INSPECTION_PREFIX || pathname.startsWith(`${INSPECTION_PREFIX}/`)) {
    await answerInspection(state, request, response);
    return;
  }
  if (isPreflight(request)) {
    answerPreflight(request, response, state.corsOrigins);
    return;
  }
  const cors = corsHeaders(request, state.corsOrigins);
  if (pathname === DOCS_PATH || pathname.startsWith(`${DOCS_PATH}/`)) {
    setHeaders(response, cors);
    await answerDocs(state, request, response);
  } else if (state.appDir === undefined || !(await answerApp(state, request, response, pathname, cors))) {
    await answerDataApi(state, request, response, cors);
  }
}

/**
 * Starts the standalone emulator and resolves once it listens.
 *
 * @example
 * const server = await startMockServer({ port: 0, engineOptions: { workspaces: { DEMO: { apiKey: 'secret' } } } });
 * await fetch(`${server.url}/v1/customer/DEMO`, { method: 'POST', headers, body });
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const ownsEngine = options.engine === undefined;
  const engine = options.engine ?? createEngine(options.engineOptions ?? {});
  const corsOrigins = options.corsOrigins ?? '*';
  const host = options.host ?? '127.0.0.1';
  const boundHost = host.replace(/^\[|\]$/g, '').toLowerCase();
  const admin: AdminAccess = {
    token: options.adminToken === false ? undefined : (options.adminToken ?? newAdminToken()),
    origins: corsOrigins === '*' ? [] : corsOrigins,
    hosts: [
      ...(options.allowedHosts ?? []).map((name) => name.toLowerCase()),
      // A specific address the user chose to bind to is a name they expect to use.
      ...(boundHost === '0.0.0.0' || boundHost === '::' ? [] : [boundHost]),
    ],
  };
  const state: ServerState = {
    engine,
    corsOrigins,
    admin,
    docsDir: options.docsDir,
    appDir: options.appDir,
    logger: options.logger ?? createLogger('silent'),
    closing: false,
  };

  const logsRequests = state.logger.level === 'info' || state.logger.level === 'debug';
  const httpServer = createServer(
    { keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000 },
    (request, response) => {
      const started = performance.now();
      response.on('finish', () => {
        // Formatted only when printed: this runs for every request.
        if (logsRequests) {
          state.logger.info(
            `${request.method} ${request.url} → ${response.statusCode} (${Math.round(performance.now() - started)} ms)`,
          );
        }
        // During shutdown a connection that just finished its request is idle: close it now.
        if (state.closing) httpServer.closeIdleConnections();
      });
      route(state, request, response).catch((error: unknown) => {
        if (error instanceof ClientAbortedError) {
          state.logger.debug(`${request.method} ${request.url}: ${error.message}`);
          response.destroy();
          return;
        }
        const unavailable = error instanceof StoreUnavailableError;
        state.logger.error(
          `${request.method} ${request.url} failed inside the emulator: ${String(error)}${unavailable && error.cause instanceof Error ? ` (${error.cause.message})` : ''}`,
        );
        if (response.headersSent) response.destroy();
        else if (unavailable) {
          sendJson(state, response, 503, { status: 'fail', message: `${error.message} Retry later.` });
        } else {
          sendJson(state, response, 500, {
            status: 'fail',
            message:
              'The emulator failed on this request; see its log and report the request that caused it.',
          });
        }
      });
    },
  );
  capConnections(httpServer, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, state.logger);
  // `Expect: 100-continue`: a body announced over the limit is answered (413) without inviting it.
  httpServer.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    const head = { method: request.method ?? 'POST', url: request.url ?? '/', headers: headersOf(request) };
    if (!(Number(request.headers['content-length']) > engine.bodyLimit(head))) response.writeContinue();
    httpServer.emit('request', request, response);
  });

  const port = options.port ?? 4010;
  const warning = bindWarning(host);
  if (warning) state.logger.error(warning);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      state.closing = true;
      const deadline = setTimeout(() => httpServer.closeAllConnections(), options.shutdownTimeoutMs ?? 5_000);
      httpServer.close(() => {
        clearTimeout(deadline);
        if (ownsEngine) engine.store.close();
        resolve();
      });
      httpServer.closeIdleConnections();
    });
    return closed;
  };

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host,
    engine,
    adminToken: admin.token,
    adminHeaders: () => ({
      'content-type': 'application/json',
      ...(admin.token !== undefined && { [ADMIN_TOKEN_HEADER]: admin.token }),
    }),
    httpServer,
    close,
  };
}
