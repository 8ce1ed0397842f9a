import { DEMO_WORKSPACE } from '@moedata/mock';
import { type MockServer, startMockServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PINNED_CLOCK } from '../../test/support/demo-emulator.ts';
import { describeInspectorContract } from '../../test/support/inspector-contract.ts';
import { connectEmulator } from '../connection/connect.ts';
import { httpInspector, listEmulatorWorkspaces } from './inspector.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    engineOptions: {
      clock: PINNED_CLOCK,
      workspaces: { [DEMO_WORKSPACE.workspaceId]: { apiKey: DEMO_WORKSPACE.apiKey } },
    },
  });
});
afterEach(() => {
  server.engine.reset();
  server.engine.workspaces.add(DEMO_WORKSPACE.workspaceId, { apiKey: DEMO_WORKSPACE.apiKey });
});
afterAll(() => server.close());

describeInspectorContract('the /_mock endpoints of the standalone emulator', () =>
  connectEmulator(server.url),
);

it('lists the workspaces the standalone emulator serves', async () => {
  expect(await listEmulatorWorkspaces(server.url)).toEqual(['DEMO']);
});

it('says how to start the emulator when nothing listens', async () => {
  const refusing = (async () => {
    throw new TypeError('fetch failed');
  }) as unknown as typeof fetch;
  await expect(httpInspector('http://127.0.0.1:9', refusing).state('DEMO')).rejects.toThrow(
    /Could not reach the emulator at http:\/\/127\.0\.0\.1:9 .*npm start/,
  );
});
