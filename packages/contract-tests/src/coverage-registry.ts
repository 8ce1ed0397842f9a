/**
 * What the suite proved, recorded as it runs: which error rows the mock produced on the wire, which
 * surfaced through the client as their typed error, and which operations were exercised. Vitest
 * runs each test file in its own module graph (and often its own process), so each file writes its
 * records to `test-results/contract-coverage/<run>/` after its tests; the coverage gate, which runs
 * after every other file (`sequence.groupOrder` in vitest.config.ts), reads them all.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The mock answered an operation (or a route no operation has) with this status and row. */
export interface ResponseRecord {
  kind: 'response';
  operationId: string | null;
  status: number;
  rowId: string | null;
  /** Where it was seen: `msw`, `http` (standalone server), `engine`, or the wire through a client. */
  via: string;
  test: string;
}

/** A catalogue row reached a client call as the right typed error. */
export interface SurfacedRecord {
  kind: 'surfaced';
  operationId: string;
  rowId: string;
  errorClass: string;
  test: string;
}

/** A test drove an operation end to end and checked the stored state. */
export interface RoundTripRecord {
  kind: 'roundTrip';
  operationId: string;
  adapter: 'msw' | 'http';
  test: string;
}

/** A property held for this many generated requests of an operation. */
export interface PropertyRecord {
  kind: 'property';
  operationId: string;
  /** `valid`, `mutated`, ... */
  property: string;
  via: 'engine' | 'msw' | 'http';
  runs: number;
  test: string;
}

/** Any record. */
export type CoverageRecord = ResponseRecord | SurfacedRecord | RoundTripRecord | PropertyRecord;

/** Run-scoped records directory; vitest.config.ts sets the variable once per run. */
export function coverageDirectory(): string {
  const run = process.env.CONTRACT_COVERAGE_RUN;
  if (!run) {
    throw new Error(
      'CONTRACT_COVERAGE_RUN is not set: run the suite through vitest.config.ts (pnpm --filter @moedata/contract-tests test).',
    );
  }
  return join(fileURLToPath(new URL('../test-results/contract-coverage/', import.meta.url)), run);
}

const records = new Map<string, CoverageRecord>();

function currentTest(): string {
  const state = expect.getState();
  const file = (state.testPath ?? 'unknown file').replace(/^.*\/(src|test)\//, '$1/');
  return state.currentTestName ? `${file} > ${state.currentTestName}` : file;
}

type WithoutTest<T> = T extends unknown ? Omit<T, 'test'> : never;

/** Records one fact, attributed to the running test. */
export function record(fact: WithoutTest<CoverageRecord>): void {
  const full = { ...fact, test: currentTest() } as CoverageRecord;
  records.set(JSON.stringify(full), full);
}

/** Writes this file's records (the suite's setup file calls it after each file). */
export function flushCoverage(): void {
  if (records.size === 0) return;
  const directory = coverageDirectory();
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${randomUUID()}.json`), JSON.stringify([...records.values()]));
  records.clear();
}

/** Every record written in this run. */
export function loadCoverage(): CoverageRecord[] {
  const directory = coverageDirectory();
  let files: string[];
  try {
    files = readdirSync(directory).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as CoverageRecord[]);
}
