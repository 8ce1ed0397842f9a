import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { setupContractMsw } from '../../src/contract-mock.ts';
import { record } from '../../src/coverage-registry.ts';
import { documentOperationIds } from '../../src/document.ts';
import { storeInspector } from '../../src/inspector.ts';
import { roundTripScenarios } from './scenarios.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

it.each(documentOperationIds)(
  '%s round-trips through the client and MSW: the store and Get User agree on what was written',
  async (operationId) => {
    const scenario = roundTripScenarios[operationId];
    expect(
      scenario,
      `no round-trip scenario for ${operationId}: add one to test/round-trip/scenarios.ts`,
    ).toBeDefined();
    await scenario?.({
      client: createContractClient({ target: { kind: 'msw' } }),
      inspect: storeInspector(mock.store),
    });
    record({ kind: 'roundTrip', operationId, adapter: 'msw' });
  },
);
