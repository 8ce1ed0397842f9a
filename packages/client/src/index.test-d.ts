import type { OperationId } from '@moedata/spec';
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CallOptions,
  type Clock,
  createMoEngage,
  type GetUserAnswer,
  isMoEngageError,
  type MoEngageClient,
  type MoEngageError,
  type MoEngageOptions,
  type MoEngageResult,
  type RateLimitedError,
  type RetryOptions,
  type ServerError,
  type SuccessResponse,
  systemClock,
  type TimeoutError,
  type TrackUserBody,
  toMoEngageDatetime,
} from './index.ts';

const client = createMoEngage({ workspaceId: 'WS', apiKey: 'key', dataCenter: '01' });

describe('createMoEngage options', () => {
  it('takes a dataCenter or a baseUrl', () => {
    expectTypeOf(createMoEngage).parameter(0).toEqualTypeOf<MoEngageOptions>();
    expectTypeOf({
      workspaceId: 'WS',
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:4010',
    }).toExtend<MoEngageOptions>();
    expectTypeOf({ workspaceId: 'WS', apiKey: 'k', dataCenter: '101' as const }).toExtend<MoEngageOptions>();
  });

  it('refuses both, neither, and unknown data centers', () => {
    // @ts-expect-error dataCenter and baseUrl are mutually exclusive
    createMoEngage({ workspaceId: 'WS', apiKey: 'k', dataCenter: '01', baseUrl: 'http://127.0.0.1:4010' });
    // @ts-expect-error one of dataCenter or baseUrl is required
    createMoEngage({ workspaceId: 'WS', apiKey: 'k' });
    // @ts-expect-error '07' is not a MoEngage data center
    createMoEngage({ workspaceId: 'WS', apiKey: 'k', dataCenter: '07' });
    // @ts-expect-error data centers are strings ('01'), not numbers
    createMoEngage({ workspaceId: 'WS', apiKey: 'k', dataCenter: 1 });
  });

  it('accepts an injectable clock and a partial retry policy', () => {
    expectTypeOf(systemClock).toEqualTypeOf<Clock>();
    expectTypeOf<{ retries: number }>().toExtend<Partial<RetryOptions>>();
    createMoEngage({ workspaceId: 'WS', apiKey: 'k', dataCenter: '01', clock: systemClock, retry: false });
  });
});

describe('client methods', () => {
  it('has one method per operation of the spec', () => {
    expectTypeOf<OperationId>().toExtend<keyof MoEngageClient>();
  });

  it('types bodies from the generated spec types', () => {
    expectTypeOf(client.trackUser).parameter(0).toEqualTypeOf<TrackUserBody>();
    client.trackUser({ type: 'customer', customer_id: 'u-1', attributes: { first_name: 'Ada' } });
    // @ts-expect-error a Track User body has type 'customer'
    client.trackUser({ type: 'event', customer_id: 'u-1' });
    // @ts-expect-error triggerFileImport takes { scheduleId }, not a body
    client.triggerFileImport({ schedule_id: 'x' });
  });

  it('resolves to MoEngageResult of the operation answer', () => {
    expectTypeOf(client.getUser).returns.resolves.toEqualTypeOf<MoEngageResult<GetUserAnswer>>();
    expectTypeOf(client.trackUser).returns.resolves.toHaveProperty('data').toEqualTypeOf<SuccessResponse>();
    expectTypeOf<MoEngageResult<unknown>['rateLimit']>().toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf<MoEngageResult<unknown>['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MoEngageResult<unknown>['response']>().toEqualTypeOf<Response>();
  });

  it('takes per-call options, and projectCode only where the API accepts it', () => {
    expectTypeOf<{ signal: AbortSignal; timeoutMs: number; retry: false }>().toExtend<CallOptions>();
    client.createEvent(
      { type: 'event', customer_id: 'u', actions: [{ action: 'Buy' }] },
      { projectCode: 'p' },
    );
    // @ts-expect-error getUser does not accept a Portfolio project_code
    client.getUser({ data: { identifiers: [] } }, { projectCode: 'p' });
  });
});

describe('errors and helpers', () => {
  it('exposes typed error classes and a guard', () => {
    expectTypeOf<RateLimitedError>().toExtend<MoEngageError>();
    expectTypeOf<ServerError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MoEngageError['rateLimit']>().toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf<TimeoutError['timeoutMs']>().toEqualTypeOf<number>();
    const caught: unknown = undefined;
    if (isMoEngageError(caught)) expectTypeOf(caught).toEqualTypeOf<MoEngageError>();
  });

  it('formats datetimes from dates, numbers and strings', () => {
    expectTypeOf(toMoEngageDatetime).parameter(0).toEqualTypeOf<Date | string | number>();
    expectTypeOf(toMoEngageDatetime).returns.toEqualTypeOf<string>();
  });
});
