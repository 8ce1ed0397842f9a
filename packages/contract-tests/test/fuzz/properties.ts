/**
 * The property checks, shared by the engine-level run (thousands of requests) and the samples over
 * MSW and the standalone server (the adapters' own body reading, headers and sockets).
 */
import type { Engine } from '@moedata/mock';
import { expect } from 'vitest';
import { createContractClient, sendRaw, type Target } from '../../src/contract-client.ts';
import { record } from '../../src/coverage-registry.ts';
import { attributeErrorRow } from '../../src/error-attribution.ts';
import { type MutatedRequest, mutatedRequestArbitrary } from '../../src/fuzz/mutations.ts';
import { checkProperty, withinTime } from '../../src/fuzz/property.ts';
import { callClient, prepareState, validRequestArbitrary } from '../../src/fuzz/valid.ts';
import { takeViolations } from '../../src/observe.ts';

/** A request the mock does not answer within this long is a hang. */
const ANSWER_WITHIN_MS = 10_000;

/** Where the properties run: the target, and the engine behind it (reset before each run). */
export interface FuzzSetup {
  via: 'engine' | 'msw' | 'http';
  target: Target;
  engine: Engine;
}

/** Generated valid requests go through the real client (its request validation on) and get a 2xx. */
export async function validRequestsAreAccepted(setup: FuzzSetup, operationId: string, runs: number) {
  const client = createContractClient({ target: setup.target });
  const details = await checkProperty(
    `${setup.via}: valid ${operationId}`,
    validRequestArbitrary(operationId),
    async (request) => {
      setup.engine.reset();
      prepareState(setup.engine, request);
      await withinTime(callClient(client, request), ANSWER_WITHIN_MS, `${operationId} (valid)`);
      expect(takeViolations()).toEqual([]);
    },
    { numRuns: runs },
  );
  record({ kind: 'property', operationId, property: 'valid', via: setup.via, runs: details.numRuns });
}

/** Sends a mutated request as is (no client: most of these cannot be built with it). */
function sendMutated(setup: FuzzSetup, request: MutatedRequest) {
  return sendRaw(setup.target, {
    method: request.method,
    path: request.path,
    headers: request.headers,
    body: request.body,
    timeoutMs: ANSWER_WITHIN_MS,
  });
}

/**
 * Mutated requests get exactly the documented 4xx, in the documented envelope (the suite's response
 * check), never a 5xx, a crash or a hang.
 */
export async function mutatedRequestsGetDocumented4xx(setup: FuzzSetup, operationId: string, runs: number) {
  const details = await checkProperty(
    `${setup.via}: mutated ${operationId}`,
    mutatedRequestArbitrary(operationId),
    async (request) => {
      setup.engine.reset();
      const answer = await withinTime(
        sendMutated(setup, request),
        ANSWER_WITHIN_MS,
        `${operationId} (${request.kind})`,
      );
      expect(takeViolations(), request.kind).toEqual([]);
      expect(answer.status, `${request.kind}: ${answer.text.slice(0, 300)}`).toBe(request.expect.status);
      if (request.expect.rowIds) {
        // 404 and 405 are answers about the route, whatever the operation (decisions/003).
        const routeLevel = answer.status === 404 || answer.status === 405;
        const row = attributeErrorRow({
          operationId: routeLevel ? undefined : operationId,
          status: answer.status,
          body: answer.json,
        });
        expect(request.expect.rowIds, `${request.kind}: ${answer.text.slice(0, 300)}`).toContain(row?.id);
      }
    },
    { numRuns: runs },
  );
  record({ kind: 'property', operationId, property: 'mutated', via: setup.via, runs: details.numRuns });
}
