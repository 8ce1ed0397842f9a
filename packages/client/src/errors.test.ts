import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  isMoEngageError,
  MoEngageError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnsupportedMediaTypeError,
} from './errors.ts';
import { errorFromResponse } from './http-errors.ts';
import { failBody } from './testing/fake-fetch.ts';

const rateLimit = { limit: 10_000, windowSeconds: 60, remaining: 0, resetSeconds: 12 };

function answer(status: number, body: unknown) {
  const response = new Response(null, { status });
  return errorFromResponse({ operationId: 'trackUser', attempts: 1, rateLimit }, response, body);
}

describe('errorFromResponse', () => {
  it.each([
    [400, BadRequestError, 'badRequest'],
    [401, AuthenticationError, 'authentication'],
    [403, ForbiddenError, 'forbidden'],
    [404, NotFoundError, 'notFound'],
    [405, NotFoundError, 'notFound'],
    [409, ConflictError, 'conflict'],
    [413, PayloadTooLargeError, 'payloadTooLarge'],
    [415, UnsupportedMediaTypeError, 'unsupportedMediaType'],
    [429, RateLimitedError, 'rateLimited'],
    [500, ServerError, 'server'],
    [502, ServerError, 'server'],
    [503, ServerError, 'server'],
    [504, ServerError, 'server'],
  ])('maps HTTP %i to %o', (status, ErrorClass, kind) => {
    const error = answer(status, failBody('SomeType', 'Something went wrong', { attribute: 'customer_id' }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(MoEngageError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(ErrorClass.name);
  });

  it('carries status, type, server message, attribute, request id, rate limit, raw response and body', () => {
    const body = failBody('MissingAttributeError', 'customer_id is not found in the payload', {
      attribute: 'customer_id',
      requestId: 'ZbPXtKFL',
    });
    const error = answer(400, body);
    expect(error).toMatchObject({
      operationId: 'trackUser',
      status: 400,
      type: 'MissingAttributeError',
      serverMessage: 'customer_id is not found in the payload',
      attribute: 'customer_id',
      requestId: 'ZbPXtKFL',
      rateLimit,
      body,
      attempts: 1,
    });
    expect(error.response?.status).toBe(400);
    expect(error.message).toBe(
      'trackUser failed with HTTP 400 MissingAttributeError: customer_id is not found in the payload ' +
        '(attribute: customer_id) [request_id ZbPXtKFL]. Fix "customer_id" in the request body; the request was not retried.',
    );
  });

  it('turns statuses the API does not document into a plain MoEngageError', () => {
    const error = answer(418, 'I am a teapot');
    expect(error.constructor).toBe(MoEngageError);
    expect(error.kind).toBe('unexpectedStatus');
    expect(error.serverMessage).toBe('I am a teapot');
    expect(error.message).toMatch(/check dataCenter\/baseUrl/);
  });

  it('reads every error envelope into the same fields', () => {
    expect(
      answer(500, { title: 'Internal Error', description: 'Please contact the MoEngage team.' }),
    ).toMatchObject({
      type: 'Internal Error',
      serverMessage: 'Please contact the MoEngage team.',
    });
    expect(answer(400, { status: 'fail', error_type: 'NOT_FOUND', message: 'gone' })).toMatchObject({
      type: 'NOT_FOUND',
      serverMessage: 'gone',
    });
    expect(answer(405, { status: 'fail', message: 'Method not allowed' })).toMatchObject({
      serverMessage: 'Method not allowed',
    });
  });
});

describe('error messages say what to do', () => {
  it.each([
    [400, 'Blacklisted', /contact MoEngage support/],
    [400, 'InvalidParams', /Check workspaceId/],
    [400, 'LimitBreached', /at most 20 identifiers/],
    [400, 'ALREADY_EXISTS', /wait before triggering it again/],
    [400, 'NOT_FOUND', /Check scheduleId/],
    [400, 'Not Found', /user does not exist/],
    [401, 'Authentication required', /Check workspaceId and apiKey/],
    [403, 'Account Suspended', /API scope or contact MoEngage support/],
    [404, undefined, /check dataCenter or baseUrl/],
    [413, 'Payload too large', /under 128 KB/],
    [415, 'Unsupported Media Type', /Content-Type: application\/json/],
    [429, 'Rate Limit Exceeded', /resets in 12 s/],
    [500, 'Server Error', /after 1 attempt/],
  ])('HTTP %i %s', (status, type, advice) => {
    const body =
      type === undefined ? { status: 'fail', message: 'Resource not found' } : failBody(type, 'message');
    expect(answer(status, body).message).toMatch(advice);
  });

  it('tells a workspace without a key to generate one, and a mismatch to use matching credentials', () => {
    const notSet = answer(
      409,
      failBody('Authentication required', 'App Secret key is not set. Please login'),
    );
    expect(notSet.hint).toMatch(/Generate a Data API key/);
    const mismatch = answer(
      409,
      failBody('Authentication Mismatch', 'App key mismatch in params and authentication'),
    );
    expect(mismatch.hint).toMatch(/does not match workspaceId/);
  });
});

describe('errors without an HTTP answer', () => {
  it('ConnectionError names the host and the network failure', () => {
    const cause = new TypeError('fetch failed');
    const error = new ConnectionError({
      operationId: 'getUser',
      attempts: 6,
      url: 'https://api-01.moengage.com',
      cause,
    });
    expect(error.kind).toBe('connection');
    expect(error.status).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(error.attempts).toBe(6);
    expect(error.message).toBe(
      'getUser failed. Could not reach https://api-01.moengage.com (fetch failed): check the network, proxy and dataCenter/baseUrl.',
    );
  });

  it('TimeoutError carries the timeout that expired', () => {
    const error = new TimeoutError({ operationId: 'bulkImport', timeoutMs: 1500 });
    expect(error.timeoutMs).toBe(1500);
    expect(error.message).toMatch(/No answer within 1500 ms: raise timeoutMs/);
  });

  it('AbortedError keeps the abort reason as its cause', () => {
    const reason = new Error('shutting down');
    const error = new AbortedError({ operationId: 'createEvent', cause: reason });
    expect(error.kind).toBe('aborted');
    expect(error.cause).toBe(reason);
    expect(error.attempts).toBe(0);
  });

  it('validation errors list every issue', () => {
    const request = new RequestValidationError({
      operationId: 'trackUser',
      attribute: 'type',
      issues: ['body.type: expected "customer"', 'body.customer_id: too short'],
    });
    expect(request.issues).toHaveLength(2);
    expect(request.message).toMatch(/body\.type: expected "customer"; body\.customer_id: too short/);
    const response = new ResponseValidationError({
      operationId: 'getUser',
      status: 200,
      issues: ['data: required'],
    });
    expect(response.kind).toBe('responseValidation');
    expect(response.message).toMatch(/unexpected shape: data: required/);
  });
});

describe('isMoEngageError', () => {
  it('recognises every subclass and nothing else', () => {
    expect(isMoEngageError(new ServerError({ operationId: 'trackUser' }))).toBe(true);
    expect(isMoEngageError(new Error('nope'))).toBe(false);
    expect(isMoEngageError({ status: 500 })).toBe(false);
    expect(isMoEngageError(null)).toBe(false);
  });

  it('recognises an error from another copy of the package by its registry-wide brand', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@moedata/client/MoEngageError')]: true });
    expect(isMoEngageError(foreign)).toBe(true);
  });
});
