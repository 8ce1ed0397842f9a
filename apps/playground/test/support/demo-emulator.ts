/**
 * The emulator behind MSW's `setupServer`, set up the way our docs tell users to: unhandled requests
 * fail the test, handlers, store and workspace settings are reset after each test.
 */
import { DEMO_WORKSPACE } from '@moedata/mock';
import { type MoEngageMswServer, setupMoEngageServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Registers the hooks and returns the running mock (`mock.store`, `mock.engine`, `mock.server.use()`). */
export function useDemoEmulator(): MoEngageMswServer {
  const mock = setupMoEngageServer({
    workspaces: { [DEMO_WORKSPACE.workspaceId]: { apiKey: DEMO_WORKSPACE.apiKey } },
  });
  beforeAll(() => mock.listen());
  afterEach(() => {
    mock.reset();
    // Budgets lowered by a test live in the workspace settings, which reset() keeps.
    mock.workspaces.add(DEMO_WORKSPACE.workspaceId, { apiKey: DEMO_WORKSPACE.apiKey });
  });
  afterAll(() => mock.close());
  return mock;
}
