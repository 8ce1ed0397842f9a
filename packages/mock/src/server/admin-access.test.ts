import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WORKSPACE, trackUser, trackUserBody } from '../../test/support/data-api.ts';
import { ADMIN_TOKEN_HEADER, bindWarning, isLoopbackName } from './admin-access.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

const APP_ORIGIN = 'http://localhost:5173';
const EVIL_ORIGIN = 'https://evil.example';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { message?: string; token?: string | null } & Record<string, unknown>;
}

/** One raw request, so `Host` and `Origin` can be whatever a hostile page would make the browser send. */
function call(
  server: MockServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${server.url}${path}`,
      { method: init.method ?? 'GET', headers: init.headers },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(text || '{}'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

const hostOf = (server: MockServer) => new URL(server.url).host;

describe('the /_mock admin API against other origins', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      port: 0,
      engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
    });
  });
  afterEach(() => server.engine.reset());
  afterAll(() => server.close());

  it('refuses a reset sent by a page on another origin, and keeps the store', async () => {
    await trackUser(server.url, trackUserBody('john'));
    const answer = await call(server, '/_mock/reset', {
      method: 'POST',
      headers: { origin: EVIL_ORIGIN, 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain(`Origin ${EVIL_ORIGIN} may not use /_mock`);
    expect(server.engine.store.users.count()).toBe(1);
  });

  it('does not let another origin read the snapshot, even with the Data API open to any origin', async () => {
    await trackUser(server.url, trackUserBody('john'));
    const answer = await call(server, '/_mock/snapshot', { headers: { origin: EVIL_ORIGIN } });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.stringify(answer.body)).not.toContain('john');

    // The Data API keeps its CORS: any origin, echoed.
    const preflight = await call(server, `/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      method: 'OPTIONS',
      headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(EVIL_ORIGIN);
  });

  it('refuses the preflight another origin needs before a JSON write', async () => {
    const answer = await call(server, '/_mock/workspaces', {
      method: 'OPTIONS',
      headers: {
        origin: EVIL_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': `content-type, ${ADMIN_TOKEN_HEADER}`,
      },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses to replace an API key with a text/plain body (the kind a page sends without a preflight)', async () => {
    const answer = await call(server, '/_mock/workspaces', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', [ADMIN_TOKEN_HEADER]: server.adminToken as string },
      body: JSON.stringify({ workspaceId: TEST_WORKSPACE.workspaceId, apiKey: 'stolen' }),
    });
    expect(answer.status).toBe(415);
    expect(answer.body.message).toContain('application/json');
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(200);
  });

  it('refuses a write without the admin token, or with a wrong one, naming the header', async () => {
    for (const token of [undefined, 'guess']) {
      const answer = await call(server, '/_mock/reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { [ADMIN_TOKEN_HEADER]: token }) },
      });
      expect(answer.status).toBe(401);
      expect(answer.body.message).toContain(ADMIN_TOKEN_HEADER);
    }
    const allowed = await call(server, '/_mock/reset', { method: 'POST', headers: server.adminHeaders() });
    expect(allowed.status).toBe(200);
  });

  it('refuses a DNS-rebound page: a same-origin request under a Host that is not loopback', async () => {
    const rebound = `evil.example:${server.port}`;
    const answer = await call(server, '/_mock/snapshot', {
      headers: { host: rebound, origin: `http://${rebound}` },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain('--allowed-host');
  });

  it('hands the admin token to the emulator’s own pages and to nothing on another origin', async () => {
    const own = await call(server, '/_mock/admin-token', { headers: { origin: `http://${hostOf(server)}` } });
    expect(own.body).toEqual({ header: ADMIN_TOKEN_HEADER, token: server.adminToken });
    const other = await call(server, '/_mock/admin-token', { headers: { origin: EVIL_ORIGIN } });
    expect(other.status).toBe(403);
    expect(other.body.token).toBeUndefined();
  });

  it('still answers the liveness probe to any origin (it reveals only that an emulator listens)', async () => {
    const answer = await call(server, '/_mock/health', { headers: { origin: EVIL_ORIGIN } });
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('gives every server its own token', async () => {
    const other = await startMockServer({ port: 0 });
    try {
      expect(other.adminToken).toMatch(/^[\w-]{20,}$/);
      expect(other.adminToken).not.toBe(server.adminToken);
    } finally {
      await other.close();
    }
  });
});

describe('the /_mock admin API, configured', () => {
  it('serves an origin listed explicitly, with CORS headers, and a configured host name', async () => {
    const server = await startMockServer({
      port: 0,
      corsOrigins: [APP_ORIGIN],
      allowedHosts: ['Emulator.Test'],
    });
    try {
      const preflight = await call(server, '/_mock/reset', {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      const reset = await call(server, '/_mock/reset', {
        method: 'POST',
        headers: { origin: APP_ORIGIN, ...server.adminHeaders() },
      });
      expect(reset.status).toBe(200);
      expect(reset.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      const named = await call(server, '/_mock/workspaces', {
        headers: { host: `emulator.test:${server.port}` },
      });
      expect(named.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('accepts writes without a token when the check is turned off, still only as JSON', async () => {
    const server = await startMockServer({ port: 0, adminToken: false });
    try {
      expect(server.adminToken).toBeUndefined();
      expect(server.adminHeaders()).toEqual({ 'content-type': 'application/json' });
      const json = await call(server, '/_mock/reset', { method: 'POST', headers: server.adminHeaders() });
      expect(json.status).toBe(200);
      const plain = await call(server, '/_mock/reset', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
      });
      expect(plain.status).toBe(415);
    } finally {
      await server.close();
    }
  });
});

describe('which names count as this machine', () => {
  it('accepts localhost, its subdomains, 127.0.0.0/8 and ::1, with or without a port', () => {
    for (const host of [
      'localhost',
      'LOCALHOST:4010',
      'app.localhost',
      '127.0.0.1:4010',
      '127.1.2.3',
      '[::1]:4010',
      '::1',
    ]) {
      expect(isLoopbackName(host), host).toBe(true);
    }
  });

  it('refuses other names and addresses, including ones that only start like loopback', () => {
    for (const host of [
      'evil.example',
      'localhost.evil.example',
      '127.0.0.1.evil.example',
      '10.0.0.1',
      '[::2]',
      '0.0.0.0',
    ]) {
      expect(isLoopbackName(host), host).toBe(false);
    }
  });

  it('warns when the server binds to an address other machines can reach', () => {
    expect(bindWarning('127.0.0.1')).toBeUndefined();
    expect(bindWarning('localhost')).toBeUndefined();
    expect(bindWarning('0.0.0.0')).toContain('reachable from other machines');
  });
});
