import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test runs the whole suite against a local server: a few hundred requests, seconds on a busy machine.
  test: { testTimeout: 60_000 },
});
