/** The response panel: status, request_id, where it went, the client's error, the body. */
import type { CallOutcome } from '../api/send-operation.ts';
import { prettyJson, statusLine, statusTone } from './format.ts';
import { h, type VNode } from './vnode.ts';

function field(label: string, value: string | undefined, testId: string): VNode {
  return h(
    'div',
    { class: 'field' },
    h('dt', null, label),
    h('dd', { 'data-testid': testId, class: value ? 'mono' : 'mono muted' }, value ?? '—'),
  );
}

/** Shows the outcome of the last call of an operation, or how to make one. */
export function responseView(outcome: CallOutcome | undefined, sending: boolean): VNode {
  if (!outcome) {
    return h(
      'section',
      { class: 'panel response empty', 'data-testid': 'response' },
      h('h2', null, 'Response'),
      h('p', { class: 'muted' }, sending ? 'Sending…' : 'Send the request to see the answer here.'),
    );
  }
  const tone = outcome.ok ? 'success' : statusTone(outcome.status);
  const headline = outcome.status === undefined ? 'Not sent' : statusLine(outcome.status);
  return h(
    'section',
    { class: `panel response${sending ? ' busy' : ''}`, 'data-testid': 'response' },
    h(
      'header',
      { class: 'response-head' },
      h('h2', null, 'Response'),
      h('span', { class: `status status-${tone}`, 'data-testid': 'response-status' }, headline),
      h('span', { class: 'muted small' }, `${outcome.durationMs} ms`),
    ),
    h(
      'dl',
      { class: 'fields' },
      field('request_id', outcome.requestId, 'response-request-id'),
      field('URL', outcome.url, 'response-url'),
    ),
    outcome.errorName &&
      h(
        'div',
        { class: `callout callout-${tone}`, 'data-testid': 'response-error' },
        h('strong', null, outcome.errorName),
        h('p', null, outcome.errorMessage ?? ''),
      ),
    h('pre', { class: 'code', 'data-testid': 'response-body' }, prettyJson(outcome.body)),
  );
}
