import { describe, expectTypeOf, test } from 'vitest';
import { buildErrorBody, type ErrorBody, type ErrorId, type ErrorRow, getError } from './index.ts';

describe('error catalogue types', () => {
  test('ErrorId is the union of row ids, so a typo does not compile', () => {
    expectTypeOf<'malformedJson'>().toExtend<ErrorId>();
    expectTypeOf<'fileImportAlreadyRun'>().toExtend<ErrorId>();
    // @ts-expect-error 'malformedJSON' is not a row id (the id is camel-cased 'malformedJson').
    getError('malformedJSON');
  });

  test('rows and bodies have the documented shapes', () => {
    expectTypeOf(getError('serverError')).toEqualTypeOf<ErrorRow>();
    expectTypeOf(buildErrorBody).returns.toEqualTypeOf<ErrorBody>();
    expectTypeOf<ErrorRow['envelope']>().toEqualTypeOf<'standard' | 'title' | 'errorType' | 'plain'>();
  });
});
