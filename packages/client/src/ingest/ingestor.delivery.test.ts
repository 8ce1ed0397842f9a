import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../errors.ts';
import { connectionLost, unreadableOk } from './testing/fake-bulk-server.ts';
import { createHarness, event, produce, user } from './testing/harness.ts';

describe('delivery is at least once, and uncertain deliveries are reported as such', {
  timeout: 30_000,
}, () => {
  it('counts a 2xx whose body is not JSON as delivered, with a warning, and sends it only once', async () => {
    const warnings: string[] = [];
    const { clock, server, ingestor, failures } = createHarness({
      ingestor: { onWarning: (message) => warnings.push(message) },
    });
    server.failNext(unreadableOk);
    const result = await clock.run(produce(ingestor, [user(1), user(2)]).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 2, failed: 0, maybeDelivered: 0, requests: 1 });
    expect(failures).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/accepted 2 element\(s\) but its answer could not be read/),
    ]);
  });

  it('retries after a lost connection by default, and counts the elements as maybe stored twice', async () => {
    const { clock, server, ingestor, failures } = createHarness();
    server.failNext(connectionLost);
    const result = await clock.run(produce(ingestor, [user(1), event(2)]).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 2, failed: 0, maybeDelivered: 0, maybeTwice: 2, requests: 2 });
    expect(failures).toEqual([]);
    expect(server.requests.filter((request) => request.status === 200)).toHaveLength(1);
  });

  it('reports elements whose every attempt went unanswered as maybe delivered, not as failed', async () => {
    const { clock, server, ingestor, failures } = createHarness({ ingestor: { retry: { maxRetries: 2 } } });
    server.failNext(connectionLost, connectionLost, connectionLost);
    const result = await clock.run(produce(ingestor, [user(1)]).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 0, failed: 0, dropped: 0, maybeDelivered: 1, requests: 3 });
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toBeInstanceOf(ConnectionError);
    expect(failures[0]?.details).toEqual({ attempts: 3, dropped: false, maybeDelivered: true });
  });

  it("sends nothing again after an unanswered attempt with retry.uncertain: 'never' (at most once)", async () => {
    const { clock, server, ingestor, failures } = createHarness({
      ingestor: { retry: { uncertain: 'never' } },
    });
    server.failNext(connectionLost);
    const result = await clock.run(produce(ingestor, [user(1), user(2)]).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 0, maybeDelivered: 2, requests: 1 });
    expect(failures[0]?.details.maybeDelivered).toBe(true);
  });

  it("retries customers but not events after an unanswered attempt with retry.uncertain: 'eventsAtMostOnce'", async () => {
    const customers = createHarness({ ingestor: { retry: { uncertain: 'eventsAtMostOnce' } } });
    customers.server.failNext(connectionLost);
    const onlyCustomers = await customers.clock.run(
      produce(customers.ingestor, [user(1)]).then(() => customers.ingestor.close()),
    );
    expect(onlyCustomers).toMatchObject({ sent: 1, maybeTwice: 1, requests: 2 });

    const events = createHarness({ ingestor: { retry: { uncertain: 'eventsAtMostOnce' } } });
    events.server.failNext(connectionLost);
    const withEvents = await events.clock.run(
      produce(events.ingestor, [user(1), event(2)]).then(() => events.ingestor.close()),
    );
    expect(withEvents).toMatchObject({ sent: 0, maybeDelivered: 2, requests: 1 });
  });

  it('counts a refused connection (nothing was sent) as failed, not as maybe delivered', async () => {
    const { clock, server, ingestor } = createHarness({
      ingestor: { retry: { maxRetries: 0, uncertain: 'never' } },
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' });
    server.failNext(
      () =>
        new ConnectionError({
          operationId: 'bulkImport',
          cause: new TypeError('fetch failed', { cause: refused }),
        }),
    );
    const result = await clock.run(produce(ingestor, [user(1)]).then(() => ingestor.close()));
    expect(result).toMatchObject({ sent: 0, failed: 1, maybeDelivered: 0 });
  });

  it('refuses an unknown retry.uncertain policy at construction', () => {
    expect(() => createHarness({ ingestor: { retry: { uncertain: 'sometimes' as 'never' } } })).toThrow(
      /retry\.uncertain must be 'retry', 'eventsAtMostOnce' or 'never'/,
    );
  });
});
