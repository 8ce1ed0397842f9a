/**
 * The real command in its own process (bin/moengage-ingest.js) against the emulator over HTTP:
 * a 50,000-line backfill and an interrupted run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MockServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from './summary.ts';
import {
  connectionArgs,
  resetEmulator,
  startEmulator,
  storedCounts,
  tempFolder,
} from './testing/emulator.ts';

const BIN = fileURLToPath(new URL('../bin/moengage-ingest.js', import.meta.url));

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

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr has printed text matching `pattern`. */
  waitForStderr(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

function spawnCli(args: string[]): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderr: (pattern) =>
      pattern.test(stderr)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => watchers.push({ pattern, resolve })),
            exited.then(() => {
              throw new Error(`the CLI exited before printing ${pattern}; stderr:\n${stderr}`);
            }),
          ]),
    exited,
  };
}

/** 15,000 users, each with a Signed Up and a Purchase event, every third with a device: 50,000 lines. */
async function writeMixedFile(path: string) {
  const out = createWriteStream(path);
  const counts = { lines: 0, customers: 0, events: 0, devices: 0 };
  const write = (element: object) => {
    counts.lines++;
    return out.write(`${JSON.stringify(element)}\n`);
  };
  for (let index = 0; index < 15_000; index++) {
    const id = `user-${index}`;
    write({
      type: 'customer',
      customer_id: id,
      attributes: { name: `User ${index}`, plan: index % 3 ? 'free' : 'gold', points: index },
    });
    counts.customers++;
    if (index % 3 === 0) {
      write({
        type: 'device',
        customer_id: id,
        device_id: `device-${index}`,
        attributes: { platform: 'ANDROID', push_id: `token-${index}` },
      });
      counts.devices++;
    }
    write({
      type: 'event',
      customer_id: id,
      actions: [{ action: 'Signed Up', current_time: 1_700_000_000 + index }],
    });
    if (
      !write({
        type: 'event',
        customer_id: id,
        actions: [{ action: 'Purchase', attributes: { amount: index % 100 } }],
      })
    ) {
      await once(out, 'drain');
    }
    counts.events += 2;
  }
  out.end();
  await once(out, 'finish');
  return counts;
}

describe('moengage-ingest as a process', () => {
  it('delivers a 50,000-line mixed NDJSON file completely, and the emulator agrees with the summary', async () => {
    const file = files.path('mixed.ndjson');
    const expected = await writeMixedFile(file);
    expect(expected).toEqual({ lines: 50_000, customers: 15_000, events: 30_000, devices: 5_000 });

    const cli = spawnCli([
      ...connectionArgs(server),
      '--limit-scale',
      '100',
      '--progress',
      'lines',
      '--progress-interval',
      '1',
      '--json',
      file,
    ]);
    expect(await cli.exited).toBe(0);
    const summary = JSON.parse(cli.stdout()) as RunSummary & { exitCode: number };

    expect(summary).toMatchObject({
      lines: 50_000,
      valid: 50_000,
      byType: { customer: 15_000, event: 30_000, device: 5_000 },
      invalid: 0,
      sent: 50_000,
      failed: 0,
      dropped: 0,
      rateLimited: 0,
      exitCode: 0,
    });
    expect(await storedCounts(server)).toEqual({
      users: expected.customers,
      events: expected.events,
      devices: expected.devices,
      drops: 0,
      bulkRequests: summary.requests,
      bulkStatuses: [200],
    });
    // No request above the 128 KB limit means at least 50 of them for 6.7 MB.
    expect(summary.requests).toBeGreaterThanOrEqual(Math.ceil(summary.bytesSent / 131_072));
  }, 90_000);

  it('on SIGINT stops reading stdin, delivers what it read, prints the summary and exits 130', async () => {
    const cli = spawnCli([
      ...connectionArgs(server),
      '--progress',
      'lines',
      '--progress-interval',
      '0.05',
      '--json',
    ]);
    // Fewer bytes than one request: without the interrupt they would wait for more input.
    for (let index = 0; index < 100; index++) {
      cli.child.stdin?.write(`${JSON.stringify({ type: 'customer', customer_id: `sig-${index}` })}\n`);
    }
    await cli.waitForStderr(/read 100 lines/);
    cli.child.kill('SIGINT');

    expect(await cli.exited).toBe(130);
    expect(cli.stderr()).toContain('Interrupted: reading stopped; delivering what was already read');
    expect(JSON.parse(cli.stdout())).toMatchObject({
      interrupted: true,
      lines: 100,
      sent: 100,
      failed: 0,
      exitCode: 130,
    });
    expect(await storedCounts(server)).toMatchObject({ users: 100, bulkRequests: 1 });
  }, 60_000);
});
