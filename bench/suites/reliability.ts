/**
 * 7. Reliability under the audit's heavy scenarios (issue 13), too slow for CI:
 * - 1,000 concurrent keep-alive connections, each sending Track User requests: every one answered?
 * - kill -9 under load, three cycles, SQLite store: is every acknowledged write there after a restart?
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTHORIZATION, trackUserBody, WORKSPACE_ID } from '../lib/fixtures.ts';
import { benchDir } from '../lib/paths.ts';
import { type ServerProcess, startServerProcess } from '../lib/process.ts';
import type { SuiteResult } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';
import { pick, type SuiteContext } from '../lib/suite.ts';

const EMULATOR = join(benchDir, 'lib', 'servers', 'emulator.ts');

/** One Track User over `agent`; resolves with the status, or 0 when the connection failed. */
function trackUser(port: number, agent: Agent, index: number): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(trackUserBody(index));
  const started = performance.now();
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1/customer/${WORKSPACE_ID}`,
        agent,
        headers: { authorization: AUTHORIZATION, 'content-type': 'application/json' },
        timeout: 30_000,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    outgoing.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.end(body);
  });
}

async function manyConnections(context: SuiteContext, connections: number, rounds: number) {
  const server = await startServerProcess(process.execPath, [EMULATOR]);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  try {
    for (let round = 0; round < rounds && !context.signal.aborted; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: connections }, (_, n) => trackUser(server.port, agent, round * connections + n)),
      );
      for (const { status, ms } of answers) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        latencies.push(ms);
      }
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    ok: statuses.get(200) ?? 0,
    failed: latencies.length - (statuses.get(200) ?? 0),
    statuses: Object.fromEntries(statuses),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Reads every customer id of the bench workspace through the paged `/_mock/users`. */
async function storedCustomerIds(port: number): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const query = `workspace=${WORKSPACE_ID}&limit=5000${cursor === null ? '' : `&cursor=${cursor}`}`;
    const response = await fetch(`http://127.0.0.1:${port}/_mock/users?${query}`);
    const page = (await response.json()) as { users: Array<{ customerId: string }>; next: string | null };
    for (const user of page.users) ids.add(user.customerId);
    cursor = page.next;
  } while (cursor !== null);
  return ids;
}

async function killCycles(context: SuiteContext, cycles: number, loadMs: number) {
  const folder = mkdtempSync(join(tmpdir(), 'moedata-bench-kill-'));
  const data = join(folder, 'state.db');
  const acknowledged: string[] = [];
  const perCycle: Array<{ acknowledged: number; missing: number }> = [];
  let next = 0;
  try {
    for (let cycle = 0; cycle < cycles && !context.signal.aborted; cycle += 1) {
      const server: ServerProcess = await startServerProcess(process.execPath, [
        EMULATOR,
        '--store',
        'sqlite',
        '--data',
        data,
      ]);
      const agent = new Agent({ keepAlive: true, maxSockets: 32 });
      const until = performance.now() + loadMs;
      let ackedThisCycle = 0;
      const worker = async () => {
        while (performance.now() < until) {
          const index = next++;
          const { status } = await trackUser(server.port, agent, index);
          if (status === 200) {
            acknowledged.push(trackUserBody(index).customer_id);
            ackedThisCycle += 1;
          }
        }
      };
      // The kill lands while requests are in flight.
      const load = Promise.all(Array.from({ length: 32 }, worker));
      await new Promise((resolve) => setTimeout(resolve, loadMs - 200));
      server.child.kill('SIGKILL');
      await load;
      agent.destroy();
      await new Promise((resolve) =>
        // A child killed by a signal keeps exitCode null: signalCode says it has exited.
        server.child.exitCode === null && server.child.signalCode === null
          ? server.child.once('exit', resolve)
          : resolve(undefined),
      );

      const reopened = await startServerProcess(process.execPath, [
        EMULATOR,
        '--store',
        'sqlite',
        '--data',
        data,
      ]);
      try {
        const stored = await storedCustomerIds(reopened.port);
        perCycle.push({
          acknowledged: ackedThisCycle,
          missing: acknowledged.filter((id) => !stored.has(id)).length,
        });
      } finally {
        await reopened.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { acknowledged: acknowledged.length, perCycle, missing: perCycle.at(-1)?.missing ?? null };
}

export async function runReliabilitySuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const connections = 1_000;
  context.log(`${connections} concurrent connections`);
  const many = await manyConnections(context, connections, pick(context, 2, 1));
  context.log('kill -9 cycles with the SQLite store');
  const kills = await killCycles(context, 3, pick(context, 3_000, 1_500));
  return {
    name: 'reliability',
    title: '7. Reliability: 1,000 connections, kill -9 cycles',
    status: 'ok',
    tables: [
      {
        title: `${connections} concurrent keep-alive connections, Track User`,
        columns: ['Requests', 'Answered 200', 'Failed', 'p50 ms', 'p99 ms'],
        rows: [
          [
            String(many.requests),
            String(many.ok),
            String(many.failed),
            many.p50Ms.toFixed(1),
            many.p99Ms.toFixed(1),
          ],
        ],
      },
      {
        title: 'kill -9 under load (SQLite store, 32 connections): acknowledged writes missing after restart',
        columns: ['Cycle', 'Acknowledged in the cycle', 'Missing (all cycles so far)'],
        rows: kills.perCycle.map((cycle, index) => [
          String(index + 1),
          String(cycle.acknowledged),
          String(cycle.missing),
        ]),
      },
    ],
    notes: [
      'Every request of the connection test is sent at once on its own connection (under the default maxConnections of 4000).',
      'The kill cycles SIGKILL the server while 32 connections write, restart it on the same file and read every user back through the paged /_mock/users.',
    ],
    summary: {
      reliabilityConnectionsFailed: many.failed,
      reliabilityKillCyclesLostWrites: kills.missing,
    },
    details: { many, kills },
    durationMs: performance.now() - started,
  };
}
