import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import { useDemoEmulator } from '../../test/support/demo-emulator.ts';
import { inPageConnection } from '../connection/connect.ts';
import { examplesFor, type OperationInput } from '../spec/operation-input.ts';
import { sendOperation } from './send-operation.ts';

const mock = useDemoEmulator();
const client = (validateRequests = true) =>
  inPageConnection(mock.engine).createClient(DEMO_WORKSPACE, validateRequests);

const body = (value: unknown): OperationInput => ({ kind: 'body', json: JSON.stringify(value) });
const john = { type: 'customer', customer_id: 'john', attributes: { name: 'John' } };

describe('sending an operation', () => {
  it('shows the status, request_id, body and the three rate-limit headers of a success', async () => {
    const outcome = await sendOperation(client(), 'trackUser', body(john), john);

    expect(outcome).toMatchObject({ ok: true, status: 200, body: { status: 'success' } });
    expect(outcome.requestId).toMatch(/^[A-Za-z]{8}$/);
    expect(outcome.url).toBe('https://api-01.moengage.com/v1/customer/DEMO');
    expect(outcome.rateLimit).toEqual({
      limit: 10_000,
      windowSeconds: 60,
      remaining: 9_999,
      resetSeconds: expect.any(Number),
    });
    expect(outcome.rateLimitHeaders).toEqual({
      'x-ratelimit-limit': '10000; w=60',
      'x-ratelimit-remaining': '9999',
      'x-ratelimit-reset': expect.stringMatching(/^\d+$/),
    });
    expect(mock.store.users.get('DEMO', 'john')?.attributes).toEqual({ u_n: 'John' });
  });

  it('shows a 429 as it came, without waiting for the window to reset', async () => {
    mock.workspaces.update('DEMO', { rateLimits: { trackUser: { users: 1 } } });
    await sendOperation(client(), 'trackUser', body(john), john);

    const outcome = await sendOperation(client(), 'trackUser', body(john), john);

    expect(outcome).toMatchObject({ ok: false, status: 429, errorName: 'RateLimitedError' });
    expect(outcome.rateLimit).toMatchObject({ limit: 1, remaining: 0 });
    expect(outcome.errorMessage).toMatch(/window resets in \d+ s/);
    expect(mock.store.requestLog.list('DEMO', { status: 429 })).toHaveLength(1);
  });

  it('lets the client refuse a body the spec rejects, sending nothing', async () => {
    const bad = { type: 'customer', customer_id: 'john', attributes: 'gold' };
    const outcome = await sendOperation(client(true), 'trackUser', body(bad), bad);

    expect(outcome).toMatchObject({ ok: false, status: undefined, errorName: 'RequestValidationError' });
    expect(outcome.body).toEqual({ issues: [expect.stringContaining('attributes')] });
    expect(mock.store.requestLog.list()).toEqual([]);
  });

  it("lets the emulator answer a bad body with the API's 400 when validation is off", async () => {
    const bad = { type: 'customer', customer_id: 'john', attributes: 'gold' };
    const outcome = await sendOperation(client(false), 'trackUser', body(bad), bad);

    expect(outcome).toMatchObject({ ok: false, status: 400, errorName: 'BadRequestError' });
    expect(outcome.requestId).toMatch(/^[A-Za-z]{8}$/);
    expect(outcome.body).toMatchObject({ status: 'fail', error: { attribute: 'attributes' } });
  });

  it('shows a wrong API key as the 401 it is', async () => {
    const wrongKey = inPageConnection(mock.engine).createClient(
      { workspaceId: 'DEMO', apiKey: 'nope' },
      true,
    );
    const outcome = await sendOperation(wrongKey, 'trackUser', body(john), john);
    expect(outcome).toMatchObject({ ok: false, status: 401, errorName: 'AuthenticationError' });
  });

  it('triggers a file import from the schedule id of the form, once per cooldown', async () => {
    const [example] = examplesFor('triggerFileImport');
    if (example?.input.kind !== 'schedule') throw new Error('Trigger File Imports should take a schedule id');

    const first = await sendOperation(client(), 'triggerFileImport', example.input, example.input.scheduleId);
    const second = await sendOperation(
      client(),
      'triggerFileImport',
      example.input,
      example.input.scheduleId,
    );

    expect(first).toMatchObject({ ok: true, status: 200 });
    expect(first.url).toBe(
      `https://fileimports-data-api-01.moengage.com/v1.0/data/fileimports/trigger/${example.input.scheduleId}`,
    );
    expect(second).toMatchObject({ ok: false, status: 400, body: { error_type: 'ALREADY_EXISTS' } });
  });
});
