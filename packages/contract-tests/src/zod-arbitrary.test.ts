import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentOperations, requestSchemaOf } from './document.ts';
import { arbitraryFor, fieldsOf, type ZodLike } from './zod-arbitrary.ts';

const withBodies = documentOperations.filter((operation) => operation.requestSchemaName !== undefined);

describe('arbitraryFor', () => {
  it.each(withBodies.map((operation) => [operation.operationId, operation.requestSchemaName]))(
    'generates only bodies the %s schema (%s) accepts',
    (operationId) => {
      const schema = requestSchemaOf(operationId) as unknown as ZodLike;
      fc.assert(
        fc.property(arbitraryFor(schema), (value) => {
          expect(schema.safeParse(value).success).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('names the place of a zod construct it cannot generate', () => {
    const date = { _zod: { def: { type: 'date' } }, safeParse: () => ({ success: true }) } as ZodLike;
    const object = {
      _zod: { def: { type: 'object', shape: { born: date } } },
      safeParse: () => ({ success: true }),
    } as ZodLike;
    expect(() => arbitraryFor(object)).toThrow('the zod type "date" (at born)');
  });
});

describe('fieldsOf', () => {
  it('lists the fields of a body with the schema of each and whether it is required', () => {
    const schema = requestSchemaOf('createEvent') as unknown as ZodLike;
    const fields = fieldsOf(schema, {
      type: 'event',
      customer_id: 'john',
      actions: [{ action: 'Viewed', attributes: { page: 1 } }],
    });
    expect(fields.map((field) => [field.path.join('.'), field.required])).toEqual([
      ['type', true],
      ['customer_id', false],
      ['actions', true],
      ['actions.0', false],
      ['actions.0.action', true],
      ['actions.0.attributes', false],
    ]);
  });
});
