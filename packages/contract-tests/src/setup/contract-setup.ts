/**
 * Installed for every test file (vitest.config.ts `setupFiles`): a test fails when any response the
 * mock produced during it broke the document, and each file's coverage records are written for the
 * coverage gate.
 */
import { afterAll, afterEach } from 'vitest';
import { flushCoverage } from '../coverage-registry.ts';
import { takeViolations } from '../observe.ts';

afterEach(() => {
  const violations = takeViolations();
  if (violations.length > 0) {
    throw new Error(
      `The mock answered ${violations.length} time(s) in a way spec/openapi.json does not document:\n- ` +
        `${[...new Set(violations)].slice(0, 20).join('\n- ')}\n` +
        'Fix the mock (or the spec, if the document is wrong) so both agree.',
    );
  }
});

afterAll(() => {
  flushCoverage();
});
