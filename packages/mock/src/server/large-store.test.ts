import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WORKSPACE, trackUser, trackUserBody } from '../../test/support/data-api.ts';
import type { StoredUser } from '../store/types.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

const USERS = 100_000;
/** The audit's bar: no request may wait behind `/_mock` for longer than this. */
const STALL_LIMIT_MS = 100;

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
  });
  const { store } = server.engine;
  store.transaction(() => {
    for (let n = 0; n < USERS; n += 1) {
      const user: StoredUser = {
        workspaceId: TEST_WORKSPACE.workspaceId,
        moengageId: `m${n}`,
        customerId: `customer-${n}`,
        attributes: { u_n: `User ${n}`, plan: n % 2 === 0 ? 'gold' : 'silver', score: n },
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
      };
      store.users.put(user);
    }
  });
}, 60_000);
afterAll(() => server.close());

/**
 * The longest the event loop was held while `work` ran: a timer re-armed every millisecond notes the
 * main thread's CPU time between two firings (GC helper threads excluded: they run beside the loop,
 * not in its way). CPU time rather than wall-clock time, because on a busy
 * machine (CI, other test suites) the operating system also takes the process off the CPU for
 * 100 ms or more, which is no stall of the server's making; the wall-clock figure is returned too.
 */
async function longestStall(work: () => Promise<void>): Promise<{ cpuMs: number; wallMs: number }> {
  let cpuMs = 0;
  let wallMs = 0;
  let lastCpu = process.threadCpuUsage();
  let lastWall = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const cpu = process.threadCpuUsage(lastCpu);
    const wall = performance.now();
    cpuMs = Math.max(cpuMs, (cpu.user + cpu.system) / 1000);
    wallMs = Math.max(wallMs, wall - lastWall);
    lastCpu = process.threadCpuUsage();
    lastWall = wall;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  try {
    await work();
  } finally {
    clearTimeout(timer);
  }
  return { cpuMs, wallMs };
}

/** Reads a body to the end without assembling it (so the test itself holds the loop for no time). */
async function drain(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body ?? []) chunks.push(chunk);
  return chunks;
}

describe(`/_mock with ${USERS.toLocaleString('en')} users`, { timeout: 60_000 }, () => {
  it(`streams the snapshot without holding the event loop over ${STALL_LIMIT_MS} ms, and a Data API call is answered meanwhile`, async () => {
    let chunks: Uint8Array[] = [];
    let trackStatus = 0;
    const stall = await longestStall(async () => {
      const download = fetch(`${server.url}/_mock/snapshot`).then(drain);
      trackStatus = (await trackUser(server.url, trackUserBody('during-snapshot'))).status;
      chunks = await download;
    });
    expect(stall.cpuMs).toBeLessThan(STALL_LIMIT_MS);
    expect(trackStatus).toBe(200);
    const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { users: StoredUser[] };
    expect(snapshot.users.length).toBeGreaterThanOrEqual(USERS);
    expect(snapshot.users[USERS - 1]?.customerId).toBe(`customer-${USERS - 1}`);
  });

  it('lists users a page at a time, following next to the end', async () => {
    let pages = 0;
    let users = 0;
    const stall = await longestStall(async () => {
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const response = await fetch(`${server.url}/_mock/users?limit=5000${query}`);
        const page = (await response.json()) as { users: StoredUser[]; next: string | null };
        users += page.users.length;
        cursor = page.next;
        pages += 1;
      } while (cursor !== null && pages < 40);
    });
    expect(users).toBeGreaterThanOrEqual(USERS);
    expect(pages).toBe(Math.ceil(users / 5_000));
    expect(stall.cpuMs).toBeLessThan(STALL_LIMIT_MS);
  });

  it('answers a first page of 1,000 users when no limit is given, with the cursor of the next', async () => {
    const page = (await (await fetch(`${server.url}/_mock/users`)).json()) as {
      users: StoredUser[];
      next: string | null;
    };
    expect(page.users).toHaveLength(1000);
    expect(page.next).toEqual(expect.any(String));
    const bad = await fetch(`${server.url}/_mock/users?limit=0`);
    expect(bad.status).toBe(400);
    const forged = await fetch(`${server.url}/_mock/users?cursor=not-a-cursor`);
    expect(forged.status).toBe(400);
  });
});
