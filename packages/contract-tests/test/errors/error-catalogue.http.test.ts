import type { MockServer } from '@moedata/mock/node';
import { type ErrorRow, errorCatalog } from '@moedata/spec/errors';
import { afterAll, afterEach, beforeAll, it } from 'vitest';
import { startContractServer } from '../../src/contract-mock.ts';
import { expectRow, provoke } from './provoke.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startContractServer();
});
afterEach(() => server.engine.reset());
afterAll(() => server.close());

it.each(errorCatalog.map((row) => [row.id, row.status, row.type] as const))(
  '%s: over HTTP the standalone server answers %i %s and the client throws its typed error',
  async (id) => {
    const row = errorCatalog.find((candidate) => candidate.id === id) as ErrorRow;
    expectRow(row, await provoke(row, server.engine, { kind: 'http', baseUrl: server.url }), server.engine);
  },
);
