// Opens the built API reference in Debian's headless Chromium, served from 127.0.0.1, and checks
// what a reader must find: every operation, every response status (errors included) with the three
// rate-limit headers, and a page that asks nothing of any other host (it works offline).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestResultsDir,
  describeWithChromium,
  guardOffline,
  launchChromium,
  type OfflineGuard,
} from '@moedata/browser-testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { docsDistDir, type RunningDocsServer, serveDocs } from '../src/index.ts';

const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;
const builtDocument = join(docsDistDir, 'openapi.json');

interface ShownOperation {
  operationId: string;
  summary: string;
  tag: string;
  statuses: string[];
}

/** The operations the site must show, read from the document the site was built from (its dist copy). */
function operationsOfBuiltSite(): { title: string; operations: ShownOperation[] } {
  if (!existsSync(join(docsDistDir, 'index.html')) || !existsSync(builtDocument)) {
    throw new Error(
      `The site is not built (${docsDistDir} is incomplete): run \`pnpm --filter @moedata/docs build\` first.`,
    );
  }
  const document = JSON.parse(readFileSync(builtDocument, 'utf8')) as {
    info: { title: string };
    paths: Record<
      string,
      Record<string, { operationId: string; summary: string; tags: string[]; responses: object }>
    >;
  };
  const operations = Object.values(document.paths).flatMap((item) =>
    Object.values(item).map((operation) => ({
      operationId: operation.operationId,
      summary: operation.summary,
      tag: operation.tags[0] ?? '',
      statuses: Object.keys(operation.responses),
    })),
  );
  return { title: document.info.title, operations };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describeWithChromium('the API reference site (dist/) in headless Chromium', () => {
  let site: { title: string; operations: ShownOperation[] } = { title: '', operations: [] };
  let server: RunningDocsServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let resultsDir: string;
  let offline: OfflineGuard;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    site = operationsOfBuiltSite();
    resultsDir = await createTestResultsDir(new URL('..', import.meta.url));
    server = await serveDocs({ port: 0, root: docsDistDir });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    // Offline proof: anything not for 127.0.0.1 is recorded and blocked.
    offline = await guardOffline(context);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url, { waitUntil: 'load' });
    // The 2.5 MB page hydrates after load; its first heading says it is ready.
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Shows one operation (Redoc routes by hash: #/<tag>/<operationid>) and returns its section. */
  async function openOperation(operation: ShownOperation): Promise<Locator> {
    const tagLink = page
      .locator('a[href]')
      .filter({ hasText: new RegExp(`^${escapeRegExp(operation.tag)}$`) });
    const tagPath = (await tagLink.first().getAttribute('href'))?.replace(/^#/, '');
    expect(tagPath, `no navigation link for tag "${operation.tag}"`).toMatch(/^\//);
    const sectionId = `${tagPath}/${operation.operationId.toLowerCase()}`;
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#${sectionId}`);
    const section = page.locator(`[data-section-id="${sectionId}"]`);
    await section.locator('h2').first().waitFor({ timeout: 10_000 });
    return section;
  }

  it('renders the title of the document', async () => {
    expect(await page.locator('h1').first().textContent()).toContain(site.title);
    await page.screenshot({ path: join(resultsDir, 'site.png') });
  });

  it('lists all 8 operations', () => {
    expect(site.operations.map(({ operationId }) => operationId).sort()).toEqual(
      [
        'bulkImport',
        'createEvent',
        'deleteUser',
        'getUser',
        'mergeUsers',
        'trackDevice',
        'trackUser',
        'triggerFileImport',
      ].sort(),
    );
  });

  it('shows each operation with its summary and every response status, errors included', async () => {
    for (const operation of site.operations) {
      const section = await openOperation(operation);
      expect(await section.locator('h2').first().textContent()).toBe(operation.summary);
      const tabs = section.locator('[role="tablist"][aria-label="Response status"] [role="tab"]');
      expect(await tabs.allTextContents(), `${operation.operationId} response statuses`).toEqual(
        operation.statuses,
      );
      expect(operation.statuses, `${operation.operationId} documents the common errors`).toEqual(
        expect.arrayContaining(['400', '401', '413', '429', '500']),
      );
    }
  }, 60_000);

  it('shows the three rate-limit headers on every response of every operation', async () => {
    for (const operation of site.operations) {
      const section = await openOperation(operation);
      // Clicks each response tab inside the page (one round trip per operation) and reads which
      // header names are visible once React has rendered that response.
      const shownByStatus = await section.evaluate(
        async (element, names) => {
          const shown: Record<string, string[]> = {};
          const tabs = element.querySelectorAll<HTMLElement>(
            '[role="tablist"][aria-label="Response status"] [role="tab"]',
          );
          for (const tab of tabs) {
            tab.click();
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
            const visible = names.filter((name) =>
              [...element.querySelectorAll('span')].some(
                (span) => span.textContent === name && span.checkVisibility(),
              ),
            );
            shown[
              `${tab.textContent}${tab.getAttribute('aria-selected') === 'true' ? '' : ' (not selected)'}`
            ] = visible;
          }
          return shown;
        },
        [...RATE_LIMIT_HEADERS],
      );
      expect(shownByStatus, `${operation.operationId}: visible rate-limit headers per response`).toEqual(
        Object.fromEntries(operation.statuses.map((status) => [status, [...RATE_LIMIT_HEADERS]])),
      );
    }
    const trackUser = site.operations.find(({ operationId }) => operationId === 'trackUser');
    if (trackUser !== undefined) {
      const section = await openOperation(trackUser);
      await section.locator('[role="tab"]').filter({ hasText: /^429$/ }).click();
      await section.screenshot({ path: join(resultsDir, 'trackUser-429.png') });
    }
  }, 60_000);

  it('shows every operation called through @moedata/client and with curl (x-codeSamples)', async () => {
    const labels = ['TypeScript (@moedata/client)', 'curl'];
    for (const operation of site.operations) {
      const section = await openOperation(operation);
      // The request panel's language picker: a dropdown whose button names the sample shown.
      const picker = section.locator('[data-component-name="Dropdown/Dropdown"]').filter({
        has: page.locator(':scope > button', { hasText: /^(TypeScript \(@moedata\/client\)|curl)$/ }),
      });
      const shown = section.locator('pre[data-testid="source-code"]');
      for (const [label, code] of [
        [labels[0], `await moengage.${operation.operationId}(`],
        [labels[1], 'curl -X POST'],
      ] as const) {
        await picker.locator(':scope > button').click();
        // The open menu is rendered apart from its button; only one menu is open at a time.
        const items = page.locator('[role="menuitem"]:visible');
        // The two samples come first; the JSON body follows as "Payload" on operations that take one.
        expect(
          (await items.allTextContents()).slice(0, 2),
          `${operation.operationId} sample languages`,
        ).toEqual(labels);
        await items.filter({ hasText: label }).click();
        await expect
          .poll(() => shown.filter({ hasText: code }).count(), {
            message: `${operation.operationId}: the ${label} sample shows "${code}"`,
            timeout: 5_000,
          })
          .toBe(1);
      }
    }
    const trackUser = site.operations.find(({ operationId }) => operationId === 'trackUser');
    if (trackUser !== undefined) {
      const section = await openOperation(trackUser);
      await section
        .locator('[data-component-name="Dropdown/Dropdown"] > button', { hasText: 'curl' })
        .click();
      await page.locator('[role="menuitem"]:visible', { hasText: labels[0] }).click();
      await section.screenshot({ path: join(resultsDir, 'trackUser-typescript-sample.png') });
    }
  }, 60_000);

  it('offers the OpenAPI document for download', async () => {
    await expect(page.locator('a[download][href="./openapi.json"]').isVisible()).resolves.toBe(true);
    const download = await fetch(new URL('openapi.json', server?.url));
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(readFileSync(builtDocument, 'utf8'));
  });

  it('requests nothing from any host but 127.0.0.1 and logs no errors', () => {
    expect(offline.offHostRequests()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
