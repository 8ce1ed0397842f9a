import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '@moedata/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, parseCli, runCli } from './cli.ts';
import { scenarios } from './scenarios/index.ts';
import { KEY, startEmulator, startWrongStub, WORKSPACE } from './testing/targets.ts';
import type { ConformanceReport } from './types.ts';

function io(env: CliIo['env'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (text: string) => out.push(text),
      err: (text: string) => err.push(text),
      env,
      signal: new AbortController().signal,
    },
    out,
    err,
  };
}

describe('parseCli', () => {
  it('reads the target from the environment and derives both hosts from the data center', () => {
    const { options } = parseCli([], {
      MOENGAGE_WORKSPACE_ID: 'ENVWS',
      MOENGAGE_API_KEY: 'envkey',
      MOENGAGE_DATA_CENTER: '03',
    });
    expect(options).toMatchObject({
      coreUrl: 'https://api-03.moengage.com',
      fileImportsUrl: 'https://fileimports-data-api-03.moengage.com',
      workspace: 'ENVWS',
      key: 'envkey',
      maxRequests: 250,
    });
  });

  it('lets flags win over the environment', () => {
    const { options } = parseCli(
      ['--base-url', 'http://127.0.0.1:4010', '--workspace', 'FLAG', '--key', 'k', '--max-requests', '20'],
      {
        MOENGAGE_WORKSPACE_ID: 'ENVWS',
        MOENGAGE_BASE_URL: 'http://elsewhere',
      },
    );
    expect(options).toMatchObject({
      coreUrl: 'http://127.0.0.1:4010',
      fileImportsUrl: 'http://127.0.0.1:4010',
      workspace: 'FLAG',
      maxRequests: 20,
    });
  });
});

describe('runCli', () => {
  it.each([
    [[], /--workspace ID or MOENGAGE_WORKSPACE_ID is required/],
    [['--workspace', 'W'], /--key KEY or MOENGAGE_API_KEY is required/],
    [['--workspace', 'W', '--key', 'K', '--data-center', '07'], /--data-center must be one of/],
    [['--workspace', 'W', '--key', 'K', '--record', 'a', '--replay', 'b'], /cannot be combined/],
    [['--workspace', 'W', '--key', 'K', '--max-requests', 'lots'], /--max-requests must be a whole number/],
    [['--workspace', 'W', '--key', 'K', '--only', 'no-such-scenario'], /unknown scenario no-such-scenario/],
    [
      ['--workspace', 'W', '--key', 'K', '--emulator'],
      /--emulator: https:\/\/api-01.moengage.com is MoEngage/,
    ],
  ])('exits with 2 and says what is wrong: %j', async (argv, message) => {
    const run = io();
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.err.join('\n')).toMatch(message);
  });

  it('lists the scenarios, marking the emulator-only ones', async () => {
    const run = io();
    expect(await runCli(['--list'], run.io)).toBe(0);
    expect(run.out.join('\n').split('\n')).toHaveLength(scenarios.length);
    expect(run.out.join('\n')).toContain('account-suspended (emulator only)');
  });

  describe('against local servers', () => {
    let emulator: MockServer;
    let stub: Awaited<ReturnType<typeof startWrongStub>>;
    let dir: string;
    beforeAll(async () => {
      emulator = await startEmulator();
      stub = await startWrongStub(emulator.url, { mockApi: true });
      dir = mkdtempSync(join(tmpdir(), 'moedata-conformance-cli-'));
    });
    afterAll(async () => {
      await stub.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exits with 0 when everything matches, and writes the JSON report', async () => {
      const run = io({ MOENGAGE_WORKSPACE_ID: WORKSPACE, MOENGAGE_API_KEY: KEY });
      const file = join(dir, 'report.json');
      expect(await runCli(['--base-url', emulator.url, '--json', file], run.io)).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(Buffer.from(`${WORKSPACE}:${KEY}`).toString('base64'));
      const report = JSON.parse(text) as ConformanceReport;
      expect(report.summary.match).toBe(scenarios.length);
      expect(run.out.at(-1)).toMatch(/100 % match$/);
    });

    it('exits with 1 and names the scenario that differs', async () => {
      const run = io({ MOENGAGE_WORKSPACE_ID: WORKSPACE, MOENGAGE_API_KEY: KEY });
      expect(await runCli(['--base-url', stub.url, '--emulator', '--interval-ms', '0'], run.io)).toBe(1);
      expect(run.out.at(-1)).toMatch(/\ndiffers: malformed-json$/);
      expect(run.out.at(-1)).toContain('[DIFFERS] malformed-json');
    });
  });
});
