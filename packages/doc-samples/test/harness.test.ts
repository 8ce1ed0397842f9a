// The checker catches what a drifting README would teach: a block that no longer compiles, a block that
// reaches for the network, a block the emulator answers with an error, a block that stores less than its
// fence says. Each case is a small README run through the same extractor, compiler and runner.
import { DEMO_WORKSPACE } from '@moedata/mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { compileSamples, writeSamples } from '../src/compile.ts';
import { failuresOfRun, runSample } from '../src/run.ts';
import { type Sample, samplesOfReadme } from '../src/samples.ts';

const { consumer } = inject('docSamples');
const setup = { workspaceId: DEMO_WORKSPACE.workspaceId, apiKey: DEMO_WORKSPACE.apiKey };

const README = `# A drifted README

\`\`\`ts
import { createMoEngage } from '@moedata/client';

createMoEngage({ workspaceId: 'WS', apiKey: 'key', dataCenter: '01', retries: 3 });
\`\`\`

\`\`\`ts
await fetch('https://example.com/');
\`\`\`

\`\`\`ts
import { createMoEngage } from '@moedata/client';

const moengage = createMoEngage({ workspaceId: 'ELSEWHERE', apiKey: 'key', dataCenter: '01' });
await moengage.trackUser({ type: 'customer', customer_id: 'u-1', attributes: {} });
\`\`\`

\`\`\`ts user=u-2 event=Signed-Up
import { createMoEngage } from '@moedata/client';

const moengage = createMoEngage({
  workspaceId: process.env.MOENGAGE_WORKSPACE_ID!,
  apiKey: process.env.MOENGAGE_DATA_API_KEY!,
  dataCenter: '01',
});
await moengage.trackUser({ type: 'customer', customer_id: 'u-2', attributes: {} });
\`\`\`
`;

const [renamedOption, network, wrongWorkspace, missingEvent] = samplesOfReadme(
  README,
  'drifted.md',
  'selftest',
) as [Sample, Sample, Sample, Sample];

describe('the sample checker on a drifted README', () => {
  let errors: Record<string, string[]> = {};
  beforeAll(() => {
    writeSamples(consumer, [renamedOption, network, wrongWorkspace, missingEvent]);
    errors = compileSamples(
      consumer,
      [renamedOption, network, wrongWorkspace, missingEvent],
      'tsconfig.selftest.json',
    );
  });

  it('reports an option the client no longer has at the README line that uses it', () => {
    expect(errors[renamedOption.id]).toEqual([
      expect.stringMatching(/^drifted\.md:6:\d+ error TS2353: .*'retries'/),
    ]);
  });

  it('still compiles the blocks that are fine', () => {
    expect([errors[network.id], errors[wrongWorkspace.id], errors[missingEvent.id]]).toEqual([[], [], []]);
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
