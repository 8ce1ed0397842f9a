/**
 * The coverage gate's rules: for every operation of the document and every row of the error
 * catalogue, what the suite still lacks. Both lists come from the spec; the facts about the client
 * and the mock are gathered by test/coverage-gate.test.ts, the records by the other test files.
 */
import type { CoverageRecord } from './coverage-registry.ts';
import type { DocumentOperation } from './document.ts';
import { expectedErrorClass } from './observe.ts';

/** What the gate checks against. */
export interface GateInputs {
  operations: readonly Pick<DocumentOperation, 'operationId' | 'method' | 'path' | 'serverUrl'>[];
  rows: readonly { id: string; status: number }[];
  records: readonly CoverageRecord[];
  /** Method names of a client from `createMoEngage`. */
  clientMethods: ReadonlySet<string>;
  /** `METHOD url` of every MSW handler, e.g. `POST https://api-01.moengage.com/v1/customer/:app_id`. */
  handlerRoutes: ReadonlySet<string>;
  /** The operation the engine reported serving for a request to each operation's route. */
  routedOperations: ReadonlyMap<string, string | null | undefined>;
}

/** Id → what it lacks (an empty list when covered). */
export type Gaps = Map<string, string[]>;

/** The MSW route of an operation: its first server and its path with `:params`. */
export function mswRoute(operation: Pick<DocumentOperation, 'method' | 'path' | 'serverUrl'>): string {
  return `${operation.method} ${operation.serverUrl}${operation.path.replace(/\{(\w+)\}/g, ':$1')}`;
}

/** What each operation of the document lacks. */
export function operationGaps(inputs: GateInputs): Gaps {
  const has = (predicate: (record: CoverageRecord) => boolean) => inputs.records.some(predicate);
  const gaps: Gaps = new Map();
  for (const operation of inputs.operations) {
    const { operationId } = operation;
    const missing: string[] = [];
    if (!inputs.clientMethods.has(operationId)) missing.push('a client method (@moedata/client)');
    if (!inputs.handlerRoutes.has(mswRoute(operation))) {
      missing.push(`an MSW handler for ${mswRoute(operation)} (@moedata/mock createHandlers)`);
    }
    if (inputs.routedOperations.get(operationId) !== operationId) {
      missing.push(`an engine route for ${operation.method} ${operation.path} (@moedata/mock)`);
    }
    for (const adapter of ['msw', 'http'] as const) {
      if (!has((r) => r.kind === 'roundTrip' && r.operationId === operationId && r.adapter === adapter)) {
        missing.push(`a round-trip test over ${adapter} (test/round-trip/scenarios.ts)`);
      }
    }
    for (const property of ['valid', 'mutated']) {
      if (!has((r) => r.kind === 'property' && r.operationId === operationId && r.property === property)) {
        missing.push(`a "${property}" property run (test/fuzz)`);
      }
    }
    gaps.set(operationId, missing);
  }
  return gaps;
}

/** What each catalogue row lacks: the mock answering it, and the client throwing its typed error. */
export function rowGaps(inputs: GateInputs): Gaps {
  const has = (predicate: (record: CoverageRecord) => boolean) => inputs.records.some(predicate);
  const gaps: Gaps = new Map();
  for (const row of inputs.rows) {
    const errorClass = expectedErrorClass(row.status)?.name;
    const missing: string[] = [];
    if (!errorClass) missing.push(`a typed client error class for status ${row.status}`);
    if (!has((r) => r.kind === 'response' && r.rowId === row.id)) {
      missing.push('a test where the mock answers it (test/errors/scenarios.ts)');
    }
    if (!has((r) => r.kind === 'surfaced' && r.rowId === row.id && r.errorClass === errorClass)) {
      missing.push(`a test where the client throws it as ${errorClass ?? 'a typed error'}`);
    }
    gaps.set(row.id, missing);
  }
  return gaps;
}

/** `8/8 operations`. */
export function coverageLine(gaps: Gaps, noun: string): string {
  const covered = [...gaps.values()].filter((missing) => missing.length === 0).length;
  return `${covered}/${gaps.size} ${noun}`;
}

/** One line per uncovered id, naming what it lacks; empty when everything is covered. */
export function describeGaps(gaps: Gaps): string {
  return [...gaps]
    .filter(([, missing]) => missing.length > 0)
    .map(([id, missing]) => `${id} lacks ${missing.join('; ')}`)
    .join('\n');
}
