#!/usr/bin/env node
// Launcher for the `moengage-mock` CLI. Inside the repository the TypeScript source runs directly on
// Node 24 (type stripping); a published install has no src/ and runs the compiled dist/ instead.
// The top-level await stays here, in the bin: library entries have none, so require() can load them.
import { existsSync } from 'node:fs';

const sourceEntry = new URL('../src/cli/main.ts', import.meta.url);
const builtEntry = new URL('../dist/cli/main.js', import.meta.url);

// msw 3, which the emulator is built on, needs Node 22.12 or newer.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `moengage-mock needs Node 22.12 or newer (this is ${process.version}); install Node 24 (LTS) and retry.`,
  );
  process.exit(1);
}

const { runCli } = await import(existsSync(sourceEntry) ? sourceEntry.href : builtEntry.href);
await runCli(process.argv.slice(2));
