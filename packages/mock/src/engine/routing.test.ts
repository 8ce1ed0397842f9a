import { operationIds, operations } from '@moedata/spec';
import { describe, expect, it } from 'vitest';
import { matchRoute } from './routing.ts';
import { harness, pathFor, validBodies, WS1 } from './test-support/harness.ts';

describe('routing', () => {
  it('derives a route for every operation of the spec, on one origin', () => {
    for (const operationId of operationIds) {
      const path = pathFor(operationId, WS1).split('?')[0] as string;
      expect(matchRoute('POST', path)).toMatchObject({ kind: 'operation', operationId });
    }
  });

  it('prefers literal segments: /v1/customer/merge is Merge Users, not Track User for app "merge"', () => {
    expect(matchRoute('POST', '/v1/customer/merge')).toMatchObject({ operationId: 'mergeUsers' });
    expect(matchRoute('POST', '/v1/customer/delete')).toMatchObject({ operationId: 'deleteUser' });
    expect(matchRoute('POST', '/v1/customer/WS1')).toMatchObject({
      operationId: 'trackUser',
      params: { app_id: 'WS1' },
    });
  });

  it('matches path-style operations without their app_id segment (app_id then comes from the query)', () => {
    for (const operationId of operationIds.filter((id) => operations[id].appIdIn === 'path')) {
      const bare = operations[operationId].path.replace('/{app_id}', '');
      expect(matchRoute('POST', bare)).toEqual({ kind: 'operation', operationId, params: {} });
    }
  });

  it('decodes percent-encoded path parameters and ignores a trailing slash', () => {
    expect(matchRoute('POST', '/v1/event/my%20app/')).toMatchObject({ params: { app_id: 'my app' } });
  });

  it('answers an unknown path with 404 "Resource not found" in the plain envelope', async () => {
    const h = harness();
    const response = await h.send('trackUser', { path: '/v2/unknown', body: validBodies.trackUser });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ status: 'fail', message: 'Resource not found' });
  });

  it('answers Trigger File Imports without a schedule_id with 404', async () => {
    const h = harness();
    const response = await h.send('triggerFileImport', { path: '/v1.0/data/fileimports/trigger' });
    expect(response.status).toBe(404);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'])(
    'answers %s on a known path with 405 "Method not allowed"',
    async (method) => {
      const h = harness();
      const response = await h.send('trackUser', { method, body: null });
      expect(response.status).toBe(405);
      expect(response.body).toEqual({ status: 'fail', message: 'Method not allowed' });
    },
  );

  it('accepts a full URL of either MoEngage host, or of the emulator itself', async () => {
    const h = harness();
    for (const origin of [
      'https://api-01.moengage.com',
      'https://fileimports-data-api-03.moengage.com',
      'http://127.0.0.1:4010',
    ]) {
      const response = await h.send('trackUser', {
        path: `${origin}/v1/customer/${WS1}`,
        body: validBodies.trackUser,
      });
      expect(response.status).toBe(200);
    }
  });

  it('answers 404 before checking credentials', async () => {
    const h = harness();
    const response = await h.send('trackUser', { path: '/nope', as: null });
    expect(response.status).toBe(404);
  });
});
