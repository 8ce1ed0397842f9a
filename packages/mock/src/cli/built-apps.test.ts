import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBuiltApp } from './built-apps.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'moengage-mock-workspace-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - apps/*\n');
  mkdirSync(join(root, 'packages', 'mock'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function buildApp(app: string): string {
  const dist = join(root, 'apps', app, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), `<h1>${app}</h1>`);
  return dist;
}

describe('finding the apps this repository built', () => {
  it('finds apps/<app>/dist of the workspace that holds the package, for the docs and the playground alike', () => {
    const docs = buildApp('docs');
    const playground = buildApp('playground');
    const from = join(root, 'packages', 'mock');
    expect(findBuiltApp('docs', from)).toBe(docs);
    expect(findBuiltApp('playground', from)).toBe(playground);
  });

  it('finds nothing when the app is not built (no index.html)', () => {
    mkdirSync(join(root, 'apps', 'playground', 'dist'), { recursive: true });
    expect(findBuiltApp('playground', join(root, 'packages', 'mock'))).toBeUndefined();
  });

  it("never serves another workspace's apps when installed as a dependency under node_modules", () => {
    buildApp('playground');
    const installed = join(root, 'node_modules', '.pnpm', 'x', 'node_modules', '@moedata', 'mock');
    mkdirSync(installed, { recursive: true });
    expect(findBuiltApp('playground', installed)).toBeUndefined();
  });
});
