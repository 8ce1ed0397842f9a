import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyWorkerScript, WORKER_FILE_NAME } from '../scripts/copy-worker.ts';
import type { RoundTripResult } from './browser/page.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM);
if (!chromiumPresent && process.env.CI === 'true') {
  throw new Error(
    `Chromium is required in CI but ${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH).`,
  );
}
if (!chromiumPresent) {
  console.warn(
    `\n!!! SKIPPING the browser test: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. !!!\n`,
  );
}

/** Artifacts (bundle, worker copy, screenshot) land here, outside git. */
const artifacts = fileURLToPath(new URL('../test-results/browser/', import.meta.url));

let site: Server;
let siteUrl: string;
let browser: Browser | undefined;

/** Bundles the page with esbuild and serves it, with MSW's worker script, from 127.0.0.1. */
async function serveTestPage(): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
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
  writeFileSync(
    join(artifacts, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>moengage-mock browser test</title><body>starting…<script type="module" src="/page.js"></script>',
  );
  const files: Record<string, string> = {
    '/': 'index.html',
    '/page.js': 'page.js',
    [`/${WORKER_FILE_NAME}`]: WORKER_FILE_NAME,
  };
  site = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return void response.writeHead(404).end();
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    response
      .writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
      .end(readFileSync(join(artifacts, file)));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
}

describe.skipIf(!chromiumPresent)('MSW worker in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await serveTestPage();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      timeout: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('runs Track User then Get User from a page, answered by the emulator in the service worker', async () => {
    const page = await (browser as Browser).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Nothing may reach the network: every MoEngage answer must come from the service worker.
    const moengageAnswers: Array<{ url: string; fromServiceWorker: boolean }> = [];
    page.on('response', (response) => {
      if (response.url().includes('moengage.com')) {
        moengageAnswers.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
      }
    });

    await page.goto(siteUrl);
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
          { user_attributes: expect.objectContaining({ customer_id: 'browser-user', u_n: 'John Doe' }) },
        ],
      },
    });
    expect(result.rateLimitRemaining).toMatch(/^\d+$/);
    expect(result.storedAttributes).toMatchObject({ u_n: 'John Doe', plan: 'gold' });
    expect(moengageAnswers.length).toBeGreaterThanOrEqual(2);
    expect(moengageAnswers.every((answer) => answer.fromServiceWorker)).toBe(true);
    await page.close();
  });
});
