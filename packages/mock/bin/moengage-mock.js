#!/usr/bin/env node
// Launcher for the `moengage-mock` CLI. Inside the repository the TypeScript source runs directly on
// Node 24 (type stripping); a published install has no src/ and runs the compiled dist/ instead.
import { existsSync } from 'node:fs';

const sourceEntry = new URL('../src/cli/main.ts', import.meta.url);
const builtEntry = new URL('../dist/cli/main.js', import.meta.url);

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `moengage-mock needs Node 24 or newer (this is ${process.version}); install Node 24 and retry.`,
  );
  process.exit(1);
}

const { runCli } = await import(existsSync(sourceEntry) ? sourceEntry.href : builtEntry.href);
await runCli(process.argv.slice(2));
