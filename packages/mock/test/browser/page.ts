/**
 * The page the browser test loads: it starts the emulator's MSW worker through the public
 * `@moedata/mock/browser` entry, then runs Track User and Get User against the real MoEngage host
 * name (answered by the service worker, never the network) and publishes what it saw.
 */

import { setupMoEngageWorker } from '@moedata/mock/browser';
import { coreHost } from '@moedata/spec/rules';
import { getUser, getUserBody, TEST_WORKSPACE, trackUser, trackUserBody } from '../support/data-api.ts';

/** What the page publishes on `window.__roundTrip` for the test to read. */
export interface RoundTripResult {
  trackStatus?: number;
  trackBody?: unknown;
  getStatus?: number;
  getBody?: unknown;
  rateLimitRemaining?: string | null;
  storedAttributes?: unknown;
  error?: string;
}

declare global {
  interface Window {
    __roundTrip?: RoundTripResult;
  }
}

const mock = setupMoEngageWorker({
  workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } },
});

async function roundTrip(): Promise<RoundTripResult> {
  await mock.start({ serviceWorker: { url: '/mockServiceWorker.js' } });
  const tracked = await trackUser(coreHost('01'), trackUserBody('browser-user'));
  const fetched = await getUser(coreHost('01'), getUserBody('browser-user'));
  return {
    trackStatus: tracked.status,
    trackBody: await tracked.json(),
    getStatus: fetched.status,
    getBody: await fetched.json(),
    rateLimitRemaining: fetched.headers.get('x-ratelimit-remaining'),
    storedAttributes: mock.store.users.get(TEST_WORKSPACE.workspaceId, 'browser-user')?.attributes,
  };
}

roundTrip().then(
  (result) => {
    window.__roundTrip = result;
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(result, null, 2);
    document.body.replaceChildren(pre);
  },
  (error: unknown) => {
    window.__roundTrip = {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
    document.body.textContent = `Round trip failed: ${window.__roundTrip.error}`;
  },
);
