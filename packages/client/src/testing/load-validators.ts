// Vitest setup file (see vitest.config.ts): loads the validators chunk before the tests of a file run.
import { loadValidators } from '../validation.ts';

await loadValidators();
