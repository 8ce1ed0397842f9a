import { describe, expect, it } from 'vitest';
import { harness, KEY1, KEY2, validBodies, WS1, WS2 } from './test-support/harness.ts';

describe('fault injection', () => {
  it('fails the next N requests with the chosen status, then recovers', async () => {
    const h = harness();
    h.engine.setFaults(WS1, { nextFailures: 2, status: 503 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await h.send('trackUser', { body: validBodies.trackUser })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers with the documented 5xx body and rate-limit headers, consuming and storing nothing', async () => {
    const h = harness();
    h.engine.setFaults(WS1, { nextFailures: 1 });
    const failed = await h.send('trackUser', { body: validBodies.trackUser });
    expect(failed.status).toBe(500);
    expect(h.errorOf(failed)).toMatchObject({
      type: 'Server Error',
      message:
        'An unexpected error was encountered while processing this request. Please contact MoEngage Team',
    });
    expect(failed.headers['x-ratelimit-remaining']).toBe('10000');
    expect(h.engine.store.users.count()).toBe(0);
    expect(h.engine.store.requestLog.list(WS1)[0]).toMatchObject({ status: 500, errorId: 'serverError' });
  });

  it('fails a reproducible share of requests with a seeded rate', async () => {
    const run = async () => {
      const h = harness({ randomSeed: 7, workspaces: { [WS1]: { apiKey: KEY1, faults: { rate: 0.5 } } } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1)
        statuses.push((await h.send('trackUser', { body: validBodies.trackUser })).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it('fails only the requests a predicate selects', async () => {
    const h = harness();
    h.engine.setFaults(WS1, { when: (request) => request.operationId === 'createEvent', status: 502 });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
    expect((await h.send('createEvent', { body: validBodies.createEvent })).status).toBe(502);
  });

  it('treats a throwing predicate as selecting nothing', async () => {
    const h = harness();
    h.engine.setFaults(WS1, {
      when: () => {
        throw new Error('broken predicate');
      },
    });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
  });

  it('adds latency through the injected sleep without failing when only latency is set', async () => {
    const waits: number[] = [];
    const h = harness({ sleep: async (ms) => void waits.push(ms) });
    h.engine.setFaults(WS1, { latencyMs: 250 });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
    expect(waits).toEqual([250]);
  });

  it("never hits another workspace's requests, nor unauthenticated ones", async () => {
    const h = harness();
    h.engine.setFaults(WS1, { status: 504 });
    expect((await h.send('trackUser', { as: [WS2, KEY2], body: validBodies.trackUser })).status).toBe(200);
    expect((await h.send('trackUser', { as: [WS1, 'wrong'], body: validBodies.trackUser })).status).toBe(401);
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(504);
  });

  it('applies faults from the defaults to every workspace until one sets its own', async () => {
    const h = harness({ defaults: { faults: { status: 503 } } });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(503);
    h.engine.setFaults(WS1, { rate: 0 });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
  });

  it('uses the endpoint-specific 500 bodies of Delete User and Trigger File Imports', async () => {
    const h = harness();
    h.engine.setFaults(WS1, { status: 500 });
    expect((await h.send('deleteUser', { body: validBodies.deleteUser })).body).toEqual({
      status: 'fail',
      title: 'Internal Error',
      description: 'Please contact the MoEngage team.',
    });
    expect((await h.send('triggerFileImport')).body).toMatchObject({ title: 'Server Error', code: 'req2' });
  });

  it('turns faults off with setFaults(workspace, undefined)', async () => {
    const h = harness();
    h.engine.setFaults(WS1, { status: 500 });
    h.engine.setFaults(WS1, undefined);
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
  });
});
