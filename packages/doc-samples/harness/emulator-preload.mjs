// Loaded with `node --import` before a sample runs: the emulator's MSW handlers answer every MoEngage
// host, and any other request fails (onUnhandledFrame: 'error'), so a sample never reaches the network.
// On exit it writes the emulator's store where the checker reads it. Imports the installed tarball.
import { writeFileSync } from 'node:fs';
import { setupMoEngageServer } from '@moedata/mock/node';

const { workspaces, seed } = JSON.parse(process.env.DOC_SAMPLES_EMULATOR ?? '{}');
const mock = setupMoEngageServer({ workspaces });
if (seed) mock.engine.seed(seed);
mock.listen({ onUnhandledFrame: 'error' });
process.on('exit', () => {
  writeFileSync(process.env.DOC_SAMPLES_STATE ?? 'state.json', JSON.stringify(mock.store.snapshot()));
});
