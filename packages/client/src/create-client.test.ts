import { type OperationId, operationIds, operations } from '@moedata/spec';
import { describe, expect, it, vi } from 'vitest';
import type { MoEngageClient } from './client.ts';
import { createMoEngage } from './create-client.ts';
import { RequestValidationError, ResponseValidationError } from './errors.ts';
import { createFakeIngestClock } from './ingest/testing/fake-ingest-clock.ts';
import type { MoEngageOptions } from './options.ts';
import { createFakeClock } from './testing/fake-clock.ts';
import {
  createFakeFetch,
  type FakeFetch,
  rateLimitHeaders,
  respond,
  successBody,
} from './testing/fake-fetch.ts';
import type { MoEngageWarning } from './warnings.ts';

const WORKSPACE = 'WS123';

function setup(overrides: Partial<Record<keyof MoEngageOptions, unknown>> = {}, fetch?: FakeFetch) {
  const fakeFetch =
    fetch ?? createFakeFetch(respond(200, successBody(), rateLimitHeaders(10_000, 9_999, 42)));
  const client = createMoEngage({
    workspaceId: WORKSPACE,
    apiKey: 'secret-key',
    dataCenter: '02',
    fetch: fakeFetch,
    clock: createFakeClock(),
    ...overrides,
  } as MoEngageOptions);
  return { client, fetch: fakeFetch };
}

/** Calls an operation with the first official example of its body. */
function callWithExample(client: MoEngageClient, operationId: OperationId) {
  if (operationId === 'triggerFileImport') return client.triggerFileImport({ scheduleId: 'sched-1' });
  const examples = operations[operationId].requestExamples ?? {};
  const example = Object.values(examples)[0];
  if (!example) throw new Error(`the spec has no request example for ${operationId}`);
  return (client[operationId] as (body: unknown) => Promise<unknown>)(example.value);
}

