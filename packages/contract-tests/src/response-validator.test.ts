import { buildErrorBody, getError } from '@moedata/spec/errors';
import { describe, expect, it } from 'vitest';
import { attributeErrorRow } from './error-attribution.ts';
import { validateResponse } from './response-validator.ts';

const rateLimit = {
  'x-ratelimit-limit': '10000; w=60',
  'x-ratelimit-remaining': '9999',
  'x-ratelimit-reset': '42',
};
const json = { 'content-type': 'application/json', ...rateLimit };
const success = {
  status: 'success',
  message: 'Your request has been accepted and will be processed soon.',
  request_id: 'kXwpDESb',
};
const fail = (id: Parameters<typeof getError>[0], params?: Record<string, string>) =>
  JSON.stringify(buildErrorBody(getError(id), { requestId: 'ZbPXtKFL', ...(params && { params }) }));

describe('validateResponse', () => {
  it('accepts a documented success with its rate-limit headers', () => {
    const result = validateResponse({
      method: 'POST',
      url: '/v1/customer/WS1',
      status: 200,
      headers: json,
      bodyText: JSON.stringify(success),
    });
    expect(result).toMatchObject({ operationId: 'trackUser', problems: [] });
  });

  it('names every way a response breaks the document', () => {
    const result = validateResponse({
      method: 'POST',
      url: 'https://api-01.moengage.com/v1/customer/merge?app_id=WS1',
      status: 200,
      headers: { 'content-type': 'text/plain', 'x-ratelimit-limit': '10000', 'x-ratelimit-remaining': '-1' },
      bodyText: JSON.stringify(success),
    });
    expect(result.operationId).toBe('mergeUsers');
    expect(result.problems.join('\n')).toMatch(/content-type is text\/plain/);
    expect(result.problems.join('\n')).toMatch(/matches none of MergeUsersResponse/);
    expect(result.problems.join('\n')).toMatch(
      /header x-ratelimit-limit: "10000" does not match RateLimitLimitValue/,
    );
    expect(result.problems.join('\n')).toMatch(/missing the documented header x-ratelimit-reset/);
  });

  it('rejects a status the operation does not document and a row documented only elsewhere', () => {
    const teapot = validateResponse({
      method: 'POST',
      url: '/v1/event/WS1',
      status: 418,
      headers: json,
      bodyText: '{}',
    });
    expect(teapot.problems).toEqual([
      'POST /v1/event/WS1 → 418: 418 is not a documented answer of createEvent',
    ]);
    const wrongRow = validateResponse({
      method: 'POST',
      url: '/v1/event/WS1',
      status: 400,
      headers: json,
      bodyText: fail('getUserLimitBreached'),
    });
    expect(wrongRow.problems.join('\n')).toMatch(/no error-catalogue row documented for createEvent 400/);
  });

  it('checks 404 and 405 against the route-level answers, on any path', () => {
    const result = validateResponse({
      method: 'GET',
      url: '/v1/customer/WS1',
      status: 405,
      headers: json,
      bodyText: JSON.stringify({ status: 'fail', message: 'Method not allowed' }),
    });
    expect(result).toMatchObject({ problems: [], row: { id: 'methodNotAllowed' } });
  });
});

describe('attributeErrorRow', () => {
  it('prefers the row with the most fixed text when templates overlap', () => {
    const body = JSON.parse(fail('fieldMissing', { key: 'customer_id' }));
    expect(attributeErrorRow({ operationId: 'trackUser', status: 400, body })?.id).toBe('customerIdMissing');
    const actions = JSON.parse(fail('fieldMissing', { key: 'actions' }));
    expect(attributeErrorRow({ operationId: 'createEvent', status: 400, body: actions })?.id).toBe(
      'fieldMissing',
    );
  });

  it('reads every envelope: title, error_type and plain bodies', () => {
    const title = JSON.parse(fail('moeAppKeyMissing'));
    expect(attributeErrorRow({ operationId: 'triggerFileImport', status: 401, body: title })?.id).toBe(
      'moeAppKeyMissing',
    );
    const errorType = JSON.parse(fail('fileImportAlreadyRun'));
    expect(attributeErrorRow({ operationId: 'triggerFileImport', status: 400, body: errorType })?.id).toBe(
      'fileImportAlreadyRun',
    );
    expect(
      attributeErrorRow({
        operationId: undefined,
        status: 404,
        body: { status: 'fail', message: 'Resource not found' },
      })?.id,
    ).toBe('routeNotFound');
  });
});
