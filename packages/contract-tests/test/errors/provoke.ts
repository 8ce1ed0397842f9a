/**
 * Provokes one error-catalogue row through the real client and checks what the client threw: the
 * typed class of the status, the row's type and message, a row the document lists for the operation,
 * and the same row in the mock's request log.
 */
import { isMoEngageError, type MoEngageError } from '@moedata/client';
import type { Engine } from '@moedata/mock';
import type { ErrorRow } from '@moedata/spec/errors';
import { expect } from 'vitest';
import { createContractClient, type Target } from '../../src/contract-client.ts';
import { KEY1, WS1 } from '../../src/contract-mock.ts';
import { documentOperation } from '../../src/document.ts';
import { attributeErrorRow, bodyMatchesRow } from '../../src/error-attribution.ts';
import { expectedErrorClass } from '../../src/observe.ts';
import { errorScenarios } from './scenarios.ts';

/** Runs the row's scenario in a fresh workspace of `engine` and returns what the client threw. */
export async function provoke(row: ErrorRow, engine: Engine, target: Target): Promise<MoEngageError> {
  const scenario = errorScenarios[row.id];
  if (!scenario) {
    throw new Error(
      `No scenario produces error row ${row.id} (${row.status} ${row.type}): add one to test/errors/scenarios.ts.`,
    );
  }
  let workspaceId = WS1;
  let apiKey = KEY1;
  if (scenario.workspace) {
    workspaceId = `ROW_${row.id}`;
    apiKey = `${workspaceId}-key`;
    engine.workspaces.add(workspaceId, { apiKey, ...scenario.workspace });
  }
  const client = createContractClient({
    target,
    workspaceId: scenario.credentials?.workspaceId ?? workspaceId,
    apiKey: scenario.credentials?.apiKey ?? apiKey,
    validateRequests: !scenario.skipRequestValidation,
    ...(scenario.tamper && { tamper: scenario.tamper }),
  });
  await scenario.before?.(client);
  const outcome = await scenario.call(client).then(
    (result) => result,
    (error: unknown) => error,
  );
  if (!isMoEngageError(outcome)) {
    throw new Error(`${row.id}: the call did not fail with a MoEngageError: ${String(outcome)}`);
  }
  return outcome;
}

/** Checks the client's error is the row: class, type, message, documented for the operation, logged. */
export function expectRow(row: ErrorRow, error: MoEngageError, engine: Engine): void {
  const operationId = errorScenarios[row.id]?.operationId as string;
  const allowedRowIds = documentOperation(operationId).responses.get(row.status)?.exampleRowIds;
  expect(
    allowedRowIds,
    `the document lists no ${row.status} answer with ${row.id} for ${operationId}`,
  ).toContain(row.id);
  expect(error).toBeInstanceOf(expectedErrorClass(row.status) as abstract new () => unknown);
  expect(error.status).toBe(row.status);
  if (row.envelope !== 'plain') expect(error.type).toBe(row.type);
  expect(bodyMatchesRow(row, error.body), JSON.stringify(error.body)).toBe(true);
  expect(attributeErrorRow({ operationId, status: row.status, body: error.body, allowedRowIds })?.id).toBe(
    row.id,
  );
  // The mock's request log names the same row it sent.
  expect(engine.store.requestLog.list().at(-1)?.errorId).toBe(row.id);
}
