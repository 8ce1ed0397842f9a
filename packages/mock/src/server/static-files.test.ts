import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataApiHeaders, TEST_WORKSPACE, trackUser, trackUserBody } from '../../test/support/data-api.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

let server: MockServer;
let root: string;

/** Writes `content` at `path` under `folder`, creating the folders on the way. */
function put(folder: string, path: string, content: string): void {
  mkdirSync(join(folder, path, '..'), { recursive: true });
  writeFileSync(join(folder, path), content);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'moengage-mock-static-'));
  const docsDir = join(root, 'dist');
  put(docsDir, 'index.html', '<h1>API reference</h1>');
  put(docsDir, 'guide/index.html', '<h1>Guide</h1>');
  put(root, 'secret.txt', 'outside the docs folder');
  const appDir = join(root, 'app');
  put(appDir, 'index.html', '<h1>Playground</h1>');
  put(appDir, 'assets/main.js', 'console.info("playground");');
  put(appDir, 'mockServiceWorker.js', '// worker');
  // Files where the Data API and /docs live: they must never be served instead.
  put(appDir, `v1/customer/${TEST_WORKSPACE.workspaceId}`, 'shadowing the Data API');
  put(appDir, 'docs/index.html', 'shadowing the reference');
  server = await startMockServer({
    port: 0,
    docsDir,
    appDir,
    engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET, so `..` segments reach the server as sent (fetch would normalise them away). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('/docs static site', () => {
  it('serves the index page of the docs folder with an HTML content type', async () => {
    const response = await fetch(`${server.url}/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('API reference');
  });

  it('redirects /docs to /docs/ and serves a sub-folder index', async () => {
    const redirect = await fetch(`${server.url}/docs`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/docs/');
    expect(await (await fetch(`${server.url}/docs/guide/`)).text()).toContain('Guide');
  });

  it('never serves a file outside the docs folder', async () => {
    const response = await rawGet('/docs/../secret.txt');
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the docs folder');
    expect((await rawGet('/docs/%2e%2e/secret.txt')).status).toBe(404);
  });
});

describe('the web app at / (the playground)', () => {
  it('serves index.html at / and an asset with its content type', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Playground');

    const script = await fetch(`${server.url}/assets/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('playground');
    expect((await fetch(`${server.url}/mockServiceWorker.js`)).status).toBe(200);
  });

  it('answers HEAD / with the page headers and no body', async () => {
    const response = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('<h1>Playground</h1>'.length));
    expect(await response.text()).toBe('');
  });

  it('lets a path with no file fall through to the emulator (its JSON 404)', async () => {
    const response = await fetch(`${server.url}/no-such-page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 'fail' });
    expect(response.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('never shadows a Data API route, whatever file the folder holds there', async () => {
    const get = await fetch(`${server.url}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      headers: dataApiHeaders(),
    });
    expect(get.status).toBe(405);
    expect(await get.text()).not.toContain('shadowing');
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(200);
    expect(server.engine.store.users.get(TEST_WORKSPACE.workspaceId, 'john')).toBeDefined();
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await rawGet(path);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('outside the docs folder');
    }
  });

  it('keeps /docs and /_mock ahead of the app', async () => {
    expect(await (await fetch(`${server.url}/docs/`)).text()).toContain('API reference');
    expect(await (await fetch(`${server.url}/_mock/health`)).json()).toEqual({ status: 'ok' });
  });

  it('sends a POST to / to the emulator, not to the app', async () => {
    const response = await fetch(`${server.url}/`, { method: 'POST', headers: dataApiHeaders(), body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Playground');
  });
});
