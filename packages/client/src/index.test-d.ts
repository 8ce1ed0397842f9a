import type { OperationId } from '@moedata/spec';
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BulkElement,
  type BulkImportClient,
  type CallOptions,
  type Clock,
  CloseTimeoutError,
  createIngestor,
  createMoEngage,
  ElementOverBudgetError,
  ElementTooLargeError,
  type GetUserAnswer,
  type IngestClock,
  type IngestError,
  type Ingestor,
  IngestorClosedError,
  type IngestorCloseResult,
  type IngestorOptions,
  InvalidElementError,
  isMoEngageError,
  type MoEngageClient,
  type MoEngageError,
  type MoEngageOptions,
  type MoEngageResult,
  QueueFullError,
  type RateLimitedError,
  type RetryOptions,
  realIngestClock,
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

describe('client.ingest', () => {
  it('creates an ingestor on this client from the ingestor options, minus the client', () => {
    expectTypeOf(client.ingest).parameter(0).toEqualTypeOf<Omit<IngestorOptions, 'client'> | undefined>();
    expectTypeOf(client.ingest()).toEqualTypeOf<Ingestor>();
    expectTypeOf(client.ingest({ backpressure: 'reject', concurrency: 2 })).toEqualTypeOf<Ingestor>();
    expectTypeOf(createIngestor({ client })).toEqualTypeOf<Ingestor>();
    expectTypeOf(client).toExtend<BulkImportClient>();
  });

  it('takes no client of its own', () => {
    const other: BulkImportClient = client;
    // @ts-expect-error -- ingest() always sends through the client it is called on
    client.ingest({ client: other });
  });

  it('passes the failed elements and a typed reason to onError', () => {
    client.ingest({
      onError: (elements, reason, details) => {
        expectTypeOf(elements).toEqualTypeOf<BulkElement[]>();
        expectTypeOf(reason).toEqualTypeOf<Error>();
        expectTypeOf(details.dropped).toBeBoolean();
      },
    });
  });

  it('tracks users, events and devices and resolves close() with the counts', () => {
    const ingestor = client.ingest({ clock: realIngestClock });
    expectTypeOf(ingestor.trackUser({ customer_id: 'u', attributes: { plan: 'gold' } })).toEqualTypeOf<
      Promise<void>
    >();
    ingestor.trackEvent({ customer_id: 'u', actions: [{ action: 'Purchase' }] });
    // @ts-expect-error -- an event element needs its actions
    ingestor.trackEvent({ customer_id: 'u' });
    expectTypeOf(ingestor.close()).toEqualTypeOf<Promise<IngestorCloseResult>>();
  });

  it('exports the ingest clock and every ingest error, all IngestErrors', () => {
    expectTypeOf(realIngestClock).toEqualTypeOf<IngestClock>();
    expectTypeOf<IngestClock>().toExtend<Clock>();
    for (const ErrorClass of [
      ElementTooLargeError,
      ElementOverBudgetError,
      InvalidElementError,
      QueueFullError,
      IngestorClosedError,
      CloseTimeoutError,
    ]) {
      expectTypeOf(ErrorClass.prototype).toExtend<IngestError>();
    }
  });

  it('lets one call skip or force request validation', () => {
    expectTypeOf<{ validateRequest: false }>().toExtend<CallOptions>();
    client.trackUser({ type: 'customer', customer_id: 'u' }, { validateRequest: false });
    // @ts-expect-error -- validateRequest is a boolean, not a mode name
    client.trackUser({ type: 'customer', customer_id: 'u' }, { validateRequest: 'off' });
  });
});
