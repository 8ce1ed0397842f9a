import { describe, it } from 'vitest';
import { createContractEngine } from '../../src/contract-mock.ts';
import { documentOperationIds } from '../../src/document.ts';
import { fuzzRuns } from '../../src/fuzz/property.ts';
import { type FuzzSetup, validRequestsAreAccepted } from './properties.ts';

const engine = createContractEngine({}, 'engine');
const setup: FuzzSetup = { via: 'engine', target: { kind: 'engine', engine }, engine };
const runs = fuzzRuns();

describe(`${runs} generated valid requests per operation, through the client straight to the engine`, () => {
  it.each(documentOperationIds)(
    '%s: valid requests from the spec pass the client and get a 2xx',
    async (operationId) => {
      await validRequestsAreAccepted(setup, operationId, runs);
    },
  );
});
