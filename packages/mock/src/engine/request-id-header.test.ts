import { describe, expect, it } from 'vitest';
import { harness, validBodies, WS1 } from './test-support/harness.ts';
import type { EngineResponse } from './types.ts';

/** The `request_id` a body carries, at the top or inside `error`, when its envelope has one. */
function bodyRequestId(response: EngineResponse): string | undefined {
  const body = response.body as { request_id?: string; error?: { request_id?: string } } | null;
  return body?.request_id ?? body?.error?.request_id;
}

describe('x-request-id response header', () => {
  it("equals the body's request_id and the request log's id, on successes and failures alike", async () => {
    const h = harness();
    const responses = [
      await h.send('trackUser', { body: validBodies.trackUser }),
      await h.send('getUser', { body: validBodies.getUser }),
      await h.send('trackUser', { as: null, body: validBodies.trackUser }),
      await h.send('createEvent', { body: { type: 'event', customer_id: 'john' } }),
    ];
    const logged = h.engine.store.requestLog.list().map((entry) => entry.requestId);
    expect(responses.map((response) => response.headers['x-request-id'])).toEqual(logged);
    for (const response of responses) {
      const inBody = bodyRequestId(response);
      if (inBody !== undefined) expect(response.headers['x-request-id']).toBe(inBody);
    }
    expect(
      responses.filter((response) => bodyRequestId(response) !== undefined).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('is set on envelopes without a request_id too (404 route, Trigger File Imports errors)', async () => {
    const h = harness();
    const notFound = await h.send('trackUser', { path: '/v1/nowhere' });
    const fileImport = await h.send('triggerFileImport', { as: [WS1, 'wrong-secret'] });
    expect(notFound.status).toBe(404);
    expect(fileImport.status).toBeGreaterThanOrEqual(400);
    const [first, second] = h.engine.store.requestLog.list();
    expect(notFound.headers['x-request-id']).toBe(first?.requestId);
    expect(fileImport.headers['x-request-id']).toBe(second?.requestId);
  });
});
