import { type ErrorRow, errorCatalog } from '@moedata/spec/errors';
import { afterAll, afterEach, beforeAll, it } from 'vitest';
import { setupContractMsw } from '../../src/contract-mock.ts';
import { expectRow, provoke } from './provoke.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

it.each(errorCatalog.map((row) => [row.id, row.status, row.type] as const))(
  '%s: over MSW the mock answers %i %s and the client throws its typed error',
  async (id) => {
    const row = errorCatalog.find((candidate) => candidate.id === id) as ErrorRow;
    expectRow(row, await provoke(row, mock.engine, { kind: 'msw' }), mock.engine);
  },
);
