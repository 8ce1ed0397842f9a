import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import { useDemoEmulator } from '../../test/support/demo-emulator.ts';
import { sendOperation } from '../api/send-operation.ts';
import { inPageConnection } from '../connection/connect.ts';
import { gaugeView } from './gauge-view.ts';
import { responseView } from './response-view.ts';
import { byTestId, textOf, type VNode } from './vnode.ts';

const mock = useDemoEmulator();
const user = { type: 'customer', customer_id: 'john', attributes: { name: 'John' } };
const send = () =>
  sendOperation(
    inPageConnection(mock.engine).createClient(DEMO_WORKSPACE, true),
    'trackUser',
    { kind: 'body', json: JSON.stringify(user) },
    user,
  );
const text = (view: VNode, testId: string) => {
  const node = byTestId(view, testId);
  return node && textOf(node);
};

describe('the response panel', () => {
  it('invites a first request before there is an answer', () => {
    expect(textOf(responseView(undefined, false))).toContain('Send the request to see the answer here.');
  });

  it('shows the status, request_id, URL and body of a success', async () => {
    const outcome = await send();
    const view = responseView(outcome, false);

    expect(text(view, 'response-status')).toBe('200 OK');
    expect(text(view, 'response-request-id')).toBe(outcome.requestId);
    expect(text(view, 'response-url')).toBe('https://api-01.moengage.com/v1/customer/DEMO');
    expect(text(view, 'response-body')).toContain('"status": "success"');
    expect(byTestId(view, 'response-error')).toBeUndefined();
  });

  it("shows a 429 with the client's error and its advice", async () => {
    mock.workspaces.update('DEMO', { rateLimits: { trackUser: { users: 1 } } });
    await send();
    const view = responseView(await send(), false);

    expect(text(view, 'response-status')).toBe('429 Too Many Requests');
    expect(text(view, 'response-error')).toMatch(/^RateLimitedError.*Send less per minute/);
    expect(text(view, 'response-body')).toContain('Rate Limit Exceeded');
  });
});

describe('the rate-limit gauge', () => {
  it('shows what is left of the budget and the three headers as sent', async () => {
    const outcome = await send();
    const view = gaugeView('trackUser', outcome, outcome.receivedAt);

    expect(text(view, 'gauge-remaining')).toBe('9,999');
    expect(textOf(view)).toContain('of 10,000 left');
    expect(textOf(view)).toContain('x-ratelimit-limit:10000; w=60');
    expect(textOf(view)).toContain('x-ratelimit-remaining:9999');
    expect(byTestId(view, 'gauge-budget')?.props.style).toBe('width: 100%');
  });

  it('counts down to the reset as time passes', async () => {
    const outcome = await send();
    const reset = outcome.rateLimit?.resetSeconds ?? 0;
    const later = gaugeView('trackUser', outcome, outcome.receivedAt + 1_000);

    expect(text(later, 'gauge-reset')).toBe(`${Math.max(0, reset - 1)} s`);
  });

  it('empties the bar when the budget is used up', async () => {
    mock.workspaces.update('DEMO', { rateLimits: { trackUser: { users: 1 } } });
    const outcome = await send();
    const view = gaugeView('trackUser', outcome, outcome.receivedAt);

    expect(text(view, 'gauge-remaining')).toBe('0');
    expect(byTestId(view, 'gauge-budget')?.props).toMatchObject({
      class: 'bar-fill bar-empty',
      style: 'width: 0%',
    });
  });

  it('says so when there was no answer to read headers from', () => {
    expect(textOf(gaugeView('getUser', undefined, 0))).toContain(
      'The x-ratelimit-* headers of the next answer',
    );
  });
});
