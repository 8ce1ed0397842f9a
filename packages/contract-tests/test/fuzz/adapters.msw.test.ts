import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { setupContractMsw } from '../../src/contract-mock.ts';
import { documentOperationIds } from '../../src/document.ts';
import { adapterRuns } from '../../src/fuzz/property.ts';
import { mutatedRequestsGetDocumented4xx, validRequestsAreAccepted } from './properties.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

const setup = { via: 'msw' as const, target: { kind: 'msw' as const }, engine: mock.engine };
const runs = adapterRuns();

describe(`${runs} generated requests per operation over MSW (the adapter's body reading and headers)`, () => {
  it.each(documentOperationIds)('%s: valid requests get a 2xx', async (operationId) => {
    await validRequestsAreAccepted(setup, operationId, runs);
  });

  it.each(documentOperationIds)('%s: mutated requests get the documented 4xx', async (operationId) => {
    await mutatedRequestsGetDocumented4xx(setup, operationId, runs);
  });
});
