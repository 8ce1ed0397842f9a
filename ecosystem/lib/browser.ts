/**
 * The worker-mode cell's browser half: serves the built Vite app from 127.0.0.1 and loads it in Debian's
 * headless Chromium with the repo's launch flags, CI policy and offline guard (@moedata/browser-testing).
 */
import assert from 'node:assert/strict';
import {
  chromiumAvailability,
  decideChromiumSuite,
  guardOffline,
  launchChromium,
  serveFolder,
} from '../../packages/browser-testing/src/index.ts';

export type BrowserCheck = { status: 'passed'; result: string } | { status: 'skipped'; reason: string };

/** What the fixture page writes into its `<output>` once the client has read the user back. */
const EXPECTED = { readBack: 'Ada Lovelace', stored: { u_n: 'Ada Lovelace' } };

export async function checkInChromium(builtApp: string): Promise<BrowserCheck> {
  const decision = decideChromiumSuite('ecosystem: chromium worker', chromiumAvailability());
  if (decision.action === 'fail') throw decision.error;
  if (decision.action === 'skip') return { status: 'skipped', reason: decision.warning };

  const [site, browser] = await Promise.all([serveFolder(builtApp), launchChromium()]);
  try {
    const context = await browser.newContext();
    const guard = await guardOffline(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url);
    const output = page.locator('output:not([data-status="running"])');
    await output.waitFor({ timeout: 30_000 });
    const [status, text] = await Promise.all([output.getAttribute('data-status'), output.textContent()]);
    assert.equal(status, 'done', `the page failed: ${text} ${errors.join('; ')}`);
    assert.deepEqual(JSON.parse(text ?? ''), EXPECTED);
    // The client called api-01.moengage.com: only the service worker may have answered it.
    assert.deepEqual(guard.offHostRequests(), []);
    return { status: 'passed', result: text ?? '' };
  } finally {
    await browser.close();
    await site.close();
  }
}
