import { describe, expectTypeOf, it } from 'vitest';
import { createMoEngage } from '../create-client.ts';
import {
  type BulkElement,
  type BulkImportClient,
  createIngestor,
  type IngestFailureDetails,
  type Ingestor,
  type IngestorCloseResult,
  type IngestorStats,
} from './index.ts';

declare const client: BulkImportClient;
const ingestor = createIngestor({ client });

describe('createIngestor types', () => {
  it('accepts the client createMoEngage() returns', () => {
    const moengage = createMoEngage({ workspaceId: 'WS', apiKey: 'key', dataCenter: '01' });
    expectTypeOf(moengage).toExtend<BulkImportClient>();
    expectTypeOf(createIngestor({ client: moengage })).toEqualTypeOf<Ingestor>();
  });

  it('requires a client', () => {
    // @ts-expect-error -- without a client there is nothing to send the requests with
    createIngestor({});
  });

  it('offers exactly two back-pressure policies', () => {
    createIngestor({ client, backpressure: 'wait' });
    createIngestor({ client, backpressure: 'reject' });
    // @ts-expect-error -- 'drop' would lose elements silently, which the ingestor never does
    createIngestor({ client, backpressure: 'drop' });
  });

  it('passes the failed elements, the reason and the details to onError', () => {
    createIngestor({
      client,
      onError: (elements, reason, details) => {
        expectTypeOf(elements).toEqualTypeOf<BulkElement[]>();
        expectTypeOf(reason).toEqualTypeOf<Error>();
        expectTypeOf(details).toEqualTypeOf<IngestFailureDetails>();
      },
    });
  });
});

describe('Ingestor types', () => {
  it('tracks customer, event and device elements, Identity Resolution ones included', () => {
    expectTypeOf(
      ingestor.track({ type: 'customer', customer_id: 'u', attributes: { plan: 'gold' } }),
    ).toEqualTypeOf<Promise<void>>();
    ingestor.track({ type: 'event', customer_id: 'u', actions: [{ action: 'Purchase' }] });
    ingestor.track({
      type: 'device',
      customer_id: 'u',
      device_id: 'd',
      attributes: { platform: 'ANDROID', push_id: 't' },
    });
    ingestor.track({ type: 'customer', attributes: { moe_mobile: '+919876500000' } });
    ingestor.track({
      type: 'event',
      user_identifiers: { moe_mobile: '+919876500000' },
      actions: [{ action: 'A' }],
    });
  });

  it('rejects what Bulk Import does not take', () => {
    // @ts-expect-error -- 'transition' is the request's type, not an element's
    ingestor.track({ type: 'transition', customer_id: 'u' });
    // @ts-expect-error -- an event element needs its actions
    ingestor.track({ type: 'event', customer_id: 'u' });
  });

  it('adds the type itself in the convenience methods', () => {
    ingestor.trackUser({ customer_id: 'u', attributes: { first_name: 'Ada' } });
    ingestor.trackEvent({ customer_id: 'u', actions: [{ action: 'Signed Up' }] });
    ingestor.trackDevice({ customer_id: 'u', device_id: 'd', attributes: { platform: 'iOS', push_id: 't' } });
    // @ts-expect-error -- trackUser sets type: 'customer' itself
    ingestor.trackUser({ type: 'customer', customer_id: 'u' });
  });

  it('resolves close() with the counts and exposes stats', () => {
    expectTypeOf(ingestor.close({ timeoutMs: 10_000 })).toEqualTypeOf<Promise<IngestorCloseResult>>();
    expectTypeOf<IngestorCloseResult>().toEqualTypeOf<{
      sent: number;
      failed: number;
      dropped: number;
      maybeDelivered: number;
      maybeTwice: number;
      requests: number;
    }>();
    expectTypeOf(ingestor.stats()).toEqualTypeOf<IngestorStats>();
    expectTypeOf(ingestor.stats().budget.users.remaining).toBeNumber();
    expectTypeOf(ingestor.flush()).toEqualTypeOf<Promise<void>>();
  });
});
