import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestResultsDir,
  describeWithChromium,
  guardOffline,
  launchChromium,
  type StaticSite,
  serveFolder,
} from '@moedata/browser-testing';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyWorkerScript } from '../scripts/copy-worker.ts';
import type { RoundTripResult } from './browser/page.ts';

/** Bundles the page with esbuild into `artifacts`, next to MSW's worker script and an index.html. */
async function buildTestPage(artifacts: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./browser/page.ts', import.meta.url))],
    outfile: join(artifacts, 'page.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2023',
    logLevel: 'silent',
  });
  copyWorkerScript(artifacts);
  await writeFile(
    join(artifacts, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>moengage-mock browser test</title><body>starting…<script type="module" src="/page.js"></script>',
  );
}

describeWithChromium('MSW worker in headless Chromium', { timeout: 60_000 }, () => {
  /** Artifacts (bundle, worker copy, screenshot) land here, outside git; the page is served from it. */
  let artifacts: string;
  let site: StaticSite | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    artifacts = await createTestResultsDir(new URL('..', import.meta.url), 'browser');
    await buildTestPage(artifacts);
    site = await serveFolder(artifacts);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('runs Track User then Get User from a page, answered by the emulator in the service worker', async () => {
    const context = await (browser as Browser).newContext();
    const offline = await guardOffline(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Nothing may reach the network: every MoEngage answer must come from the service worker.
    const moengageAnswers: Array<{ url: string; fromServiceWorker: boolean }> = [];
    page.on('response', (response) => {
      if (response.url().includes('moengage.com')) {
        moengageAnswers.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
      }
    });

    await page.goto((site as StaticSite).url);
    await page.waitForFunction(() => window.__roundTrip !== undefined, undefined, { timeout: 30_000 });
    const result = (await page.evaluate(() => window.__roundTrip)) as RoundTripResult;
    await page.screenshot({ path: join(artifacts, 'round-trip.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
    expect(result.error).toBeUndefined();
    expect(result.trackStatus).toBe(200);
    expect(result.trackBody).toMatchObject({ status: 'success' });
    expect(result.getStatus).toBe(200);
    expect(result.getBody).toMatchObject({
      data: {
        users: [
          { user_attributes: expect.objectContaining({ customer_id: 'browser-user', name: 'John Doe' }) },
        ],
      },
    });
    expect(result.rateLimitRemaining).toMatch(/^\d+$/);
    expect(result.storedAttributes).toMatchObject({ u_n: 'John Doe', plan: 'gold' });
    expect(moengageAnswers.length).toBeGreaterThanOrEqual(2);
    expect(moengageAnswers.every((answer) => answer.fromServiceWorker)).toBe(true);
    expect(offline.offHostRequests()).toEqual([]);
    await context.close();
  });
});
