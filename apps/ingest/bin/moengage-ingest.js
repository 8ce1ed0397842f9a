#!/usr/bin/env node
// Launcher for the `moengage-ingest` CLI: this private app runs its TypeScript source directly on
// Node 24 (type stripping), so there is no build step.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `moengage-ingest needs Node 24 or newer (this is ${process.version}); install Node 24 and retry.`,
  );
  process.exit(1);
}

const { runFromProcess } = await import('../src/main.ts');
await runFromProcess();
