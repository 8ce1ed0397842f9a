/**
 * The coverage gate. It runs after every other test file (vitest.config.ts, `sequence.groupOrder`)
 * and reads what they recorded (src/coverage-registry.ts). Both lists it checks come from the spec,
 * never from a list typed here: the operations of spec/openapi.json and the rows of the error
 * catalogue. An operation or row added to the spec without tests fails it, naming what is missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuthHeader, createHandlers } from '@moedata/mock';
import { errorCatalog } from '@moedata/spec/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { createContractClient } from '../src/contract-client.ts';
import { createContractEngine, KEY1, WS1 } from '../src/contract-mock.ts';
import { coverageLine, describeGaps, type GateInputs, operationGaps, rowGaps } from '../src/coverage-gate.ts';
import { coverageDirectory, loadCoverage, type PropertyRecord } from '../src/coverage-registry.ts';
import { documentOperations, requestPath } from '../src/document.ts';

const records = loadCoverage();
const client = createContractClient({ target: { kind: 'msw' } }) as unknown as Record<string, unknown>;
const engine = createContractEngine({}, 'engine');

/** Which operation the engine says it served for a request to the operation's documented route. */
async function routedOperation(operationId: string, method: string): Promise<string | null | undefined> {
  await engine.handle({
    method,
    url: requestPath(operationId, { app_id: WS1, schedule_id: 'coverage-gate' }),
    headers: { authorization: basicAuthHeader(WS1, KEY1), 'moe-appkey': WS1 },
    body: null,
  });
  return engine.store.requestLog.list().at(-1)?.operationId;
}

const routedOperations = new Map<string, string | null | undefined>();
for (const { operationId, method } of documentOperations) {
  routedOperations.set(operationId, await routedOperation(operationId, method));
}
const inputs: GateInputs = {
  operations: documentOperations,
  rows: errorCatalog,
  records,
  clientMethods: new Set(Object.keys(client).filter((name) => typeof client[name] === 'function')),
  handlerRoutes: new Set(
    createHandlers(engine).map((handler) => `${String(handler.info.method)} ${handler.info.path}`),
  ),
  routedOperations,
};
const operations = operationGaps(inputs);
const rows = rowGaps(inputs);
const operationsLine = coverageLine(operations, 'operations');
const rowsLine = coverageLine(rows, 'error rows');

// The one line of output the suite prints on purpose: the gate's verdict.
afterAll(() => {
  console.info(`[contract-tests] coverage gate: ${operationsLine}, ${rowsLine}`);
});

describe(`coverage gate: ${operationsLine}, ${rowsLine}`, () => {
  it('found the records of this run (run the whole suite, not the gate alone)', () => {
    expect(records.length, `no coverage records in ${coverageDirectory()}`).toBeGreaterThan(0);
  });

  it(`${operationsLine} of spec/openapi.json have a client method, a mock route, round trips over MSW and HTTP, and property runs`, () => {
    expect(describeGaps(operations)).toBe('');
  });

  it(`${rowsLine} of the catalogue are produced by the mock and surface through the client as their typed error`, () => {
    expect(describeGaps(rows)).toBe('');
  });

  it('writes a summary of what each test proved to test-results/contract-coverage/summary.json', () => {
    const runs = records.filter((r): r is PropertyRecord => r.kind === 'property');
    const summary = {
      operations: operationsLine,
      errorRows: rowsLine,
      propertyRuns: Object.fromEntries(
        documentOperations.map(({ operationId }) => [
          operationId,
          Object.fromEntries(
            runs
              .filter((r) => r.operationId === operationId)
              .map((r) => [`${r.property} (${r.via})`, r.runs]),
          ),
        ]),
      ),
      rowsProducedBy: Object.fromEntries(
        errorCatalog.map((row) => [
          row.id,
          [...new Set(records.filter((r) => r.kind === 'response' && r.rowId === row.id).map((r) => r.test))],
        ]),
      ),
      gaps: { operations: describeGaps(operations), errorRows: describeGaps(rows) },
    };
    const summaryFile = join(coverageDirectory(), '..', 'summary.json');
    writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
    expect(JSON.parse(readFileSync(summaryFile, 'utf8'))).toMatchObject({ operations: operationsLine });
  });
});
