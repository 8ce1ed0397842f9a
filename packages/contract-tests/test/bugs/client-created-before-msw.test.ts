/**
 * Found from outside the repo (issue 11): a frontend test that creates the client at module level, as
 * the client README's quickstart does, and starts the emulator's MSW handlers in `beforeAll` sent its
 * request to the real MoEngage host: the client had captured `globalThis.fetch` when it was created,
 * before MSW patched it. The client now reads the global fetch at each request.
 */
import { createMoEngage } from '@moedata/client';
import { setupMoEngageServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

// Created before MSW starts, exactly as an app module imported by a test file would be.
const moengage = createMoEngage({ workspaceId: 'FRONTEND', apiKey: 'secret', dataCenter: '01' });

const mock = setupMoEngageServer({ workspaces: { FRONTEND: { apiKey: 'secret' } } });
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

it('is answered by the emulator although the client was created before MSW started', async () => {
  const result = await moengage.trackUser({
    type: 'customer',
    customer_id: 'ada',
    attributes: { first_name: 'Ada' },
  });
  expect(result.data).toMatchObject({ status: 'success' });
  expect(mock.store.users.get('FRONTEND', 'ada')?.attributes).toMatchObject({ u_fn: 'Ada' });
});
