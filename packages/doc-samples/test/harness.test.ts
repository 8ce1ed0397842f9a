// The checker catches what a drifting README would teach: a block that no longer compiles, a block that
// reaches for the network, a block the emulator answers with an error, a block that stores less than its
// fence says. Each case is a block of test/fixtures/drifted.md, through the same extractor, compiler and runner.
import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, inject, it } from 'vitest';
import { failuresOfRun, runSample } from '../src/run.ts';
import type { Sample } from '../src/samples.ts';

const { consumer, selftest, compileErrors } = inject('docSamples');
const setup = { workspaceId: DEMO_WORKSPACE.workspaceId, apiKey: DEMO_WORKSPACE.apiKey };
const [renamedOption, network, wrongWorkspace, missingEvent] = selftest as [Sample, Sample, Sample, Sample];

describe('the sample checker on a drifted README', () => {
  it('reports an option the client no longer has at the README line that uses it', () => {
    expect(compileErrors[renamedOption.id]).toEqual([
      expect.stringMatching(/^test\/fixtures\/drifted\.md:6:\d+ error TS2353: .*'retries'/),
    ]);
  });

  it('still compiles the blocks that are fine', () => {
    expect([
      compileErrors[network.id],
      compileErrors[wrongWorkspace.id],
      compileErrors[missingEvent.id],
    ]).toEqual([[], [], []]);
  });

  it('fails a block that reaches a host the emulator does not serve, before anything leaves the machine', async () => {
    const result = await runSample(consumer, network, setup);
    expect(result.exitCode).not.toBe(0);
    expect(result.state?.requestLog).toEqual([]);
  });

  it('fails a block the emulator answers with an error', async () => {
    const result = await runSample(consumer, wrongWorkspace, setup);
    expect(failuresOfRun(wrongWorkspace, result)).toEqual(['exit 1', 'trackUser answered 401']);
  });

  it('fails a block that stores less than its fence says', async () => {
    const result = await runSample(consumer, missingEvent, setup);
    expect(failuresOfRun(missingEvent, result)).toEqual(['no event Signed-Up']);
  });
});
