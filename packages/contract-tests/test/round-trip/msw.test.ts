import { afterAll, afterEach, beforeAll, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { setupContractMsw } from '../../src/contract-mock.ts';
import { documentOperationIds } from '../../src/document.ts';
import { storeInspector } from '../../src/inspector.ts';
import { runRoundTrip } from './scenarios.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

it.each(documentOperationIds)(
  '%s round-trips through the client and MSW: the store and Get User agree on what was written',
  async (operationId) => {
    await runRoundTrip(operationId, 'msw', {
      client: createContractClient({ target: { kind: 'msw' } }),
      inspect: storeInspector(mock.store),
    });
  },
);
