/**
 * The mock as the contract tests run it: the real engine behind the real adapters (MSW's
 * `setupServer` in-process, the standalone `node:http` server on 127.0.0.1), with every response the
 * engine produces validated against the document on its way out.
 */
import { createEngine, type Engine, type EngineOptions, type WorkspaceConfig } from '@moedata/mock';
import {
  type MockServer,
  type MoEngageMswServer,
  setupMoEngageServer,
  startMockServer,
} from '@moedata/mock/node';
import { beginActivity } from './activity.ts';
import { observeResponse } from './observe.ts';

/** The workspace most tests act as. */
export const WS1 = 'WS1';
/** Its Data API key. */
export const KEY1 = 'ws1-data-api-key';
/** A second workspace, for app_id and MOE-APPKEY mismatches. */
export const WS2 = 'WS2';
/** Its Data API key. */
export const KEY2 = 'ws2-data-api-key';

/** Options of the contract mock: the engine's, with `workspaces` added to WS1 and WS2. */
export interface ContractMockOptions extends EngineOptions {
  workspaces?: Record<string, WorkspaceConfig>;
}

/** Which adapter serves the engine (`engine`: called directly); recorded with each response. */
export type Adapter = 'msw' | 'http' | 'engine';

/**
 * Wraps an engine so every answer is checked against the document (see `observe.ts`) and counted as
 * a request in flight for the fake clock.
 */
export function observedEngine(engine: Engine, adapter: Adapter): Engine {
  return {
    ...engine,
    async handle(request) {
      const end = beginActivity();
      try {
        const response = await engine.handle(request);
        observeResponse(
          {
            method: request.method,
            url: request.url,
            status: response.status,
            headers: response.headers,
            bodyText: JSON.stringify(response.body) ?? '',
          },
          adapter,
        );
        return response;
      } finally {
        end();
      }
    },
  };
}

/** An engine with WS1 and WS2 (plus `options.workspaces`), answering instantly for injected latency. */
export function createContractEngine(options: ContractMockOptions, adapter: Adapter): Engine {
  const { workspaces, ...rest } = options;
  return observedEngine(
    createEngine({
      sleep: async () => {},
      ...rest,
      workspaces: { [WS1]: { apiKey: KEY1 }, [WS2]: { apiKey: KEY2 }, ...workspaces },
    }),
    adapter,
  );
}

/**
 * The emulator behind MSW in this process, on every MoEngage host (a client with `dataCenter` reaches
 * it). Call `listen()` in beforeAll, `reset()` in afterEach and `close()` in afterAll.
 */
export function setupContractMsw(options: ContractMockOptions = {}): MoEngageMswServer {
  return setupMoEngageServer({ engine: createContractEngine(options, 'msw') });
}

/** The standalone emulator on 127.0.0.1 and a free port. */
export function startContractServer(options: ContractMockOptions = {}): Promise<MockServer> {
  return startMockServer({ engine: createContractEngine(options, 'http'), host: '127.0.0.1', port: 0 });
}
