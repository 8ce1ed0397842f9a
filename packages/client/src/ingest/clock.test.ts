import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { realIngestClock } from './clock.ts';
import { createIngestor } from './ingestor.ts';

const run = promisify(execFile);
const indexUrl = new URL('./index.ts', import.meta.url).href;

/** Timers that keep the event loop alive (unref'd ones are not listed). */
const liveTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

/** Runs an ES module snippet in a fresh Node process and returns its stdout. */
async function runScript(source: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    timeout: 20_000,
  });
  return stdout.trim();
}

describe('realIngestClock', () => {
  it('creates timers and sleeps that do not keep the process alive', () => {
    const before = liveTimers();
    const handle = realIngestClock.setTimeout(() => {}, 60_000);
    const controller = new AbortController();
    const sleeping = realIngestClock.sleep(60_000, controller.signal).catch(() => 'aborted');
    expect(liveTimers()).toBe(before);
    expect((handle as NodeJS.Timeout).hasRef()).toBe(false);
    realIngestClock.clearTimeout(handle);
    controller.abort(new Error('stop'));
    return expect(sleeping).resolves.toBe('aborted');
  });

  it('keeps the process alive only while a keepAlive() hold is open', () => {
    const before = liveTimers();
    const release = realIngestClock.keepAlive();
    expect(liveTimers()).toBe(before + 1);
    release();
    expect(liveTimers()).toBe(before);
  });

  it('leaves no live timer behind an ingestor with queued elements', async () => {
    const before = liveTimers();
    const ingestor = createIngestor({ client: { bulkImport: async () => ({}) }, flushIntervalMs: 60_000 });
    await ingestor.trackUser({ customer_id: 'u-1' });
    expect(ingestor.stats().queued).toBe(1);
    expect(liveTimers()).toBe(before);
  });
});

describe('process lifetime', () => {
  it('lets a process with queued elements and pending timers exit on its own', async () => {
    const stdout = await runScript(`
      import { createIngestor } from '${indexUrl}';
      const ingestor = createIngestor({ client: { bulkImport: async () => ({}) }, flushIntervalMs: 600000 });
      await ingestor.trackUser({ customer_id: 'u-1' });
      console.log('queued', ingestor.stats().queued);
    `);
    expect(stdout).toBe('queued 1');
  }, 30_000);

  it('stays alive until close() has delivered everything, even when nothing else holds it', async () => {
    // The fake client answers after an unref'd timer: only close()'s hold keeps the process running.
    const stdout = await runScript(`
      import { createIngestor } from '${indexUrl}';
      const client = {
        bulkImport: (body) => new Promise((resolve) => setTimeout(() => resolve({}), 50).unref()),
      };
      const ingestor = createIngestor({ client, flushIntervalMs: 600000 });
      await ingestor.trackUser({ customer_id: 'u-1' });
      ingestor.close().then((result) => console.log(JSON.stringify(result)));
    `);
    expect(JSON.parse(stdout)).toEqual({
      sent: 1,
      failed: 0,
      dropped: 0,
      maybeDelivered: 0,
      maybeTwice: 0,
      requests: 1,
    });
  }, 30_000);
});
