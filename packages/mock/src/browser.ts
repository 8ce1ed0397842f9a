/**
 * `@moedata/mock/browser`: the emulator in the browser — MSW's `setupWorker` wired to the engine.
 * The page must serve MSW's worker script (`mockServiceWorker.js`); see the package README
 * (`node packages/mock/scripts/copy-worker.ts public/` or `npx msw init public/`).
 */
import type { HttpHandler } from 'msw';
import { type SetupWorker, type StartOptions, setupWorker } from 'msw/browser';
import type { Engine, EngineOptions, WorkspaceRegistry } from './engine/types.ts';
import { type CreateHandlersOptions, engineAndHandlers } from './handlers/create-handlers.ts';
import type { Store } from './store/types.ts';

/** Options of {@link setupMoEngageWorker}: the engine's options (or an engine) and where to answer. */
export interface MoEngageWorkerOptions extends EngineOptions, CreateHandlersOptions {
  /** Serve this engine instead of creating one from the other options. */
  engine?: Engine;
}

/** MSW's worker with the emulator behind it. */
export interface MoEngageMswWorker {
  /** MSW's `setupWorker` result: `use()` for overrides, `events`, `stop()`. */
  readonly worker: SetupWorker;
  readonly engine: Engine;
  /** The emulator's state, inspectable from the page (`store.users.get(workspaceId, customerId)`). */
  readonly store: Store;
  readonly workspaces: WorkspaceRegistry;
  readonly handlers: readonly HttpHandler[];
  /**
   * Registers the worker and starts intercepting.
   * @default { onUnhandledFrame: 'bypass', quiet: true } so the page's own assets load untouched
   */
  start(options?: StartOptions): Promise<ServiceWorkerRegistration | undefined>;
  /** Drops `worker.use()` overrides and empties the store and rate-limit windows. */
  reset(): void;
  stop(): void;
}

/**
 * Sets up MSW in the browser with the MoEngage emulator behind every Data API host (and `baseUrl`).
 *
 * @example
 * const mock = setupMoEngageWorker({ workspaces: { DEMO: { apiKey: 'secret' } } });
 * await mock.start();
 * // fetch('https://api-01.moengage.com/v1/customer/DEMO', ...) is now answered by the emulator
 */
export function setupMoEngageWorker(options: MoEngageWorkerOptions = {}): MoEngageMswWorker {
  const { engine, handlers } = engineAndHandlers(options);
  const worker = setupWorker(...handlers);
  return {
    worker,
    engine,
    store: engine.store,
    workspaces: engine.workspaces,
    handlers,
    start: (startOptions) => worker.start({ onUnhandledFrame: 'bypass', quiet: true, ...startOptions }),
    reset: () => {
      worker.resetHandlers();
      engine.reset();
    },
    stop: () => {
      void worker.stop();
    },
  };
}
