/**
 * The emulator behind MSW's `setupServer`, set up the way our docs tell users to: unhandled requests
 * fail the test, handlers, store and workspace settings are reset after each test.
 */
import { DEMO_WORKSPACE } from '@moedata/mock';
import { type MoEngageMswServer, setupMoEngageServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * The emulator's clock in these tests: half a minute into a rate-limit window, and standing still, so a
 * test that counts on two requests sharing one window's budget never straddles a minute boundary.
 */
export const PINNED_CLOCK = { now: () => Date.UTC(2026, 0, 15, 12, 0, 30) };

/** Registers the hooks and returns the running mock (`mock.store`, `mock.engine`, `mock.server.use()`). */
export function useDemoEmulator(): MoEngageMswServer {
  const mock = setupMoEngageServer({
    clock: PINNED_CLOCK,
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
