import { readFile } from 'node:fs/promises';
import type { MockServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from './main.ts';
import type { RunSummary } from './summary.ts';
import {
  connectionArgs,
  inspect,
  ndjson,
  resetEmulator,
  startEmulator,
  storedCounts,
  tempFolder,
  WORKSPACE,
} from './testing/emulator.ts';
import { captureIo } from './testing/io.ts';

let server: MockServer;
let files: Awaited<ReturnType<typeof tempFolder>>;

beforeAll(async () => {
  server = await startEmulator();
  files = await tempFolder();
});
afterEach(() => resetEmulator(server));
afterAll(async () => {
  await server.close();
  await files.remove();
});

type JsonSummary = RunSummary & {
  problems: { input: string; line: number; message: string }[];
  exitCode: number;
};

async function run(args: string[], stdinText?: string) {
  const io = captureIo(stdinText);
  const exitCode = await runIngest([...args, '--progress', 'none'], io);
  const json = args.includes('--json') ? (JSON.parse(io.out()) as JsonSummary) : undefined;
  return { exitCode, out: io.out(), err: io.err(), json };
}

const customer = (id: string, attributes: Record<string, unknown> = { name: `User ${id}` }) => ({
  type: 'customer',
  customer_id: id,
  attributes,
});

describe('moengage-ingest against the emulator', () => {
  it('delivers users, devices and events from a CSV with the documented column mapping', async () => {
    const csv = await files.write(
      'mixed.csv',
      [
        'type,customer_id,name,mobile,points,vip,attr.signup_source,device_id,platform,push_id,action,time,amount',
        'customer,u1,"Doe, Ada",918888444411,20,true,ads,,,,,,',
        'device,u1,,,,,,d1,ANDROID,0042,,,',
        'event,u1,,,,,,,,,Purchase,2024-01-15T10:00:00Z,42.5',
        '',
      ].join('\r\n'),
    );
    const { exitCode, out } = await run([...connectionArgs(server), csv]);

    expect(exitCode).toBe(0);
    expect(out).toContain('sent       3 elements in 1 request');
    const { user } = await inspect<{ user: { attributes: Record<string, unknown> } }>(
      server,
      `users/${WORKSPACE.workspaceId}/u1`,
    );
    expect(user.attributes).toEqual({
      u_n: 'Doe, Ada',
      u_mb: '918888444411',
      points: 20,
      vip: true,
      signup_source: 'ads',
    });
    const { devices } = await inspect<{
      devices: { deviceId: string; attributes: Record<string, unknown> }[];
    }>(server, `devices?workspace=${WORKSPACE.workspaceId}`);
    expect(devices).toEqual([
      expect.objectContaining({ deviceId: 'd1', attributes: expect.objectContaining({ push_id: '0042' }) }),
    ]);
    const { events } = await inspect<{ events: { action: string; attributes: Record<string, unknown> }[] }>(
      server,
      `events?workspace=${WORKSPACE.workspaceId}`,
    );
    expect(events).toEqual([expect.objectContaining({ action: 'Purchase', attributes: { amount: 42.5 } })]);
  });

  it('reports bad lines with their line numbers, delivers the good ones and exits 1', async () => {
    const file = await files.write(
      'bad-lines.ndjson',
      [
        JSON.stringify(customer('good-1')),
        '{"type":"customer","customer_id":',
        JSON.stringify({ type: 'event', customer_id: 'good-1', actions: [] }),
        '',
        '"just a string"',
        JSON.stringify(customer('good-2')),
        JSON.stringify({ type: 'user', customer_id: 'x' }),
      ].join('\n'),
    );
    const { exitCode, err, json } = await run([...connectionArgs(server), '--json', file]);

    expect(exitCode).toBe(1);
    expect(json).toMatchObject({ lines: 6, valid: 2, invalid: 4, sent: 2, failed: 0, exitCode: 1 });
    expect(json?.problems.map((problem) => problem.line)).toEqual([2, 3, 5, 7]);
    expect(err).toContain(`${file}:2: not valid JSON`);
    expect(err).toMatch(new RegExp(`${file}:3: actions: `));
    expect(err).toContain(`${file}:5: expected a JSON object`);
    expect(await storedCounts(server)).toMatchObject({ users: 2, bulkRequests: 1 });
  });

  it('writes lines rejected before sending to --failed-out too, and counts warned elements as dropped by MoEngage', async () => {
    const file = await files.write(
      'rejected.ndjson',
      [
        JSON.stringify(customer('good-1')),
        '{"type":"customer","customer_id":',
        JSON.stringify({ type: 'event', customer_id: 'good-1', actions: [] }),
        JSON.stringify(customer('guest')),
      ].join('\n'),
    );
    const failedOut = files.path('rejected-out.ndjson');
    const { exitCode, json } = await run([
      ...connectionArgs(server),
      '--json',
      '--failed-out',
      failedOut,
      file,
    ]);

    expect(exitCode).toBe(1);
    expect(json).toMatchObject({ valid: 2, invalid: 2, sent: 2, warnings: 1, acceptedButDropped: 1 });
    // The schema error is there to be fixed; text that is not JSON has nothing to write back.
    const written = (await readFile(failedOut, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(written).toEqual([{ type: 'event', customer_id: 'good-1', actions: [] }]);
  });

  it('validates without sending in a dry run, needing no credentials', async () => {
    const file = await files.write(
      'dry.ndjson',
      ndjson([
        customer('a'),
        { type: 'event', customer_id: 'a', actions: [{ action: '' }] },
        customer('guest'),
      ]),
    );
    const { exitCode, err, out } = await run(['--dry-run', file]);

    expect(exitCode).toBe(1);
    expect(out).toMatch(/dry run finished in .*: nothing was sent/);
    expect(out).toContain('valid      2 elements (2 customers, 0 events, 0 devices)');
    expect(err).toMatch(new RegExp(`${file}:2: actions\\[0\\]\\.action: `));
    expect(err).toContain(`${file}:3: warning: customer_id: customer_id "guest" is on MoEngage's blocklist`);
    expect(await storedCounts(server)).toMatchObject({ users: 0, bulkRequests: 0 });

    const clean = await files.write('dry-clean.csv', 'customer_id,name\nu1,Ada\n');
    expect((await run(['--dry-run', '--type', 'customer', clean])).exitCode).toBe(0);
  });

  it('reads NDJSON from stdin', async () => {
    const { exitCode, json } = await run(
      [...connectionArgs(server), '--json'],
      ndjson([customer('s1'), customer('s2')]),
    );
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ inputs: ['-'], sent: 2 });
    expect(await storedCounts(server)).toMatchObject({ users: 2 });
  });

  it('stops reading when MoEngage rejects the key, writes what was not delivered to --failed-out, and a retry run delivers it', async () => {
    const file = await files.write('users.ndjson', ndjson([customer('r1'), customer('r2'), customer('r3')]));
    const failedOut = files.path('failed.ndjson');
    const first = await run([
      ...connectionArgs(server, 'wrong-key'),
      '--json',
      '--failed-out',
      failedOut,
      file,
    ]);

    expect(first.exitCode).toBe(1);
    expect(first.json).toMatchObject({ sent: 0, failed: 3, stoppedEarly: expect.stringContaining('401') });
    expect(first.json?.failures).toEqual([
      { reason: expect.stringMatching(/^AuthenticationError \(HTTP 401\)/), elements: 3 },
    ]);
    expect(first.err).toContain('request failed, 3 element(s) not delivered: AuthenticationError (HTTP 401)');
    const written = (await readFile(failedOut, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(written).toEqual([customer('r1'), customer('r2'), customer('r3')]);

    const retry = await run([...connectionArgs(server), '--json', failedOut]);
    expect(retry.json).toMatchObject({ sent: 3, failed: 0, exitCode: 0 });
    expect(await storedCounts(server)).toMatchObject({ users: 3 });
  });

  it('exits 2 with a hint for a missing file, a CSV without a type, or a bad flag', async () => {
    const missing = await run([...connectionArgs(server), files.path('nope.ndjson')]);
    expect(missing).toMatchObject({
      exitCode: 2,
      err: expect.stringMatching(/Cannot read .*nope\.ndjson \(ENOENT\); check the path/),
    });

    const untyped = await files.write('untyped.csv', 'customer_id\nu1\n');
    const noType = await run([...connectionArgs(server), untyped]);
    expect(noType.exitCode).toBe(2);
    expect(noType.err).toContain('pass --type customer');

    expect(await run(['--limit-scale', 'fast'])).toMatchObject({
      exitCode: 2,
      err: expect.stringContaining('--limit-scale'),
    });
  });

  it('prints the help with exit code 0', async () => {
    const { exitCode, out } = await run(['--help']);
    expect(exitCode).toBe(0);
    expect(out).toContain('Usage:');
  });
});
