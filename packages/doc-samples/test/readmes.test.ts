// The README of every published package, as its tarball ships it: each TypeScript block compiles against
// the installed packages, and each complete one runs against the emulator (nothing reaches the network).
// Fence words say what a block is (packages/doc-samples/README.md); nothing is skipped silently.
import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, inject, it } from 'vitest';
import { runSample, runVitestSample } from '../src/run.ts';
import type { Sample, SampleMode } from '../src/samples.ts';

const { consumer, samples, compileErrors } = inject('docSamples');
const readmeSamples = samples.filter((sample) => sample.operationId === undefined);
const setup = { workspaceId: DEMO_WORKSPACE.workspaceId, apiKey: DEMO_WORKSPACE.apiKey };
const ofMode = (mode: SampleMode) => readmeSamples.filter((sample) => sample.mode === mode);
const output = (result: { stdout: string; stderr: string }) =>
  `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

const counts = (['run', 'vitest', 'compile', 'fragment'] as const).map(
  (mode) => `${ofMode(mode).length} ${mode}`,
);

describe(`README TypeScript blocks: ${readmeSamples.length} (${counts.join(', ')})`, () => {
  it('reads the README of each of the three tarballs', () => {
    expect(consumer.readmes.map((readme) => readme.repositoryPath).sort()).toEqual([
      'packages/client/README.md',
      'packages/mock/README.md',
      'spec/README.md',
    ]);
    for (const name of ['spec-readme', 'client-readme', 'mock-readme']) {
      expect(
        readmeSamples.some((sample) => sample.id.startsWith(`${name}-`)),
        name,
      ).toBe(true);
    }
  });

  it.each(readmeSamples)('$origin compiles as an app that installed the packages', (sample: Sample) => {
    expect(compileErrors[sample.id]).toEqual([]);
  });

  it.each(ofMode('run'))('$origin runs against the emulator', async (sample: Sample) => {
    const result = await runSample(consumer, sample, setup);
    expect(result.exitCode, output(result)).toBe(0);
    const state = result.state;
    expect(state, 'the emulator preload wrote no state').toBeDefined();
    const failed = state?.requestLog.filter((entry) => entry.status >= 300) ?? [];
    expect(failed, 'every request the block sends succeeds').toEqual([]);
    const users = state?.users.map((user) => user.customerId) ?? [];
    for (const customerId of sample.expect.users) expect(users, 'stored users').toContain(customerId);
    const events = state?.events.map((event) => event.action) ?? [];
    for (const action of sample.expect.events) expect(events, 'recorded events').toContain(action);
    const devices = state?.devices.map((device) => device.deviceId) ?? [];
    for (const deviceId of sample.expect.devices) expect(devices, 'stored devices').toContain(deviceId);
  });

  it.each(ofMode('vitest'))('$origin passes under vitest', async (sample: Sample) => {
    const result = await runVitestSample(consumer, sample, setup);
    expect(result.exitCode, output(result)).toBe(0);
    expect(result.stdout, output(result)).toMatch(/Tests +\d+ passed \(\d+\)/);
  });
});
