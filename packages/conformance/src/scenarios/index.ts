/** The whole suite, in the order it runs: request errors, field errors, flows, then account states. */
import type { Scenario } from '../scenario.ts';
import { accountScenarios } from './account.ts';
import { fieldErrorScenarios } from './field-errors.ts';
import { flowScenarios } from './flows.ts';
import { requestErrorScenarios } from './request-errors.ts';

/** Every scenario of the suite. */
export const scenarios: readonly Scenario[] = [
  ...requestErrorScenarios,
  ...fieldErrorScenarios,
  ...flowScenarios,
  ...accountScenarios,
];
