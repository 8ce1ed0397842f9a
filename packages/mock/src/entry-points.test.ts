import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as root from './index.ts';
import * as node from './node.ts';

describe('entry points', () => {
  it('exports DEMO_WORKSPACE from the package root and from ./node as the same object', () => {
    expect(root.DEMO_WORKSPACE).toEqual({ workspaceId: 'DEMO', apiKey: 'demo-api-key' });
    expect(node.DEMO_WORKSPACE).toBe(root.DEMO_WORKSPACE);
  });

  it('bundles the package root for a browser without any Node built-in', async () => {
    // esbuild cannot resolve `node:*` modules on the browser platform, so a Node import fails the build.
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('cli/demo-workspace.ts'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  });

  it('loads ./node through require(), without node:sqlite and without a warning', () => {
    // require() refuses an ES module graph with a top-level await; node:sqlite is missing on Node 22.12
    // and prints an ExperimentalWarning before 24, so it must wait for a SQLite store to be created.
    const entry = fileURLToPath(new URL('./node.ts', import.meta.url));
    const script = `
      const mock = require(${JSON.stringify(entry)});
      const sqlite = process.moduleLoadList.filter((name) => name.includes('sqlite'));
      console.log(JSON.stringify({ exports: typeof mock.setupMoEngageServer, sqlite }));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ exports: 'function', sqlite: [] });
  }, 60_000); // a fresh Node process loading msw and the engine from source: seconds on a busy machine
});
