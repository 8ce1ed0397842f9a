import { type ErrorId, getError } from '@moedata/spec/errors';
import { describe, expect, it } from 'vitest';
import { type Call, harness, KEY1, WS1, WS2 } from './test-support/harness.ts';
import type { WorkspaceConfig } from './types.ts';

/** One problem of a request: how the request looks with it, and the row it must produce. */
interface Problem {
  errorId: ErrorId | 'success';
  broken: Call & { workspace?: WorkspaceConfig };
}

/** The problems in the order decisions.md checks them; the fixed request is a valid Track User call. */
const problems: Problem[] = [
  { errorId: 'methodNotAllowed', broken: { method: 'GET' } },
  { errorId: 'authHeaderMissing', broken: { as: null } },
  { errorId: 'authInvalidAppId', broken: { as: ['NOPE', 'key'] } },
  { errorId: 'secretNotSet', broken: { as: ['NOKEY', 'key'] } },
  { errorId: 'authSecretMismatch', broken: { as: [WS1, 'wrong'] } },
  { errorId: 'appIdRequired', broken: { path: '/v1/customer' } },
  { errorId: 'invalidAppId', broken: { path: '/v1/customer/UNKNOWN' } },
  { errorId: 'appKeyMismatch', broken: { path: `/v1/customer/${WS2}` } },
  { errorId: 'moeAppKeyMismatch', broken: { headers: { 'moe-appkey': WS2 } } },
  { errorId: 'blacklisted', broken: { workspace: { accountState: 'blacklisted' } } },
  { errorId: 'missingContentType', broken: { headers: { 'content-type': undefined } } },
  { errorId: 'unsupportedMediaType', broken: { headers: { 'content-type': 'text/plain' } } },
  { errorId: 'payloadTooLarge', broken: { bodyExceededLimit: true } },
  { errorId: 'emptyBody', broken: { body: '' } },
  { errorId: 'malformedJson', broken: { body: '{"type":' } },
  { errorId: 'bodyNotJson', broken: { body: '["customer"]' } },
  { errorId: 'customerIdMissing', broken: { body: { type: 'customer' } } },
  { errorId: 'rateLimitExceeded', broken: { workspace: { rateLimits: { trackUser: { users: 0 } } } } },
  { errorId: 'success', broken: {} },
];

const fixed: Call = {
  method: 'POST',
  as: [WS1, KEY1],
  path: `/v1/customer/${WS1}`,
  body: { type: 'customer', customer_id: 'john' },
};

/** The request with problems `from` onwards present (the earliest problem wins a field). */
function requestFrom(from: number): { call: Call; workspace: WorkspaceConfig } {
  let call: Call = { ...fixed, headers: {} };
  let workspace: WorkspaceConfig = { apiKey: KEY1 };
  for (const problem of problems.slice(from).reverse()) {
    const { workspace: brokenWorkspace, headers, ...rest } = problem.broken;
    call = { ...call, ...rest, headers: { ...call.headers, ...headers } };
    workspace = { ...workspace, ...brokenWorkspace };
  }
  return { call, workspace };
}

describe('check order', () => {
  it.each(problems.map((problem, index) => [problem.errorId, index] as const))(
    'answers %s first once every earlier problem is fixed, whatever later problems remain',
    async (errorId, index) => {
      const { call, workspace } = requestFrom(index);
      const h = harness({ workspaces: { [WS1]: workspace, NOKEY: {} } });
      const response = await h.send('trackUser', call);
      const logged = h.engine.store.requestLog.list().at(-1);
      expect(logged?.errorId ?? 'success').toBe(errorId);
      expect(response.status).toBe(errorId === 'success' ? 200 : getError(errorId).status);
    },
  );

  it('checks Content-Type before the body, so a wrong type wins over a malformed body', async () => {
    const h = harness();
    const response = await h.send('createEvent', { headers: { 'content-type': 'text/xml' }, body: '<xml/>' });
    expect(response.status).toBe(415);
  });

  it('checks the schema before the rate limit, so an invalid request consumes nothing', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, rateLimits: { trackUser: { users: 1 } } } } });
    expect((await h.send('trackUser', { body: { type: 'customer' } })).status).toBe(400);
    expect((await h.send('trackUser', { body: { type: 'customer', customer_id: 'john' } })).status).toBe(200);
  });
});
