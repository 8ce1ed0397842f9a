import { basicAuthHeader } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import { sendRaw } from '../../src/contract-client.ts';
import { createContractEngine, KEY1, WS1 } from '../../src/contract-mock.ts';
import { record } from '../../src/coverage-registry.ts';
import { documentOperationIds } from '../../src/document.ts';
import { brokenBulkElementArbitrary } from '../../src/fuzz/mutations.ts';
import { checkProperty, fuzzRuns, withinTime } from '../../src/fuzz/property.ts';
import { takeViolations } from '../../src/observe.ts';
import { type FuzzSetup, mutatedRequestsGetDocumented4xx } from './properties.ts';

const STRICT = 'STRICT_BULK';
const engine = createContractEngine(
  { workspaces: { [STRICT]: { apiKey: KEY1, strictBulk: true } } },
  'engine',
);
const setup: FuzzSetup = { via: 'engine', target: { kind: 'engine', engine }, engine };
const runs = fuzzRuns();

describe(`${runs} generated broken requests per operation, straight to the engine`, () => {
  it.each(documentOperationIds)(
    '%s: mutated requests get the documented 4xx in the documented envelope, never a 5xx or a hang',
    async (operationId) => {
      await mutatedRequestsGetDocumented4xx(setup, operationId, runs);
    },
  );

  it('bulkImport: a broken element is accepted and dropped with its reason; strictBulk answers 400 instead', async () => {
    let run = 0;
    const details = await checkProperty(
      'engine: broken bulk element',
      brokenBulkElementArbitrary(),
      async ({ body, index }) => {
        engine.reset();
        run += 1;
        const strict = run % 2 === 0;
        const workspaceId = strict ? STRICT : WS1;
        const answer = await withinTime(
          sendRaw(setup.target, {
            path: `/v1/transition/${workspaceId}`,
            headers: {
              authorization: basicAuthHeader(workspaceId, KEY1),
              'content-type': 'application/json',
            },
            body: JSON.stringify(body),
          }),
          10_000,
          'bulkImport (broken element)',
        );
        expect(takeViolations()).toEqual([]);
        if (strict) {
          expect(answer.status).toBe(400);
        } else {
          expect(answer.status).toBe(200);
          const drops = engine.store.drops.list(WS1).filter((drop) => drop.reason === 'invalidBulkElement');
          expect(drops.map((drop) => drop.path)).toContain(`elements[${index}]`);
        }
      },
      { numRuns: runs },
    );
    record({
      kind: 'property',
      operationId: 'bulkImport',
      property: 'brokenElement',
      via: 'engine',
      runs: details.numRuns,
    });
  });
});
