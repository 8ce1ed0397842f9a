/**
 * Proof that a page works offline: every request for a host other than 127.0.0.1 is blocked before it
 * leaves the machine and recorded, so a test can end with `expect(guard.offHostRequests()).toEqual([])`.
 */
import type { BrowserContext, Request } from 'playwright-core';

/** The only host the pages under test may reach. */
export const LOCAL_HOST = '127.0.0.1';

/** What {@link guardOffline} saw. */
export interface OfflineGuard {
  /**
   * URLs (first seen first, each once) of requests for another host: blocked by the guard, or seen
   * by the context and not answered by the page's service worker (such an answer never left the machine).
   */
  offHostRequests(): string[];
}

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

function isOffHost(url: URL): boolean {
  return NETWORK_PROTOCOLS.has(url.protocol) && url.hostname !== LOCAL_HOST;
}

/**
 * Routes every request of `context` (its pages and workers): 127.0.0.1 continues, anything else is
 * aborted (`blockedbyclient`) and recorded. Call it before opening pages.
 *
 * @example
 * const context = await browser.newContext();
 * const guard = await guardOffline(context);
 * await (await context.newPage()).goto(site.url);
 * expect(guard.offHostRequests()).toEqual([]);
 */
export async function guardOffline(context: BrowserContext): Promise<OfflineGuard> {
  const blocked: string[] = [];
  const seen = new Map<Request, string>();
  const answeredByServiceWorker = new Set<Request>();

  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (!isOffHost(url)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // A second net under the route: requests the route never saw (e.g. from a service worker) still count.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (isOffHost(url)) seen.set(request, url.href);
  });
  // MSW's worker answers the real MoEngage host inside the browser: that request stays on the machine.
  context.on('response', (response) => {
    if (response.fromServiceWorker()) answeredByServiceWorker.add(response.request());
  });

  return {
    offHostRequests: () => {
      const left = [...seen]
        .filter(([request]) => !answeredByServiceWorker.has(request))
        .map(([, url]) => url);
      return [...new Set([...blocked, ...left])];
    },
  };
}
