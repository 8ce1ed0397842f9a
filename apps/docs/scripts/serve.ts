// Serves the built API reference on 127.0.0.1 and prints its URL (what `npm start` runs for now).
// Usage: node apps/docs/scripts/serve.ts [--port 4010] [--host 127.0.0.1]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { docsDistDir, serveDocs } from '../src/serve-docs.ts';

const usage =
  'Usage: node apps/docs/scripts/serve.ts [--port <0-65535, default 4010>] [--host <default 127.0.0.1>]';

function exitWith(message: string): never {
  console.error(`[docs] ${message}`);
  process.exit(1);
}

let values: { port: string; host: string; help?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  exitWith(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  exitWith(`--port must be an integer from 0 to 65535, got "${values.port}".\n${usage}`);
}
if (!existsSync(join(docsDistDir, 'index.html'))) {
  exitWith(
    `The API reference is not built yet (${docsDistDir} has no index.html): run \`pnpm --filter @moedata/docs build\`.`,
  );
}

try {
  const running = await serveDocs({ port, host: values.host });
  console.log(`MoEngage Data API reference: ${running.url}`);
  console.log(`OpenAPI document: ${running.url}openapi.json   (Ctrl+C to stop)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.close().finally(() => process.exit(0));
    });
  }
} catch (error) {
  exitWith(error instanceof Error ? error.message : String(error));
}
