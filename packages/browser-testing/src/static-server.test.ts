import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticSite, serveFolder } from './static-server.ts';

let parent: string;
let site: StaticSite;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'browser-testing-'));
  const folder = join(parent, 'site');
  await mkdir(join(folder, 'assets'), { recursive: true });
  await writeFile(join(folder, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(folder, 'assets', 'app.js'), 'export {};');
  await writeFile(join(parent, 'secret.txt'), 'outside the folder');
  site = await serveFolder(folder);
});

afterAll(async () => {
  await site?.close();
  await rm(parent, { recursive: true, force: true });
});

describe('serveFolder', () => {
  it('listens on 127.0.0.1 on a free port', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves index.html for / and files by path, with their type and no caching', async () => {
    const home = await fetch(site.url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(await home.text()).toBe('<!doctype html><title>home</title>');

    const script = await fetch(new URL('assets/app.js', site.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};');
  });

  it('answers 404 for a missing file, a directory without index.html and a path out of the folder', async () => {
    for (const path of ['missing.js', 'assets', '..%2Fsecret.txt', '%E0%A4%A']) {
      const response = await fetch(new URL(path, site.url));
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });
});
