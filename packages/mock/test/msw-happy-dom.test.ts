// @vitest-environment happy-dom
/**
 * A frontend test suite as users run it: happy-dom, whose fetch enforces CORS like a browser. The page
 * lives on vitest's default origin (http://localhost:3000) and calls MoEngage's host, so every call is
 * cross-origin: a preflight first (Authorization and a JSON body are not "simple"), and the answer is
 * readable only with `access-control-allow-origin`.
 */
import { coreHost } from '@moedata/spec/rules';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { setupMoEngageServer } from '../src/node.ts';
import { getUser, getUserBody, TEST_WORKSPACE, trackUser, trackUserBody } from './support/data-api.ts';

const mock = setupMoEngageServer({
  workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } },
});
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

it('runs on a page whose origin is not MoEngage', () => {
  expect(window.location.origin).not.toBe(coreHost('01'));
});

it('answers the cross-origin Track User and Get User of a page, preflight included', async () => {
  const tracked = await trackUser(coreHost('01'), trackUserBody('john'));
  expect(tracked.status).toBe(200);
  expect(tracked.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);

  const fetched = await getUser(coreHost('01'), getUserBody('john'));
  expect(fetched.status).toBe(200);
  const body = (await fetched.json()) as {
    data: { users: Array<{ user_attributes: Record<string, unknown> }> };
  };
  expect(body.data.users[0]?.user_attributes).toMatchObject({ customer_id: 'john' });
  expect(mock.store.users.get(TEST_WORKSPACE.workspaceId, 'john')).toBeDefined();
});

it('answers a preflight with 204 and the methods and headers the page may use', async () => {
  const response = await fetch(`${coreHost('01')}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
    method: 'OPTIONS',
    headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  expect(response.status).toBe(204);
});
