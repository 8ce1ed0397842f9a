import type { MockServer } from '@moedata/mock/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { startContractServer } from '../../src/contract-mock.ts';
import { documentOperationIds } from '../../src/document.ts';
import { httpInspector } from '../../src/inspector.ts';
import { runRoundTrip } from './scenarios.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterEach(async () => {
  // Through the inspection API, as a test suite in another process would.
  const reset = await fetch(`${server.url}/_mock/reset`, {
    method: 'POST',
    headers: server.adminHeaders(),
    signal: AbortSignal.timeout(10_000),
  });
  expect(reset.status).toBe(200);
});
afterAll(() => server.close());

it.each(documentOperationIds)(
  '%s round-trips through the client and the standalone server: /_mock and Get User agree on what was written',
  async (operationId) => {
    await runRoundTrip(operationId, 'http', {
      client: createContractClient({ target: { kind: 'http', baseUrl: server.url } }),
      inspect: httpInspector(server.url),
    });
  },
);
