import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataApiHeaders, TEST_WORKSPACE, trackUserBody } from '../../test/support/data-api.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

const APP_ORIGIN = 'http://localhost:5173';
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    corsOrigins: [APP_ORIGIN],
    engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
  });
});
afterAll(() => server.close());

const preflight = (origin: string) =>
  fetch(`${server.url}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS for browser callers', () => {
  it('answers a preflight from an allowed origin with the methods and headers it may use', async () => {
    const response = await preflight(APP_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
  });

  it('refuses a preflight from another origin and says how to allow it', async () => {
    const response = await preflight('http://evil.test');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await response.json()) as { message: string }).message).toContain('--cors-origin');
  });

  it('lets an allowed page read the rate-limit headers and x-request-id of a Data API answer', async () => {
    const response = await fetch(`${server.url}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
      method: 'POST',
      headers: { ...dataApiHeaders(), origin: APP_ORIGIN },
      body: JSON.stringify(trackUserBody('john')),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('x-request-id')).toBe(
      ((await response.json()) as { request_id: string }).request_id,
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('adds no CORS headers to callers that send no Origin (servers, curl)', async () => {
    const response = await fetch(`${server.url}/_mock/health`);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
