import { describe, expect, it } from 'vitest';
import { parseErrorBody, requestIdOf } from './error-body.ts';

describe('parseErrorBody', () => {
  it('reads the standard envelope with type, message, attribute and request_id', () => {
    const body = {
      status: 'fail',
      error: {
        type: 'MissingAttributeError',
        message: 'customer_id is not found in the payload',
        attribute: 'customer_id',
        request_id: 'ZbPXtKFL',
      },
    };
    expect(parseErrorBody(body)).toEqual({
      type: 'MissingAttributeError',
      message: 'customer_id is not found in the payload',
      attribute: 'customer_id',
      requestId: 'ZbPXtKFL',
    });
  });

  it('reads the title/description envelope and takes its code as the request id', () => {
    const body = {
      title: 'Server Error',
      description: 'An unexpected error was encountered.',
      code: 'GlQhUzvM',
    };
    expect(parseErrorBody(body)).toEqual({
      type: 'Server Error',
      message: 'An unexpected error was encountered.',
      requestId: 'GlQhUzvM',
    });
  });

  it('reads the error_type envelope of Trigger File Imports', () => {
    const body = {
      status: 'fail',
      error_type: 'ALREADY_EXISTS',
      message: 'Import has run in the last 5 min.',
    };
    expect(parseErrorBody(body)).toEqual({
      type: 'ALREADY_EXISTS',
      message: 'Import has run in the last 5 min.',
    });
  });

  it('reads the plain envelope of 404 and 405 answers', () => {
    expect(parseErrorBody({ status: 'fail', message: 'Resource not found' })).toEqual({
      type: undefined,
      message: 'Resource not found',
      requestId: undefined,
    });
  });

  it('keeps a text body (e.g. from a proxy) as the message, cut to 500 characters', () => {
    expect(parseErrorBody('  Bad Gateway \n')).toEqual({ message: 'Bad Gateway' });
    expect(parseErrorBody('x'.repeat(600)).message).toHaveLength(501);
  });

  it('returns nothing for bodies it cannot read', () => {
    expect(parseErrorBody(undefined)).toEqual({});
    expect(parseErrorBody([1, 2])).toEqual({});
    expect(parseErrorBody('')).toEqual({});
  });
});

describe('requestIdOf', () => {
  it('finds request_id in a success body and nothing in bodies without one', () => {
    expect(requestIdOf({ status: 'success', request_id: 'kXwpDESb' })).toBe('kXwpDESb');
    expect(requestIdOf({ status: 'success', operation: 'created' })).toBeUndefined();
    expect(requestIdOf(null)).toBeUndefined();
  });
});
