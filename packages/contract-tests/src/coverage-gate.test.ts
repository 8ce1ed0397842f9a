import { describe, expect, it } from 'vitest';
import {
  coverageLine,
  describeGaps,
  type GateInputs,
  mswRoute,
  operationGaps,
  rowGaps,
} from './coverage-gate.ts';
import type { CoverageRecord } from './coverage-registry.ts';

const trackUser = {
  operationId: 'trackUser',
  method: 'POST',
  path: '/v1/customer/{app_id}',
  serverUrl: 'https://api-01.moengage.com',
};
const test = 'test/x.test.ts > y';

/** Everything trackUser and the malformedJson row need. */
const complete: GateInputs = {
  operations: [trackUser],
  rows: [{ id: 'malformedJson', status: 400 }],
  clientMethods: new Set(['trackUser']),
  handlerRoutes: new Set([mswRoute(trackUser)]),
  routedOperations: new Map([['trackUser', 'trackUser']]),
  records: [
    { kind: 'roundTrip', operationId: 'trackUser', adapter: 'msw', test },
    { kind: 'roundTrip', operationId: 'trackUser', adapter: 'http', test },
    { kind: 'property', operationId: 'trackUser', property: 'valid', via: 'engine', runs: 1, test },
    { kind: 'property', operationId: 'trackUser', property: 'mutated', via: 'engine', runs: 1, test },
    { kind: 'response', operationId: 'trackUser', status: 400, rowId: 'malformedJson', via: 'msw', test },
    {
      kind: 'surfaced',
      operationId: 'trackUser',
      rowId: 'malformedJson',
      errorClass: 'BadRequestError',
      test,
    },
  ] satisfies CoverageRecord[],
};

describe('the coverage gate', () => {
  it('reports full coverage when every operation and row has its tests', () => {
    expect(coverageLine(operationGaps(complete), 'operations')).toBe('1/1 operations');
    expect(coverageLine(rowGaps(complete), 'error rows')).toBe('1/1 error rows');
    expect(describeGaps(operationGaps(complete))).toBe('');
  });

  it('names an operation added to the document without client method, handler, route or tests', () => {
    const added = {
      operationId: 'archiveUser',
      method: 'POST',
      path: '/v1/customer/archive',
      serverUrl: 'https://api-01.moengage.com',
    };
    const gaps = operationGaps({ ...complete, operations: [trackUser, added] });
    expect(coverageLine(gaps, 'operations')).toBe('1/2 operations');
    expect(describeGaps(gaps)).toBe(
      'archiveUser lacks a client method (@moedata/client); ' +
        'an MSW handler for POST https://api-01.moengage.com/v1/customer/archive (@moedata/mock createHandlers); ' +
        'an engine route for POST /v1/customer/archive (@moedata/mock); ' +
        'a round-trip test over msw (test/round-trip/scenarios.ts); a round-trip test over http (test/round-trip/scenarios.ts); ' +
        'a "valid" property run (test/fuzz); a "mutated" property run (test/fuzz)',
    );
  });

  it('names a catalogue row no test produced, and one that surfaced as the wrong class', () => {
    const gaps = rowGaps({
      ...complete,
      rows: [
        { id: 'malformedJson', status: 400 },
        { id: 'newRow', status: 418 },
      ],
      records: complete.records.map((record) =>
        record.kind === 'surfaced' ? { ...record, errorClass: 'MoEngageError' } : record,
      ),
    });
    expect(describeGaps(gaps)).toBe(
      'malformedJson lacks a test where the client throws it as BadRequestError\n' +
        'newRow lacks a typed client error class for status 418; a test where the mock answers it (test/errors/scenarios.ts); ' +
        'a test where the client throws it as a typed error',
    );
  });
});
