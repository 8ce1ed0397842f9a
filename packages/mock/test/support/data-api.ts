/**
 * Small request factories for the adapter tests (Node and the browser page share them): one workspace,
 * the Basic auth header, and Track User / Get User calls with deterministic bodies.
 */

/** The workspace every adapter test configures. */
export const TEST_WORKSPACE = { workspaceId: 'TESTWS01', apiKey: 'test-secret-key' } as const;

/** `Authorization` and `Content-Type` for a workspace. */
export function dataApiHeaders(workspace: { workspaceId: string; apiKey: string } = TEST_WORKSPACE) {
  return {
    authorization: `Basic ${btoa(`${workspace.workspaceId}:${workspace.apiKey}`)}`,
    'content-type': 'application/json',
  };
}

/** A Track User body for one customer, with a standard attribute (`name` → `u_n`) and a custom one. */
export function trackUserBody(customerId: string, attributes: Record<string, unknown> = {}) {
  return {
    type: 'customer',
    customer_id: customerId,
    attributes: { name: 'John Doe', plan: 'gold', ...attributes },
  };
}

/** A Get User body looking customers up by `customer_id`. */
export function getUserBody(...customerIds: string[]) {
  return {
    data: { identifiers: customerIds.map((identifier) => ({ identifier_type: 'customer_id', identifier })) },
  };
}

/** POST Track User to `baseUrl` (e.g. `https://api-01.moengage.com` or `http://127.0.0.1:PORT`). */
export function trackUser(baseUrl: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}/v1/customer/${TEST_WORKSPACE.workspaceId}`, {
    method: 'POST',
    headers: dataApiHeaders(),
    body: JSON.stringify(body),
    ...init,
  });
}

/** POST Get User to `baseUrl`. */
export function getUser(baseUrl: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/v1/customers/export?app_id=${TEST_WORKSPACE.workspaceId}`, {
    method: 'POST',
    headers: dataApiHeaders(),
    body: JSON.stringify(body),
  });
}
