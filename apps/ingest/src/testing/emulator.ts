/**
 * Test support: the real emulator (`@moedata/mock/node`) on a free port of 127.0.0.1, its `/_mock`
 * inspection API read over HTTP, and temporary input files.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@moedata/mock/node';

/** The workspace the tests send to; its Bulk Import limits are raised so no test waits for a window. */
export const WORKSPACE = { workspaceId: 'INGESTTEST', apiKey: 'ingest-test-key' } as const;

/** Bulk Import budgets of the test workspace (100 × the defaults). */
export const RAISED_BULK_LIMITS = { users: 1_000_000, events: 3_000_000 } as const;

/** Starts the emulator with the test workspace. */
export function startEmulator(): Promise<MockServer> {
  return startMockServer({
    port: 0,
    engineOptions: {
      workspaces: {
        [WORKSPACE.workspaceId]: { apiKey: WORKSPACE.apiKey, rateLimits: { bulkImport: RAISED_BULK_LIMITS } },
      },
    },
  });
}

/** GETs `/_mock/<path>` and returns the JSON body. */
export async function inspect<T>(server: MockServer, path: string): Promise<T> {
  const response = await fetch(`${server.url}/_mock/${path}`);
  if (!response.ok)
    throw new Error(`GET /_mock/${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every record of a `/_mock` list, following its pages (`next`) to the end. */
async function inspectAll<T>(server: MockServer, path: string, key: string): Promise<T[]> {
  const records: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, unknown> = await inspect(
      server,
      `${path}&limit=5000${cursor === null ? '' : `&cursor=${cursor}`}`,
    );
    records.push(...(page[key] as T[]));
    cursor = page.next as string | null;
  } while (cursor !== null);
  return records;
}

/** Counts of what the emulator stored for the test workspace, read through `/_mock`. */
export async function storedCounts(server: MockServer) {
  const query = `workspace=${WORKSPACE.workspaceId}`;
  const [users, events, devices, drops, requests] = await Promise.all([
    inspectAll(server, `users?${query}`, 'users'),
    inspectAll(server, `events?${query}`, 'events'),
    inspectAll(server, `devices?${query}`, 'devices'),
    inspectAll(server, `drops?${query}`, 'drops'),
    inspectAll<{ status: number }>(server, `requests?${query}&operation_id=bulkImport`, 'requests'),
  ]);
  return {
    users: users.length,
    events: events.length,
    devices: devices.length,
    drops: drops.length,
    bulkRequests: requests.length,
    bulkStatuses: [...new Set(requests.map((request) => request.status))],
  };
}

/** Empties the emulator's store and rate-limit windows between tests. */
export async function resetEmulator(server: MockServer): Promise<void> {
  const response = await fetch(`${server.url}/_mock/reset`, {
    method: 'POST',
    headers: server.adminHeaders(),
  });
  if (!response.ok)
    throw new Error(`POST /_mock/reset answered ${response.status}: ${await response.text()}`);
}

/** A temporary folder with helpers to write files into it; `remove()` deletes it. */
export async function tempFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'moengage-ingest-'));
  return {
    folder,
    path: (name: string) => join(folder, name),
    async write(name: string, text: string): Promise<string> {
      const path = join(folder, name);
      await writeFile(path, text);
      return path;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

/** NDJSON text from values, one per line. */
export function ndjson(values: readonly unknown[]): string {
  return `${values.map((value) => JSON.stringify(value)).join('\n')}\n`;
}

/** The arguments that point the CLI at the emulator with the test workspace. */
export function connectionArgs(server: MockServer, apiKey: string = WORKSPACE.apiKey): string[] {
  return ['--workspace', WORKSPACE.workspaceId, '--api-key', apiKey, '--base-url', server.url];
}
