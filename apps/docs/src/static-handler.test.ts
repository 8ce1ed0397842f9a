import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaticHandler, OFFLINE_CONTENT_SECURITY_POLICY } from './static-handler.ts';

let folder: string;
let site: string;
const servers: Server[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'moedata-docs-'));
  site = join(folder, 'dist');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<!doctype html><title>API</title>');
  await writeFile(join(site, 'openapi.json'), '{"openapi":"3.1.0"}');
  await writeFile(join(folder, 'secret.txt'), 'outside the site');
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(folder, { recursive: true, force: true });
});

/** Serves `root` at `basePath`; paths the handler declines get 418 "api" (as the mock's API would). */
async function start(root: string, basePath?: string): Promise<string> {
  const handle = createStaticHandler({ root, ...(basePath === undefined ? {} : { basePath }) });
  const server = createServer(async (request, response) => {
    if (!(await handle(request, response))) response.writeHead(418).end('api');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('createStaticHandler', () => {
  it('serves index.html for the site root with a content type and the offline content security policy', async () => {
    const base = await start(site);
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(OFFLINE_CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>API</title>');
  });

  it('serves files under its base path and leaves every other path to the host server', async () => {
    const base = await start(site, '/docs');
    const document = await fetch(`${base}/docs/openapi.json`);
    expect(document.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await document.json()).toEqual({ openapi: '3.1.0' });
    const api = await fetch(`${base}/v1/customer/app`);
    expect([api.status, await api.text()]).toEqual([418, 'api']);
    const lookalike = await fetch(`${base}/docsx`);
    expect(lookalike.status).toBe(418);
  });

  it('redirects the bare base path to its folder so relative links resolve', async () => {
    const base = await start(site, '/docs');
    const response = await fetch(`${base}/docs`, { redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([301, '/docs/']);
  });

  it('never serves a file outside its root', async () => {
    const base = await start(site);
    const escaped = await rawGet(base, '/..%2fsecret.txt');
    expect(escaped.status).toBe(400);
    expect(escaped.body).not.toContain('outside the site');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    const base = await start(site);
    const response = await fetch(`${base}/`, { method: 'POST', body: '{}' });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers HEAD with the headers only', async () => {
    const base = await start(site);
    const response = await fetch(`${base}/openapi.json`, { method: 'HEAD' });
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([
      200,
      '19',
      '',
    ]);
  });

  it('answers 404 for a missing page, and 503 naming the build command when the site is not built', async () => {
    const base = await start(site);
    expect((await fetch(`${base}/nope.html`)).status).toBe(404);
    const unbuilt = await start(join(folder, 'missing-dist'));
    const response = await fetch(`${unbuilt}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter @moedata/docs build');
  });
});