describe('createMoEngage', () => {
  it('has a method for every operation in the spec', () => {
    const { client } = setup();
    for (const operationId of operationIds) expect(typeof client[operationId]).toBe('function');
  });

  it.each(operationIds)(
    '%s sends Basic auth and MOE-APPKEY built from workspaceId and apiKey',
    async (operationId) => {
      const { client, fetch } = setup();
      await callWithExample(client, operationId);
      const [request] = fetch.requests;
      expect(request?.method).toBe('POST');
      expect(request?.headers.get('authorization')).toBe(`Basic ${btoa(`${WORKSPACE}:secret-key`)}`);
      expect(request?.headers.get('moe-appkey')).toBe(WORKSPACE);
    },
  );

  it.each(operationIds)(
    '%s puts app_id where the spec says and goes to its data center host',
    async (operationId) => {
      const { client, fetch } = setup();
      await callWithExample(client, operationId);
      const url = fetch.requests[0]?.url as URL;
      const { appIdIn, path, server } = operations[operationId];
      expect(url.origin).toBe(
        server === 'core' ? 'https://api-02.moengage.com' : 'https://fileimports-data-api-02.moengage.com',
      );
      const expectedPath = path.replace('{app_id}', WORKSPACE).replace('{schedule_id}', 'sched-1');
      expect(url.pathname).toBe(expectedPath);
      expect(url.searchParams.get('app_id')).toBe(appIdIn === 'query' ? WORKSPACE : null);
    },
  );

  it.each(operationIds)('%s sends its JSON body with Content-Type application/json', async (operationId) => {
    const { client, fetch } = setup();
    await callWithExample(client, operationId);
    const [request] = fetch.requests;
    if (operationId === 'triggerFileImport') {
      expect(request?.body).toBeUndefined();
      return;
    }
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toEqual(Object.values(operations[operationId].requestExamples ?? {})[0]?.value);
  });

  it('sends every operation to one baseUrl, the emulator serving both path sets', async () => {
    const { client, fetch } = setup({ dataCenter: undefined, baseUrl: 'http://127.0.0.1:4010/' });
    await callWithExample(client, 'trackUser');
    await callWithExample(client, 'triggerFileImport');
    expect(fetch.requests.map((request) => request.url.origin)).toEqual([
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4010',
    ]);
    expect(fetch.requests[1]?.url.pathname).toBe('/v1.0/data/fileimports/trigger/sched-1');
  });

  it('looks up globalThis.fetch at each request, so a fetch patched after creation (MSW, nock) is used', async () => {
    // As the README's quickstart does: the client exists before a test's beforeAll installs its interceptor.
    const client = createMoEngage({ workspaceId: WORKSPACE, apiKey: 'secret-key', dataCenter: '01' });
    const installedLater = createFakeFetch(respond(200, successBody()));
    vi.stubGlobal('fetch', installedLater);
    try {
      await callWithExample(client, 'trackUser');
      const replacedAgain = createFakeFetch(respond(200, successBody()));
      vi.stubGlobal('fetch', replacedAgain);
      await callWithExample(client, 'trackUser');
      expect(installedLater.requests.map((request) => request.url.href)).toEqual([
        'https://api-01.moengage.com/v1/customer/WS123',
      ]);
      expect(replacedAgain.requests).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps using options.fetch when one is given, whatever happens to the global fetch', async () => {
    const { client, fetch } = setup();
    const global = vi.fn();
    vi.stubGlobal('fetch', global);
    try {
      await callWithExample(client, 'trackUser');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(fetch.requests).toHaveLength(1);
    expect(global).not.toHaveBeenCalled();
  });

  it('adds the Portfolio project_code on the operations that accept it', async () => {
    const { client, fetch } = setup();
    await client.createEvent(
      { type: 'event', customer_id: 'u-1', actions: [{ action: 'Purchase' }] },
      { projectCode: 'proj-7' },
    );
    expect(fetch.requests[0]?.url.searchParams.get('project_code')).toBe('proj-7');
  });

  it('resolves with the body, request id, parsed rate-limit headers, raw response and attempt count', async () => {
    const { client } = setup();
    const result = await client.trackUser({ type: 'customer', customer_id: 'u-1' });
    expect(result).toEqual({
      data: successBody(),
      requestId: 'kXwpDESb',
      rateLimit: { limit: 10_000, windowSeconds: 60, remaining: 9_999, resetSeconds: 42 },
      response: expect.any(Response),
      attempts: 1,
    });
  });

  it('rejects a body that breaks the spec before sending anything', async () => {
    const { client, fetch } = setup();
    const call = client.trackUser({ type: 'Customer', customer_id: 'u-1' } as never);
    await expect(call).rejects.toBeInstanceOf(RequestValidationError);
    await expect(call).rejects.toMatchObject({ attribute: 'type', attempts: 0, status: undefined });
    expect(fetch.requests).toHaveLength(0);
  });

  it('says in words what is wrong with a rejected body', async () => {
    const { client } = setup();
    const call = client.trackUser({ type: 'customer', customer_id: 42 } as never);
    await expect(call).rejects.toMatchObject({
      attribute: 'customer_id',
      issues: ['body.customer_id: Invalid input: expected string, received number'],
    });
  });

  it('skips the check for one call with validateRequest: false', async () => {
    const { client, fetch } = setup();
    await client.trackUser({ type: 'Customer' } as never, { validateRequest: false });
    expect(fetch.requests[0]?.body).toEqual({ type: 'Customer' });
  });

  it('checks one call with validateRequest: true even when validateRequests is off', async () => {
    const { client, fetch } = setup({ validateRequests: false });
    await expect(
      client.trackUser({ type: 'Customer' } as never, { validateRequest: true }),
    ).rejects.toBeInstanceOf(RequestValidationError);
    expect(fetch.requests).toHaveLength(0);
  });

  it('checks a per-call project_code too', async () => {
    const { client, fetch } = setup();
    const call = client.bulkImport(
      { type: 'transition', elements: [{ type: 'customer', customer_id: 'u-1' }] },
      { projectCode: '' },
    );
    await expect(call).rejects.toMatchObject({ issues: [expect.stringMatching(/^query\.project_code: /)] });
    expect(fetch.requests).toHaveLength(0);
  });

  it('sends bodies unchecked with validateRequests: false, leaving the verdict to the server', async () => {
    const { client, fetch } = setup({ validateRequests: false });
    await client.trackUser({ type: 'Customer' } as never);
    expect(fetch.requests[0]?.body).toEqual({ type: 'Customer' });
  });

  it('accepts unexpected success bodies unless validateResponses is on', async () => {
    const oddFetch = () => createFakeFetch(respond(200, { status: 'success', unexpected: true }));
    const lookup = {
      data: { identifiers: [{ identifier_type: 'customer_id' as const, identifier: 'u-1' }] },
    };
    const lenient = setup({}, oddFetch());
    await expect(lenient.client.getUser(lookup)).resolves.toMatchObject({
      data: { unexpected: true },
    });
    const strict = setup({ validateResponses: true }, oddFetch());
    const call = strict.client.getUser(lookup);
    await expect(call).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(call).rejects.toMatchObject({ status: 200, attempts: 1 });
  });

  it('reports a 2xx body that is not JSON as a ResponseValidationError', async () => {
    const { client } = setup(
      {},
      createFakeFetch(
        () => new Response('<html>', { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    );
    await expect(client.trackUser({ type: 'customer', customer_id: 'u-1' })).rejects.toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('refuses triggerFileImport without a scheduleId, even with validation off', async () => {
    const { client, fetch } = setup({ validateRequests: false });
    await expect(client.triggerFileImport({ scheduleId: ' ' })).rejects.toThrow(
      /scheduleId must be the Import ID/,
    );
    expect(fetch.requests).toHaveLength(0);
  });

  it.each([true, false])(
    'refuses a scheduleId that URL normalisation would move (validateRequests: %s), sending nothing',
    async (validateRequests) => {
      const { client, fetch } = setup({ validateRequests });
      for (const scheduleId of ['.', '..', '%2e', '%2E.', '.%2e', 'a/b', 'a\\b']) {
        const call = client.triggerFileImport({ scheduleId });
        await expect(call, scheduleId).rejects.toBeInstanceOf(RequestValidationError);
        await expect(call, scheduleId).rejects.toMatchObject({ attribute: 'scheduleId', attempts: 0 });
        await expect(call, scheduleId).rejects.toThrow(
          /would reach another path\. Pass the Import ID.*always runs/,
        );
      }
      expect(fetch.requests).toHaveLength(0);
    },
  );

  it('sends a scheduleId with dots or percent signs as one encoded path segment', async () => {
    const { client, fetch } = setup();
    const ids = ['6512a3b4c5d6e7f8a9b0c1d2', 'v1.2', '...x', '%2e%2f', '%'];
    for (const scheduleId of ids) await client.triggerFileImport({ scheduleId });
    expect(fetch.requests.map((request) => request.url.pathname)).toEqual(
      ids.map((id) => `/v1.0/data/fileimports/trigger/${encodeURIComponent(id)}`),
    );
  });

  it('fires onWarning before sending data MoEngage would drop, and still sends it', async () => {
    const seen: string[] = [];
    const fetch = createFakeFetch((request) => {
      seen.push(`request ${request.url.pathname}`);
      return respond(200, successBody())(request);
    });
    const { client } = setup(
      { onWarning: (warning: MoEngageWarning) => seen.push(`warning ${warning.path}`) },
      fetch,
    );
    await client.createEvent({ type: 'event', customer_id: 'guest', actions: [{ action: 'moe_login' }] });
    expect(seen).toEqual([
      'warning customer_id',
      'warning actions[0].action',
      `request /v1/event/${WORKSPACE}`,
    ]);
  });

  it('never lets a failing onWarning block the request', async () => {
    const warn = vi.fn();
    const { client, fetch } = setup({
      logger: { warn },
      onWarning: () => {
        throw new Error('hook bug');
      },
    });
    await client.trackUser({ type: 'customer', customer_id: 'null' });
    expect(fetch.requests).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/onWarning threw/), { error: expect.any(Error) });
  });

  it('logs warnings through logger.warn when no onWarning is given', async () => {
    const warn = vi.fn();
    const { client } = setup({ logger: { warn } });
    await client.trackUser({ type: 'customer', customer_id: 'u-1', attributes: { moe_level: 2 } });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/"moe_level" starts with the reserved prefix/), {
      code: 'reservedPrefix',
      operationId: 'trackUser',
      path: 'attributes.moe_level',
      value: 'moe_level',
      message: expect.any(String),
    });
  });

  it('ingest() batches tracked elements into Bulk Import requests sent by this client', async () => {
    const { client, fetch } = setup();
    const clock = createFakeIngestClock();
    const failures: unknown[] = [];
    const ingestor = client.ingest({
      clock,
      onError: (elements) => {
        failures.push(...elements);
      },
    });
    await ingestor.trackUser({ customer_id: 'u-1', attributes: { first_name: 'Ada' } });
    await ingestor.trackEvent({ customer_id: 'u-1', actions: [{ action: 'Signed Up' }] });
    expect(await clock.run(ingestor.close())).toEqual({
      sent: 2,
      failed: 0,
      dropped: 0,
      maybeDelivered: 0,
      maybeTwice: 0,
      requests: 1,
    });
    expect(failures).toEqual([]);
    const [request] = fetch.requests;
    expect(request?.url.href).toBe(`https://api-02.moengage.com/v1/transition/${WORKSPACE}`);
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa(`${WORKSPACE}:secret-key`)}`);
    expect(request?.body).toEqual({
      type: 'transition',
      elements: [
        { type: 'customer', customer_id: 'u-1', attributes: { first_name: 'Ada' } },
        { type: 'event', customer_id: 'u-1', actions: [{ action: 'Signed Up' }] },
      ],
    });
  });

  it('exposes its settings without the API key', () => {
    const { client } = setup();
    expect(client.settings.workspaceId).toBe(WORKSPACE);
    expect(JSON.stringify(client.settings)).not.toContain('secret-key');
    expect(Object.isFrozen(client)).toBe(true);
  });

  it('rejects bad per-call options with a message saying what to fix', async () => {
    const { client } = setup();
    await expect(client.trackUser({ type: 'customer', customer_id: 'u' }, { timeoutMs: -5 })).rejects.toThrow(
      /timeoutMs must be a number >= 1; got -5/,
    );
    await expect(
      client.trackUser({ type: 'customer', customer_id: 'u' }, { retry: { jitter: 3 } }),
    ).rejects.toThrow(/retry\.jitter must be a number between 0 and 1/);
    await expect(
      client.trackUser({ type: 'customer', customer_id: 'u' }, { validateRequest: 'off' as never }),
    ).rejects.toThrow(/validateRequest must be true or false; got off/);
  });
});
