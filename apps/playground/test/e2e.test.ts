/**
 * End to end, in headless Chromium: the production build of the playground, served from 127.0.0.1
 * like any static site, used the way a newcomer would. Track User, fetch the user back with Get User,
 * lower the budget until the emulator answers 429, first with the emulator in the page's service
 * worker (no server at all), then against the standalone emulator. Screenshots land in test-results/.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  createTestResultsDir,
  describeWithChromium,
  guardOffline,
  launchChromium,
  type StaticSite,
  serveFolder,
} from '@moedata/browser-testing';
import { DEMO_WORKSPACE } from '@moedata/mock';
import { type MockServer, startMockServer } from '@moedata/mock/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** The README's screenshot: written when missing, or refreshed with PLAYGROUND_SCREENSHOT=1. */
const readmeScreenshot = join(packageDir, 'docs', 'screenshot.png');

let results: string;
let site: StaticSite;
let emulator: MockServer;
let browser: Browser;

/** Builds the playground exactly as `pnpm build` does, into test-results so dist/ is left alone. */
async function buildPlayground(builtSite: string): Promise<void> {
  const vite = join(packageDir, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', builtSite, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: packageDir,
      timeout: 60_000,
    },
  );
}

/** The number on a tab of the state panel. */
async function tabCount(page: Page, tab: string): Promise<number> {
  return Number(await page.locator(`[data-testid="tab-${tab}"] .tab-count`).textContent());
}

/** Clicks Send and waits until the emulator's request log shows the request (the page re-reads it after every answer). */
async function send(page: Page): Promise<string> {
  const before = await tabCount(page, 'requests');
  await page.getByTestId('send').click();
  await expect.poll(() => tabCount(page, 'requests'), { timeout: 10_000 }).toBe(before + 1);
  return (await page.getByTestId('response-status').textContent()) ?? '';
}

async function open(page: Page, query: string, mode: 'worker' | 'emulator'): Promise<void> {
  await page.goto(`${site.url}${query}`);
  await page.waitForSelector(`#app[data-ready="${mode}"]`, { timeout: 20_000 });
}

/**
 * Rate-limit windows are aligned to wall-clock minutes (decisions.md), in the page's engine and in the
 * emulator alike: a sequence that counts on staying in one window starts well inside one, or a minute
 * boundary in the middle would hand it a fresh budget.
 */
async function awayFromWindowEdge(marginMs = 15_000): Promise<void> {
  const leftInWindow = 60_000 - (Date.now() % 60_000);
  if (leftInWindow < marginMs) await new Promise((resolve) => setTimeout(resolve, leftInWindow + 250));
}

/** Track User, Get User, then a 429 with the budget lowered to 2 users per window (all in one window). */
async function trackFetchAndExhaust(page: Page, screenshotPrefix: string): Promise<void> {
  await awayFromWindowEdge();
  expect(await send(page)).toBe('200 OK');
  await page.screenshot({ path: join(results, `${screenshotPrefix}-1-track-user.png`), fullPage: true });

  await page.getByTestId('nav-getUser').click();
  await page.getByTestId('example').selectOption('allFields');
  await page
    .getByTestId('editor')
    .fill(
      JSON.stringify(
        { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'john@example.com' }] } },
        null,
        2,
      ),
    );
  expect(await send(page)).toBe('200 OK');
  const fetched = JSON.parse((await page.getByTestId('response-body').textContent()) ?? '{}');
  expect(fetched.data.users[0].user_attributes).toMatchObject({
    customer_id: 'john@example.com',
    name: 'JohnDoe',
  });
  await page.screenshot({ path: join(results, `${screenshotPrefix}-2-get-user.png`), fullPage: true });

  await page.getByTestId('nav-trackUser').click();
  await page.getByTestId('budget-users').fill('2');
  await page.getByTestId('budget-apply-users').click();
  await expect.poll(() => page.getByTestId('budget-users').inputValue()).toBe('2');
  expect(await send(page)).toBe('200 OK'); // the second user of this window
  expect(await send(page)).toBe('429 Too Many Requests');
  expect(await page.getByTestId('response-error').textContent()).toContain('RateLimitedError');
  expect(await page.getByTestId('gauge-remaining').textContent()).toBe('0');
  expect(await page.getByTestId('user-john@example.com').count()).toBe(1);
  await page.screenshot({ path: join(results, `${screenshotPrefix}-3-rate-limited.png`), fullPage: true });
}

describeWithChromium('the playground in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    results = await createTestResultsDir(packageDir, 'e2e');
    const builtSite = join(results, 'dist');
    [, site, browser] = await Promise.all([
      buildPlayground(builtSite),
      serveFolder(builtSite),
      launchChromium(),
    ]);
    emulator = await startMockServer({
      port: 0,
      // The page comes from another origin: `/_mock` answers it only when listed, as with --cors-origin.
      corsOrigins: [new URL(site.url).origin],
      engineOptions: {
        workspaces: { [DEMO_WORKSPACE.workspaceId]: { apiKey: DEMO_WORKSPACE.apiKey } },
      },
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await emulator?.close();
  });

  it('tracks a user, fetches it back and hits a 429, in the page and against the standalone emulator', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    // The standalone emulator is on 127.0.0.1 too: nothing the newcomer does may leave the machine.
    const offline = await guardOffline(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const moengageAnswers: boolean[] = [];
    page.on('response', (response) => {
      if (response.url().includes('moengage.com')) moengageAnswers.push(response.fromServiceWorker());
    });

    // 1. No server at all: the service worker from the build answers the real MoEngage host.
    await open(page, '?mode=worker', 'worker');
    expect(await page.getByTestId('mode').getAttribute('data-mode')).toBe('worker');
    await trackFetchAndExhaust(page, 'worker');
    expect(moengageAnswers.length).toBeGreaterThanOrEqual(4);
    expect(moengageAnswers.every(Boolean)).toBe(true);
    if (process.env.PLAYGROUND_SCREENSHOT === '1' || !existsSync(readmeScreenshot)) {
      mkdirSync(join(packageDir, 'docs'), { recursive: true });
      copyFileSync(join(results, 'worker-3-rate-limited.png'), readmeScreenshot);
    }

    // 2. The standalone emulator (as `npm start` runs it), over HTTP with CORS.
    await open(page, `?emulator=${encodeURIComponent(emulator.url)}`, 'emulator');
    await trackFetchAndExhaust(page, 'emulator');
    expect(emulator.engine.store.users.get('DEMO', 'john@example.com')?.attributes).toMatchObject({
      u_n: 'JohnDoe',
    });
    expect(emulator.engine.store.requestLog.list('DEMO', { status: 429 })).toHaveLength(1);

    expect(pageErrors).toEqual([]);
    expect(offline.offHostRequests()).toEqual([]);
    await context.close();
  });
});
