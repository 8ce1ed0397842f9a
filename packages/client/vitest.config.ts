import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Load the lazily imported validators before each test file, as a running app has them after
    // start-up: fake clocks cannot wait for real module loading. The loading window itself is
    // tested in src/ingest/ingestor.validation.test.ts and src/validation.test.ts.
    setupFiles: ['./src/testing/load-validators.ts'],
  },
});
