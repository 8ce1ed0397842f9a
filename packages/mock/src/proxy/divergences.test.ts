import { buildErrorBody, getError } from '@moedata/spec/errors';
import { describe, expect, it } from 'vitest';
import { type Exchange, findDivergences } from './divergences.ts';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const rateLimitHeaders = {
  'x-ratelimit-limit': '10000; w=60',
  'x-ratelimit-remaining': '9999',
  'x-ratelimit-reset': '42',
};

function trackUser(overrides: Partial<Exchange> = {}): Exchange {
  return {
    method: 'POST',
    url: '/v1/customer/WS',
    requestHeaders: { 'content-type': 'application/json' },
    requestBody: bytes({ type: 'customer', customer_id: 'john', attributes: { name: 'John' } }),
    status: 200,
    responseHeaders: rateLimitHeaders,
    responseBody: bytes({
      status: 'success',
      message: 'Your request has been accepted and will be processed soon.',
    }),
    ...overrides,
  };
}

describe('findDivergences', () => {
  it('finds none in a documented request and answer', () => {
    expect(findDivergences(trackUser())).toEqual([]);
  });

  it('accepts a documented error answer, placeholders filled', () => {
    const row = getError('fieldMissing');
    const body = buildErrorBody(row, { requestId: 'abcdefgh', params: { key: 'actions' } });
    expect(findDivergences(trackUser({ status: 400, responseBody: bytes(body) }))).toEqual([]);
  });

  it('names the request field that breaks the operation schema', () => {
    const exchange = trackUser({ requestBody: bytes({ type: 'customer', customer_id: 42 }) });
    expect(findDivergences(exchange)).toEqual([
      expect.objectContaining({
        request: 'POST /v1/customer/WS',
        field: 'request.body.customer_id',
        got: '42',
      }),
    ]);
  });

  it('reports an error message the catalogue does not document, with the documented one', () => {
    const body = { status: 'fail', error: { type: 'Malformed JSON', message: 'Bad JSON', request_id: 'x' } };
    expect(findDivergences(trackUser({ status: 400, responseBody: bytes(body) }))).toEqual([
      {
        request: 'POST /v1/customer/WS',
        field: 'response.body message',
        expected: JSON.stringify(getError('malformedJson').message),
        got: 'Bad JSON',
      },
    ]);
  });

  it('reports an undocumented status and missing rate-limit headers', () => {
    const divergences = findDivergences(trackUser({ status: 418, responseHeaders: {} }));
    expect(divergences.map((divergence) => divergence.field)).toEqual([
      'response.status',
      'response.headers',
    ]);
  });

  it('reports a path that is no Data API operation', () => {
    expect(findDivergences(trackUser({ url: '/v2/customer/WS' }))).toEqual([
      {
        request: 'POST /v2/customer/WS',
        field: 'route',
        expected: 'a Data API operation',
        got: 'POST /v2/customer/WS',
      },
    ]);
  });
});
