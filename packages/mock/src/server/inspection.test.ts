import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataApiHeaders, TEST_WORKSPACE, trackUser, trackUserBody } from '../../test/support/data-api.ts';
import { seededRandom } from '../engine/ids.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
  });
});
afterEach(async () => {
  await fetch(`${server.url}/_mock/reset`, { method: 'POST', headers: server.adminHeaders() });
  server.engine.setFaults(TEST_WORKSPACE.workspaceId, undefined);
});
afterAll(() => server.close());

async function inspect<T = Record<string, unknown>>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}/_mock${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

/** A state-changing admin call: JSON and the server's admin token. */
const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: server.adminHeaders(),
  ...(body !== undefined && { body: JSON.stringify(body) }),
});

describe('/_mock inspection API', () => {
  it('lists its endpoints at /_mock', async () => {
    const { body } = await inspect<{ endpoints: Array<{ method: string; path: string }> }>('');
    expect(body.endpoints).toEqual(
      expect.arrayContaining([{ method: 'GET', path: '/_mock/users', summary: expect.any(String) }]),
    );
  });

  it('shows stored users, one user, events-free request log entries and the request log', async () => {
    await trackUser(server.url, trackUserBody('john'));
    const users = await inspect<{ users: Array<{ customerId: string }> }>(
      `/users?workspace=${TEST_WORKSPACE.workspaceId}`,
    );
    expect(users.body.users.map((user) => user.customerId)).toEqual(['john']);

    const one = await inspect<{ user: { attributes: Record<string, unknown> } }>(
      `/users/${TEST_WORKSPACE.workspaceId}/john`,
    );
    expect(one.body.user.attributes).toMatchObject({ u_n: 'John Doe', plan: 'gold' });
  });

  it('says that users are stored under internal keys and which public name Get User answers each with', async () => {
    await trackUser(server.url, trackUserBody('john'));
    const users = await inspect<{ attributeNames: unknown }>(
      `/users?workspace=${TEST_WORKSPACE.workspaceId}`,
    );
    const one = await inspect<{ attributeNames: unknown }>(`/users/${TEST_WORKSPACE.workspaceId}/john`);
    for (const answer of [users, one]) {
      expect(answer.body.attributeNames).toMatchObject({
        storedKeys: 'internal',
        publicNames: { u_n: 'name', u_ln: 'last_name', u_em: 'email' },
      });
    }
  });

  it('lists request log entries by operation', async () => {
    await trackUser(server.url, trackUserBody('john'));

    const requests = await inspect<{ requests: Array<{ operationId: string; status: number }> }>(
      '/requests?operation_id=trackUser',
    );
    expect(requests.body.requests).toEqual([
      expect.objectContaining({ operationId: 'trackUser', status: 200 }),
    ]);
  });

  it('says how many request-log entries it keeps and how many were evicted', async () => {
    const { requestLog } = server.engine.store;
    const before = requestLog.limit();
    try {
      requestLog.setLimit(1);
      await trackUser(server.url, trackUserBody('first'));
      await trackUser(server.url, trackUserBody('second'));
      const { body } = await inspect<{ requests: unknown[]; limit: number | null; evicted: number }>(
        '/requests',
      );
      expect(body).toMatchObject({ limit: 1, evicted: 1 });
      expect(body.requests).toHaveLength(1);

      requestLog.setLimit(Number.POSITIVE_INFINITY);
      expect((await inspect('/requests')).body).toMatchObject({ limit: null });
    } finally {
      requestLog.setLimit(before);
    }
  });

  it('answers 404 for a user that does not exist', async () => {
    const { status, body } = await inspect(`/users/${TEST_WORKSPACE.workspaceId}/nobody`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 'fail' });
  });

  it('lists events, devices, merges, deletes, drops and file-import runs as arrays', async () => {
    await trackUser(server.url, trackUserBody('john', { moe_secret: 1 }));
    for (const [path, key] of [
      ['/events', 'events'],
      ['/devices', 'devices'],
      ['/merges', 'merges'],
      ['/deletes', 'deletes'],
      ['/file-imports', 'fileImportRuns'],
    ] as const) {
      const { status, body } = await inspect(path);
      expect(status, path).toBe(200);
      expect(Array.isArray(body[key]), path).toBe(true);
    }
    const drops = await inspect<{ drops: Array<{ reason: string; path: string }> }>('/drops');
    expect(drops.body.drops).toEqual([expect.objectContaining({ reason: 'reservedPrefix' })]);
  });

  it('empties the store on POST /_mock/reset', async () => {
    await trackUser(server.url, trackUserBody('john'));
    expect((await inspect('/reset', json('POST'))).status).toBe(200);
    expect((await inspect<{ users: unknown[] }>('/users')).body.users).toEqual([]);
  });

  it('lists workspaces with their settings but never their API keys', async () => {
    const { body } = await inspect<{ workspaces: Array<Record<string, unknown>> }>('/workspaces');
    expect(body.workspaces[0]).toMatchObject({ workspaceId: TEST_WORKSPACE.workspaceId, apiKeySet: true });
    expect(JSON.stringify(body)).not.toContain(TEST_WORKSPACE.apiKey);
  });

  it('adds a workspace over HTTP and names the bad field of an invalid one', async () => {
    const added = await inspect(
      '/workspaces',
      json('POST', { workspaceId: 'SECOND', apiKey: 'k2', strictBulk: true }),
    );
    expect(added.status).toBe(201);
    expect(server.engine.workspaces.get('SECOND')?.strictBulk).toBe(true);

    const bad = await inspect<{ message: string }>(
      '/workspaces',
      json('POST', { workspaceId: 'THIRD', accountState: 'gone' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('accountState');
    server.engine.workspaces.remove('SECOND');
  });

  it('changes a workspace setting with PATCH, and the next Data API call sees it', async () => {
    const patched = await inspect(
      `/workspaces/${TEST_WORKSPACE.workspaceId}`,
      json('PATCH', { accountState: 'suspended' }),
    );
    expect(patched.status).toBe(200);
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(403);
    await inspect(`/workspaces/${TEST_WORKSPACE.workspaceId}`, json('PATCH', { accountState: 'active' }));
  });

  it('injects faults for the next requests and turns them off again', async () => {
    const set = await inspect(
      `/faults/${TEST_WORKSPACE.workspaceId}`,
      json('PUT', { nextFailures: 1, status: 503 }),
    );
    expect(set.status).toBe(200);
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(503);
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(200);

    const faults = await inspect<{ faults: Record<string, unknown> }>('/faults');
    expect(faults.body.faults).toHaveProperty(TEST_WORKSPACE.workspaceId);
    expect((await inspect(`/faults/${TEST_WORKSPACE.workspaceId}`, json('DELETE'))).status).toBe(200);
  });

  it('refuses fault settings outside their range, naming the field', async () => {
    const { status, body } = await inspect<{ message: string }>(
      `/faults/${TEST_WORKSPACE.workspaceId}`,
      json('PUT', { rate: 2 }),
    );
    expect(status).toBe(400);
    expect(body.message).toContain('rate');
  });

  it('seeds fixtures and shows them in a snapshot', async () => {
    const seeded = await inspect(
      '/seed',
      json('POST', {
        users: [
          { workspaceId: TEST_WORKSPACE.workspaceId, customerId: 'seeded', attributes: { name: 'Seed' } },
        ],
      }),
    );
    expect(seeded.status).toBe(200);
    const snapshot = await inspect<{ users: Array<{ customerId: string }> }>('/snapshot');
    expect(snapshot.body.users.map((user) => user.customerId)).toEqual(['seeded']);
  });

  it('refuses fixtures nested deeper than the Data API allows, naming the limit', async () => {
    const depth = 5_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const { status, body } = await inspect<{ message: string }>('/seed', {
      method: 'POST',
      headers: server.adminHeaders(),
      body: `{"users":[{"workspaceId":"${TEST_WORKSPACE.workspaceId}","customerId":"deep","attributes":{"x":${nested}}}]}`,
    });
    expect(status).toBe(400);
    expect(body.message).toContain('256 levels');
    expect((await inspect<{ users: unknown[] }>('/snapshot')).body.users).toEqual([]);
  });

  it('answers 400 naming the part for a malformed percent escape in a path parameter', async () => {
    for (const path of ['/users/WS1/%E0%A4', '/users/%zz/john', `/workspaces/%`]) {
      const method = path.startsWith('/workspaces') ? 'PATCH' : 'GET';
      const { status, body } = await inspect<{ message: string }>(
        path,
        method === 'GET' ? undefined : json(method, {}),
      );
      expect(status, path).toBe(400);
      expect(body.message).toContain('malformed percent escape');
    }
  });

  it('never answers 5xx to random paths, escapes and methods under /_mock (150 seeded requests)', async () => {
    const random = seededRandom(13);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const segment = () =>
      Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        pick(['%', '%E0', '%A4', '%zz', '%2F', '%00', 'WS1', 'john', '..', '%C3%A9', '%FF%FE']),
      ).join('');
    const calls = Array.from({ length: 150 }, () => {
      const resource = pick(['users', 'workspaces', 'faults', 'events', segment()]);
      return {
        path: `/${resource}/${segment()}${random() < 0.5 ? `/${segment()}` : ''}`,
        method: pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      };
    });
    const statuses = new Set<number>();
    for (let start = 0; start < calls.length; start += 20) {
      const batch = calls.slice(start, start + 20);
      const answers = await Promise.all(
        batch.map(({ path, method }) => inspect(path, method === 'GET' ? undefined : json(method, {}))),
      );
      answers.forEach(({ status }, index) => {
        statuses.add(status);
        expect(status, `${batch[index]?.method} /_mock${batch[index]?.path}`).toBeLessThan(500);
      });
    }
    expect(statuses).toContain(400);
  }, 20_000);

  it('answers 404 for an unknown endpoint and 405 for a known one with the wrong method', async () => {
    expect((await inspect('/nothing-here')).status).toBe(404);
    const wrongMethod = await inspect<{ message: string }>('/reset');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.message).toContain('POST');
  });

  it('keeps the Data API unaffected by the inspection prefix', async () => {
    const response = await fetch(`${server.url}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      method: 'POST',
      headers: dataApiHeaders(),
      body: JSON.stringify(trackUserBody('john')),
    });
    expect(response.status).toBe(200);
  });
});
