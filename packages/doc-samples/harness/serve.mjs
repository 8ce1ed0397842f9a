// The standalone emulator (`startMockServer` from the installed tarball) on 127.0.0.1 for the curl
// samples: prints its URL once listening, stops on SIGTERM.
import { startMockServer } from '@moedata/mock/node';

const { workspaces, seed } = JSON.parse(process.env.DOC_SAMPLES_EMULATOR ?? '{}');
const server = await startMockServer({ port: 0, host: '127.0.0.1', engineOptions: { workspaces } });
if (seed) server.engine.seed(seed);
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
console.log(server.url);
