import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The document-level proofs run spectral, redocly and a full JSON Schema validation: seconds on a
    // quiet machine, far more on a shared 2-core CI runner. They are checks, not timings.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
