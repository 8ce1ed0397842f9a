import { getError } from '@moedata/spec/errors';
import { parseRateLimitHeaders } from '@moedata/spec/rate-limit';
import { coreHost, DATA_CENTERS, fileImportsHost } from '@moedata/spec/rules';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handleGetUser, handleTrackUser } from '../src/index.ts';
import { setupMoEngageServer } from '../src/node.ts';
import {
  dataApiHeaders,
  getUser,
  getUserBody,
  TEST_WORKSPACE,
  trackUser,
  trackUserBody,
} from './support/data-api.ts';

const CUSTOM_BASE_URL = 'http://moengage.proxy.test/moengage';

const mock = setupMoEngageServer({
  // Half a minute into a rate-limit window, standing still: two requests always share one window.
  clock: { now: () => Date.UTC(2026, 0, 15, 12, 0, 30) },
  workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } },
  baseUrl: CUSTOM_BASE_URL,
});

// listen() defaults to onUnhandledFrame: 'error': a request no handler answers fails the test.
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

describe('MSW handlers in Node (setupServer)', () => {
  it('stores a Track User and returns it from Get User with standard attributes under internal keys', async () => {
    const tracked = await trackUser(coreHost('01'), trackUserBody('john'));
    expect(tracked.status).toBe(200);
    const trackedBody = (await tracked.json()) as { status: string; request_id: string };
    expect(trackedBody).toMatchObject({ status: 'success' });
    expect(tracked.headers.get('x-request-id')).toBe(trackedBody.request_id);

    const fetched = await getUser(coreHost('01'), getUserBody('john'));
    expect(fetched.status).toBe(200);
    const body = (await fetched.json()) as {
      data: { users: Array<{ user_attributes: Record<string, unknown> }> };
    };
    expect(body.data.users).toHaveLength(1);
    expect(body.data.users[0]?.user_attributes).toMatchObject({
      customer_id: 'john',
      name: 'John Doe',
      plan: 'gold',
    });
    expect(mock.store.users.get(TEST_WORKSPACE.workspaceId, 'john')?.attributes).toMatchObject({
      u_n: 'John Doe',
    });
  });

  it('starts every test with an empty store', () => {
    expect(mock.store.users.count()).toBe(0);
    expect(mock.store.requestLog.list()).toEqual([]);
  });

  it('answers on the core host of every data center', async () => {
    for (const dc of DATA_CENTERS) {
      const response = await trackUser(coreHost(dc), trackUserBody(`user-${dc}`));
      expect(response.status, `api-${dc}`).toBe(200);
    }
    expect(mock.store.users.count(TEST_WORKSPACE.workspaceId)).toBe(DATA_CENTERS.length);
  });

  it('answers on a custom base URL with a path prefix, core and file-import paths alike', async () => {
    expect((await trackUser(CUSTOM_BASE_URL, trackUserBody('proxied'))).status).toBe(200);
    const trigger = await fetch(`${CUSTOM_BASE_URL}/v1.0/data/fileimports/trigger/schedule-1`, {
      method: 'POST',
      headers: { ...dataApiHeaders(), 'moe-appkey': TEST_WORKSPACE.workspaceId },
    });
    expect(trigger.status).toBe(200);
    expect(mock.store.fileImportRuns.list(TEST_WORKSPACE.workspaceId)).toHaveLength(1);
  });

  it('serves Trigger File Imports on the file-imports host', async () => {
    const response = await fetch(`${fileImportsHost('03')}/v1.0/data/fileimports/trigger/schedule-9`, {
      method: 'POST',
      headers: { ...dataApiHeaders(), 'moe-appkey': TEST_WORKSPACE.workspaceId },
    });
    expect(response.status).toBe(200);
  });

  it('answers a wrong API key with the 401 row of the error table', async () => {
    const response = await fetch(`${coreHost('02')}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      method: 'POST',
      headers: { ...dataApiHeaders({ workspaceId: TEST_WORKSPACE.workspaceId, apiKey: 'wrong-key' }) },
      body: JSON.stringify(trackUserBody('john')),
    });
    const row = getError('authSecretMismatch');
    expect(response.status).toBe(row.status);
    expect(await response.json()).toMatchObject({
      status: 'fail',
      error: { type: row.type, message: row.message },
    });
    expect(mock.store.users.count()).toBe(0);
  });

  it('sends the three rate-limit headers, counting the budget down per user', async () => {
    const first = await trackUser(coreHost('01'), trackUserBody('a'));
    const second = await trackUser(coreHost('01'), trackUserBody('b'));
    const before = parseRateLimitHeaders(first.headers);
    const after = parseRateLimitHeaders(second.headers);
    expect(before).toMatchObject({ limit: 10_000, windowSeconds: 60 });
    expect(after?.remaining).toBe((before?.remaining ?? 0) - 1);
    expect(after?.resetSeconds).toBeGreaterThanOrEqual(0);
    expect(after?.resetSeconds).toBeLessThanOrEqual(60);
  });

  it("answers a workspace bound to DC 02 only on DC 02's core host, as an unknown workspace elsewhere", async () => {
    mock.engine.workspaces.update(TEST_WORKSPACE.workspaceId, { dataCenter: '02' });
    try {
      const home = await trackUser(coreHost('02'), trackUserBody('john'));
      const elsewhere = await trackUser(coreHost('01'), trackUserBody('jane'));
      const custom = await trackUser(CUSTOM_BASE_URL, trackUserBody('ada'));
      expect(home.status).toBe(200);
      expect(elsewhere.status).toBe(401);
      expect(await elsewhere.json()).toMatchObject({
        error: { message: 'Invalid APP_ID used in Authentication Header' },
      });
      expect(custom.status).toBe(200);
    } finally {
      mock.engine.workspaces.update(TEST_WORKSPACE.workspaceId, { dataCenter: undefined });
    }
  });

  it('answers an unknown route on a MoEngage host from the engine instead of letting it reach the network', async () => {
    const response = await fetch(`${coreHost('01')}/v2/unknown`, {
      method: 'POST',
      headers: dataApiHeaders(),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('refuses a body over the workspace limit with 413', async () => {
    const big = trackUserBody('big', { blob: 'x'.repeat(140_000) });
    const response = await trackUser(coreHost('01'), big);
    expect(response.status).toBe(getError('payloadTooLarge').status);
    expect(mock.store.users.count()).toBe(0);
  });

  it('lets one test override an operation with a generated handler factory, and reset() restores the emulator', async () => {
    mock.server.use(
      handleTrackUser(() => HttpResponse.json({ status: 'fail', message: 'overridden' }, { status: 503 }), {
        baseUrl: coreHost('01'),
      }),
    );
    expect((await trackUser(coreHost('01'), trackUserBody('john'))).status).toBe(503);

    mock.reset();
    expect((await trackUser(coreHost('01'), trackUserBody('john'))).status).toBe(200);
  });

  it('takes a typed 200 body as an override, on every host when no baseUrl is given', async () => {
    mock.server.use(
      handleGetUser({
        body: {
          status: 'success',
          type: 'export_users',
          data: { users: [], users_not_found: [{ identifier_type: 'customer_id', identifier: 'john' }] },
        },
      }),
    );
    for (const host of [coreHost('01'), coreHost('03')]) {
      const response = await getUser(host, getUserBody('john'));
      expect(await response.json()).toMatchObject({ data: { users: [] } });
    }
  });

  it('answers a browser preflight (OPTIONS with Origin) with 204 and the methods and headers allowed', async () => {
    const response = await fetch(`${coreHost('01')}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
  });

  it('lets a page on another origin read the answer and its rate-limit headers', async () => {
    const response = await trackUser(coreHost('01'), trackUserBody('john'), {
      headers: { ...dataApiHeaders(), origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining');
    expect(response.headers.get('vary')).toBe('Origin');
  });
});
