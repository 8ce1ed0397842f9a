#!/usr/bin/env node
// Fails when `turbo run generate` changed a committed generated file or left a new one untracked,
// i.e. when the committed document or SDK no longer matches the zod spec.
import { spawnSync } from 'node:child_process';

const GENERATED_PATHS = ['spec/openapi.json', 'packages/client/src/generated', 'packages/mock/src/generated'];
const FIX = 'pnpm turbo run generate && git add spec/openapi.json packages/*/src/generated';

const git = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...GENERATED_PATHS], {
  encoding: 'utf8',
});
if (git.status !== 0) {
  // A tarball without .git cannot drift from a commit; say so instead of passing silently.
  console.warn('[check-generated] not a git checkout: skipped the generated-code drift check.');
  process.exit(0);
}
const drift = git.stdout.trim();
if (drift) {
  console.error(
    `[check-generated] generated files differ from what the spec emits:\n${drift}\n\n` +
      `Regenerate and commit them:\n  ${FIX}\n`,
  );
  process.exit(1);
}
console.log(`[check-generated] ${GENERATED_PATHS.join(', ')}: up to date with the spec.`);
