import { describe, expect, it } from 'vitest';
import { operationIds } from '../operation-ids.ts';
import {
  buildErrorBody,
  errorStatusesForOperation,
  errorsForOperation,
  formatErrorMessage,
  getError,
} from './index.ts';

describe('error helpers', () => {
  it('fills placeholders in messages', () => {
    const row = getError('attributeWrongType');
    expect(formatErrorMessage(row, { key: 'customer_id', datatype: 'String' })).toBe(
      'customer_id is expected to be String',
    );
  });

  it('explains which parameter is missing when a placeholder has no value', () => {
    expect(() => formatErrorMessage(getError('deleteUserNotFound'))).toThrow(/identity_value/);
  });

  it('builds the standard envelope with the attribute at fault', () => {
    expect(buildErrorBody(getError('customerIdMissing'), { requestId: 'ZbPXtKFL' })).toEqual({
      status: 'fail',
      error: {
        type: 'MissingAttributeError',
        message: 'customer_id is not found in the payload',
        attribute: 'customer_id',
        request_id: 'ZbPXtKFL',
      },
    });
  });

  it('builds the file-import envelopes', () => {
    expect(buildErrorBody(getError('fileImportAlreadyRun'), { requestId: 'x' })).toEqual({
      status: 'fail',
      error_type: 'ALREADY_EXISTS',
      message: 'Import has run in the last 5 min.',
    });
    expect(buildErrorBody(getError('methodNotAllowed'), { requestId: 'x' })).toEqual({
      status: 'fail',
      message: 'Method not allowed',
    });
    expect(buildErrorBody(getError('fileImportServerError'), { requestId: 'GlQhUzvM' })).toMatchObject({
      title: 'Server Error',
      code: 'GlQhUzvM',
    });
  });

  it('gives every operation every failure status, and file imports 404 and 405 too', () => {
    const common = [400, 401, 403, 409, 413, 415, 429, 500, 502, 503, 504];
    for (const operationId of operationIds) {
      const expected =
        operationId === 'triggerFileImport' ? [...common, 404, 405].sort((a, b) => a - b) : common;
      expect(errorStatusesForOperation(operationId)).toEqual(expected);
    }
  });

  it('keeps body errors away from triggerFileImport, which has no body', () => {
    const ids = errorsForOperation('triggerFileImport').map((row) => row.id);
    expect(ids).not.toContain('malformedJson');
    expect(ids).toContain('fileImportAlreadyRun');
  });

  it('refuses an unknown id with a hint', () => {
    expect(() => getError('nope' as never)).toThrow(/errorCatalog/);
  });
});
