import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from './mock-server.ts';

let server: MockServer;
let docsDir: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'moengage-mock-docs-'));
  docsDir = join(root, 'dist');
  mkdirSync(join(docsDir, 'guide'), { recursive: true });
  writeFileSync(join(docsDir, 'index.html'), '<h1>API reference</h1>');
  writeFileSync(join(docsDir, 'guide', 'index.html'), '<h1>Guide</h1>');
  writeFileSync(join(root, 'secret.txt'), 'outside the docs folder');
  server = await startMockServer({ port: 0, docsDir });
});
afterAll(async () => {
  await server.close();
  rmSync(join(docsDir, '..'), { recursive: true, force: true });
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
