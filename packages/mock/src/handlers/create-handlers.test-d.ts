import type { OperationId } from '@moedata/spec';
import { describe, expectTypeOf, it } from 'vitest';
import type { MswHandlerFactories } from '../generated/msw.gen.ts';

describe('generated MSW handler factories', () => {
  it('exist for exactly the operations of the spec', () => {
    expectTypeOf<keyof MswHandlerFactories>().toEqualTypeOf<OperationId>();
  });
});
