import type { MockServer } from '@moedata/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractServer } from '../../src/contract-mock.ts';
import { documentOperationIds } from '../../src/document.ts';
import { adapterRuns } from '../../src/fuzz/property.ts';
import { type FuzzSetup, mutatedRequestsGetDocumented4xx, validRequestsAreAccepted } from './properties.ts';

let server: MockServer;
let setup: FuzzSetup;
beforeAll(async () => {
  server = await startContractServer();
  setup = { via: 'http', target: { kind: 'http', baseUrl: server.url }, engine: server.engine };
});
afterAll(async () => {
  // Still alive after everything it was sent: no input crashed it.
  const health = await fetch(`${server.url}/_mock/health`, { signal: AbortSignal.timeout(10_000) });
  expect(health.status).toBe(200);
  await server.close();
});

const runs = adapterRuns();

describe(`${runs} generated requests per operation over HTTP to the standalone server (sockets, streamed bodies)`, () => {
  it.each(documentOperationIds)('%s: valid requests get a 2xx', async (operationId) => {
    await validRequestsAreAccepted(setup, operationId, runs);
  });

  it.each(documentOperationIds)('%s: mutated requests get the documented 4xx', async (operationId) => {
    await mutatedRequestsGetDocumented4xx(setup, operationId, runs);
  });
});
