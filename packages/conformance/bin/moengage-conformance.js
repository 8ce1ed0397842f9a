#!/usr/bin/env node
// Launcher for the `moengage-conformance` CLI. Inside the repository the TypeScript source runs directly
// on Node 24 (type stripping); a published install has no src/ and runs the compiled dist/ instead.
import { existsSync } from 'node:fs';

const sourceEntry = new URL('../src/cli.ts', import.meta.url);
const builtEntry = new URL('../dist/cli.js', import.meta.url);
const { runCli } = await import(existsSync(sourceEntry) ? sourceEntry.href : builtEntry.href);
process.exitCode = await runCli(process.argv.slice(2));
