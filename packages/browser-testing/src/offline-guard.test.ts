import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium } from './chromium.ts';
import { guardOffline } from './offline-guard.ts';
import { type StaticSite, serveFolder } from './static-server.ts';

describeWithChromium('guardOffline in headless Chromium', { timeout: 30_000 }, () => {
  let folder: string;
  let site: StaticSite;
  let browser: Browser;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'offline-guard-'));
    await writeFile(join(folder, 'local.json'), '{"local":true}');
    await writeFile(join(folder, 'index.html'), '<!doctype html><title>guard</title>');
    [site, browser] = await Promise.all([serveFolder(folder), launchChromium()]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('lets 127.0.0.1 through, and blocks and records every other host', async () => {
    const context = await browser.newContext();
    const guard = await guardOffline(context);
    const page = await context.newPage();
    await page.goto(site.url);

    const outcomes = await page.evaluate(async () => {
      const attempt = (url: string) =>
        fetch(url).then(
          (response) => response.text(),
          () => 'blocked',
        );
      return [await attempt('/local.json'), await attempt('https://example.invalid/phone-home')];
    });

    expect(outcomes).toEqual(['{"local":true}', 'blocked']);
    expect(guard.offHostRequests()).toEqual(['https://example.invalid/phone-home']);
    await context.close();
  });

  it('records nothing for a page that only asks 127.0.0.1', async () => {
    const context = await browser.newContext();
    const guard = await guardOffline(context);
    const page = await context.newPage();
    await page.goto(site.url);
    await page.evaluate(() => fetch('/local.json').then((response) => response.text()));
    expect(guard.offHostRequests()).toEqual([]);
    await context.close();
  });
});
