import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from './report.ts';
import { runConformance, runPrefix } from './run.ts';
import { scenarios } from './scenarios/index.ts';
import { KEY, startEmulator, startWrongStub, WORKSPACE } from './testing/targets.ts';

let emulator: MockServer;
let stub: Awaited<ReturnType<typeof startWrongStub>>;
let opaqueStub: Awaited<ReturnType<typeof startWrongStub>>;
const quiet = () => {};

beforeAll(async () => {
  emulator = await startEmulator();
  stub = await startWrongStub(emulator.url, { mockApi: true });
  opaqueStub = await startWrongStub(emulator.url, { mockApi: false });
});
afterEach(() => emulator.engine.reset());
afterAll(async () => {
  await stub.close();
  await opaqueStub.close();
  await emulator.close();
});

const usersOfRun = (runId: string) =>
  emulator.engine.store.users.list(WORKSPACE).filter((user) => user.customerId?.startsWith(runPrefix(runId)));

describe('against the emulator', () => {
  it('matches the contract in every scenario and deletes every user it created', async () => {
    const report = await runConformance({
      coreUrl: emulator.url,
      workspace: WORKSPACE,
      key: KEY,
      runId: 'ci',
      print: quiet,
    });

    expect(report.target.emulator).toBe(true);
    expect(report.summary).toEqual({ match: scenarios.length, differs: 0, 'could not tell': 0, skipped: 0 });
    expect(report.cleanup.failed).toEqual([]);
    expect(report.cleanup.deleted).toContain(`${runPrefix('ci')}round-trip`);
    // Refused requests create nobody: their Delete User finds no one.
    expect(report.cleanup.absent).toContain(`${runPrefix('ci')}wrong-key`);
    expect(usersOfRun('ci')).toEqual([]);
    expect(renderReport(report)).toContain(`${scenarios.length} match, 0 differ`);
  });

  it('names exactly the scenario a wrong server answers differently', async () => {
    const report = await runConformance({
      coreUrl: stub.url,
      workspace: WORKSPACE,
      key: KEY,
      emulator: true,
      intervalMs: 0,
      print: quiet,
    });

    expect(
      report.scenarios.filter((scenario) => scenario.verdict === 'differs').map((scenario) => scenario.id),
    ).toEqual(['malformed-json']);
    const check = report.scenarios
      .find((scenario) => scenario.id === 'malformed-json')
      ?.steps[0]?.checks.find((candidate) => candidate.verdict === 'differs');
    expect(check).toMatchObject({ name: 'error.message', got: 'The request body is not JSON' });
  });

  it('skips the account-state scenarios on a target that is not the emulator', async () => {
    const report = await runConformance({
      coreUrl: opaqueStub.url,
      workspace: WORKSPACE,
      key: KEY,
      intervalMs: 0,
      only: ['account-suspended', 'body-empty'],
      print: quiet,
    });

    expect(report.target.emulator).toBe(false);
    expect(report.scenarios.map((scenario) => [scenario.id, scenario.verdict])).toEqual([
      ['body-empty', 'match'],
      ['account-suspended', 'skipped'],
    ]);
  });
});

describe('safety', () => {
  it('prints every request of a dry run and sends none', async () => {
    const printed: string[] = [];
    const report = await runConformance({
      coreUrl: 'https://api-01.moengage.com',
      workspace: WORKSPACE,
      key: KEY,
      dryRun: true,
      print: (line) => printed.push(line),
      fetch: () => Promise.reject(new Error('a dry run must not send')),
    });

    expect(report.requestsSent).toBe(printed.length);
    expect(report.cleanup).toMatchObject({ deleted: [], absent: [], failed: [] });
    // Steps that build on a write are printed too, e.g. the Merge after its two Track Users.
    expect(
      printed.some((line) => line.includes('/v1/customer/merge?') && line.includes('merge-retained')),
    ).toBe(true);
    expect(printed.filter((line) => line.includes('/v1/customer/delete?')).length).toBeGreaterThanOrEqual(
      report.cleanup.attempted,
    );
    expect(printed.length).toBeGreaterThan(scenarios.length);
    expect(
      printed.every(
        (line) => line.startsWith('[dry-run] POST https://') || line.startsWith('[dry-run] GET https://'),
      ),
    ).toBe(true);
    expect(printed.join('\n')).not.toContain(Buffer.from(`${WORKSPACE}:${KEY}`).toString('base64'));
    expect(
      report.scenarios
        .filter((scenario) => scenario.verdict === 'skipped')
        .every((s) => s.id.startsWith('account-')),
    ).toBe(true);
  });

  it('never sends more than --max-requests, and still deletes what it created', async () => {
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent += 1;
      return fetch(input, init);
    };
    const report = await runConformance({
      coreUrl: emulator.url,
      workspace: WORKSPACE,
      key: KEY,
      runId: 'budget',
      maxRequests: 40,
      fetch: counting,
      print: quiet,
    });

    expect(sent).toBeLessThanOrEqual(40);
    expect(report.stoppedEarly).toMatch(/--max-requests 40 reached/);
    expect(report.cleanup.failed).toEqual([]);
    expect(usersOfRun('budget')).toEqual([]);
  });

  it('stops at Ctrl-C and cleans up before returning', async () => {
    const controller = new AbortController();
    let sent = 0;
    const report = await runConformance({
      coreUrl: emulator.url,
      workspace: WORKSPACE,
      key: KEY,
      runId: 'interrupted',
      signal: controller.signal,
      fetch: (input, init) => {
        sent += 1;
        if (sent === 20) controller.abort();
        return fetch(input, init);
      },
      print: quiet,
    });

    expect(report.stoppedEarly).toBe('interrupted');
    expect(report.scenarios.length).toBeLessThan(scenarios.length);
    expect(usersOfRun('interrupted')).toEqual([]);
  });
});

describe('record and replay', () => {
  it('records redacted answers, then replays the emulator and a wrong server against them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moedata-conformance-'));
    try {
      await runConformance({
        coreUrl: emulator.url,
        workspace: WORKSPACE,
        key: KEY,
        runId: 'rec',
        record: dir,
        print: quiet,
      });
      const files = readdirSync(dir);
      expect(files).toHaveLength(scenarios.length);
      const everything = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
      for (const secret of [
        KEY,
        WORKSPACE,
        runPrefix('rec'),
        Buffer.from(`${WORKSPACE}:${KEY}`).toString('base64'),
      ])
        expect(everything).not.toContain(secret);
      expect(JSON.parse(readFileSync(join(dir, 'malformed-json.json'), 'utf8'))).toMatchObject({
        scenario: 'malformed-json',
        steps: [
          {
            request: { path: '/v1/customer/{{workspace}}' },
            response: { status: 400, body: { error: { request_id: '{{request_id}}' } } },
          },
        ],
      });

      const replayed = await runConformance({
        coreUrl: emulator.url,
        workspace: WORKSPACE,
        key: KEY,
        replay: dir,
        print: quiet,
      });
      expect(replayed.summary).toEqual({
        match: scenarios.length,
        differs: 0,
        'could not tell': 0,
        skipped: 0,
      });

      const wrong = await runConformance({
        coreUrl: stub.url,
        workspace: WORKSPACE,
        key: KEY,
        emulator: true,
        intervalMs: 0,
        replay: dir,
        print: quiet,
      });
      expect(
        wrong.scenarios.filter((scenario) => scenario.verdict === 'differs').map((scenario) => scenario.id),
      ).toEqual(['malformed-json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
