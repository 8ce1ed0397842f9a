// The x-codeSamples of the published reference (the document the spec tarball ships, which the docs site
// renders): each operation's TypeScript sample compiles against the installed client and runs against the
// emulator, and its curl sample gets a 200 from `moengage-mock` on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { DEMO_WORKSPACE, type EngineFixtures } from '@moedata/mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { packedDocument } from '../src/consumer.ts';
import { type RunningEmulator, runSample, runShellSample, startEmulator } from '../src/run.ts';
import type { Sample } from '../src/samples.ts';

const { consumer, samples, compileErrors } = inject('docSamples');
const referenceSamples = samples.filter((sample) => sample.operationId !== undefined);
const typescript = referenceSamples.filter((sample) => sample.mode === 'run');
const curl = referenceSamples.filter((sample) => sample.mode === 'shell');
const output = (result: { stdout: string; stderr: string }) =>
  `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
}
const document = packedDocument(consumer) as { paths: Record<string, Record<string, Operation>> };
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));

/** Every value the request examples give a user id field, so Delete User and friends find their user. */
function exampleCustomerIds(): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if ((key === 'customer_id' || key === 'identity_value') && typeof item === 'string') ids.add(item);
        else walk(item);
      }
    }
  };
  for (const operation of operations) {
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      for (const example of Object.values(media.examples ?? {})) walk(example.value);
    }
  }
  return [...ids];
}

const setup = {
  workspaceId: DEMO_WORKSPACE.workspaceId,
  apiKey: DEMO_WORKSPACE.apiKey,
  seed: {
    users: exampleCustomerIds().map((customerId) => ({
      workspaceId: DEMO_WORKSPACE.workspaceId,
      customerId,
    })),
  } satisfies EngineFixtures,
};

it('has a TypeScript and a curl sample for every operation of the document', () => {
  const operationIds = operations.map((operation) => operation.operationId).sort();
  expect(typescript.map((sample) => sample.operationId).sort()).toEqual(operationIds);
  expect(curl.map((sample) => sample.operationId).sort()).toEqual(operationIds);
});

describe(`TypeScript samples (${typescript.length})`, () => {
  it.each(typescript)('$origin compiles against the installed client', (sample: Sample) => {
    expect(compileErrors[sample.id]).toEqual([]);
  });

  it.each(typescript)(
    '$origin calls $operationId once, answered 200 by the emulator',
    async (sample: Sample) => {
      const result = await runSample(consumer, sample, setup);
      expect(result.exitCode, output(result)).toBe(0);
      expect(result.state?.requestLog.map(({ operationId, status }) => ({ operationId, status }))).toEqual([
        { operationId: sample.operationId, status: 200 },
      ]);
    },
  );
});

const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe.skipIf(!hasCurl)(`curl samples (${curl.length}) against moengage-mock on 127.0.0.1`, () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(consumer, setup);
  });
  afterAll(() => emulator?.stop());

  it.each(curl)('$origin gets a 200 for $operationId', async (sample: Sample) => {
    const before = (await emulator.requests()).length;
    const result = await runShellSample(sample, emulator, setup);
    expect(result.exitCode, output(result)).toBe(0);
    const sent = (await emulator.requests()).slice(before);
    expect(
      sent.map(({ operationId, status }) => ({ operationId, status })),
      output(result),
    ).toEqual([{ operationId: sample.operationId, status: 200 }]);
  });
});
