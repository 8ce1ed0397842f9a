/**
 * `@moedata/mock/node`: the emulator in Node.js — MSW's `setupServer` wired to the engine, the
 * standalone HTTP server, the CLI's programmatic start, and the SQLite store (Node's `node:sqlite`).
 */
import type { HttpHandler } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import type { Engine, EngineOptions, WorkspaceRegistry } from './engine/types.ts';
import { type CreateHandlersOptions, engineAndHandlers } from './handlers/create-handlers.ts';
import type { Store } from './store/types.ts';

/** Options of {@link setupMoEngageServer}: the engine's options (or an engine) and where to answer. */
export interface MoEngageServerOptions extends EngineOptions, CreateHandlersOptions {
  /** Serve this engine instead of creating one from the other options. */
  engine?: Engine;
}

/** MSW's server with the emulator behind it. */
export interface MoEngageMswServer {
  /** MSW's `setupServer` result: `use()` for per-test overrides, `events`, `boundary()`. */
  readonly server: SetupServer;
  readonly engine: Engine;
  /** The emulator's state (`store.users.get(workspaceId, customerId)`, `store.drops.list()`, ...). */
  readonly store: Store;
  readonly workspaces: WorkspaceRegistry;
  /** The emulator's handlers (what `resetHandlers()` returns to). */
  readonly handlers: readonly HttpHandler[];
  /** Starts intercepting. @default { onUnhandledFrame: 'error' } so a request nothing answers fails the test */
  listen(options?: Parameters<SetupServer['listen']>[0]): void;
  /** Drops per-test `server.use()` overrides and empties the store and rate-limit windows (call in `afterEach`). */
  reset(): void;
  /** Stops intercepting. */
  close(): void;
}

/**
 * Sets up MSW in Node with the MoEngage emulator behind every Data API host (and `baseUrl`, when given).
 *
 * @example
 * const mock = setupMoEngageServer({ workspaces: { DEMO: { apiKey: 'secret' } } });
 * beforeAll(() => mock.listen());
 * afterEach(() => mock.reset());
 * afterAll(() => mock.close());
 * // ... a test calls the client, then reads mock.store.users.get('DEMO', 'john')
 */
export function setupMoEngageServer(options: MoEngageServerOptions = {}): MoEngageMswServer {
  const { engine, handlers } = engineAndHandlers(options);
  const server = setupServer(...handlers);
  return {
    server,
    engine,
    store: engine.store,
    workspaces: engine.workspaces,
    handlers,
    listen: (listenOptions) => server.listen({ onUnhandledFrame: 'error', ...listenOptions }),
    reset: () => {
      server.resetHandlers();
      engine.reset();
    },
    close: () => server.close(),
  };
}

// The standalone server and its pieces
export { DEMO_WORKSPACE } from './cli/demo-workspace.ts';
export { type CliIo, type RunningCli, runCli, type StartCliOptions, startCli } from './cli/main.ts';
export type { CorsOrigins } from './server/cors.ts';
export { createLogger, type Logger, type LogLevel, type LogSink } from './server/logger.ts';
export { DOCS_PATH, type MockServer, type MockServerOptions, startMockServer } from './server/mock-server.ts';

// Persistence
export { createSqliteStore, type SqliteStoreOptions } from './store/sqlite.ts';
