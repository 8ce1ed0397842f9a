import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One id per run: each test file writes its coverage records under it and the gate reads them back.
// Records of earlier runs are removed, so the gate never counts a test that did not run this time.
const inherited = process.env.CONTRACT_COVERAGE_RUN;
const run = inherited ?? `run-${Date.now()}`;
process.env.CONTRACT_COVERAGE_RUN = run;
if (inherited === undefined) {
  rmSync(fileURLToPath(new URL('./test-results/contract-coverage/', import.meta.url)), {
    recursive: true,
    force: true,
  });
}

const gate = 'test/coverage-gate.test.ts';

export default defineConfig({
  test: {
    env: { CONTRACT_COVERAGE_RUN: run },
    setupFiles: ['./src/setup/contract-setup.ts'],
    testTimeout: 120_000,
    // Vitest's default (cores - 1) is one worker on a 2-core machine; the workers do the work here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [gate],
          // Not 0: vitest runs groupOrder-0 files last when it has a single worker (2-core machines).
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Runs after every other file has finished and written its records.
        extends: true,
        test: { name: 'coverage-gate', include: [gate], sequence: { groupOrder: 2 } },
      },
    ],
  },
});
