// The README of every published package (and any other Markdown guide a tarball ships), as shipped: each TypeScript block compiles against
// the installed packages, and each complete one runs against the emulator (nothing reaches the network).
// Fence words say what a block is (packages/doc-samples/README.md); nothing is skipped silently.
import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, inject, it } from 'vitest';
import { publishedPackages } from '../src/consumer.ts';
import { failuresOfRun, runSample, runVitestSample } from '../src/run.ts';
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
  it('reads the README of every published tarball, and any other Markdown they ship', () => {
    const readmes = [...publishedPackages().values()].map((folder) => `${folder}/README.md`);
    expect(readmes.length).toBeGreaterThanOrEqual(3);
    expect(consumer.markdown.map((file) => file.repositoryPath)).toEqual(expect.arrayContaining(readmes));
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
    // Exit 0, every request answered 2xx, and the users, events and devices its fence names are stored.
    expect(failuresOfRun(sample, result), output(result)).toEqual([]);
  });

  it.each(ofMode('vitest'))('$origin passes under vitest', async (sample: Sample) => {
    const result = await runVitestSample(consumer, sample, setup);
    expect(result.exitCode, output(result)).toBe(0);
    expect(result.stdout, output(result)).toMatch(/Tests +\d+ passed \(\d+\)/);
  });
});
