/** The live rate-limit gauge: the budget left in the window and the time until it resets. */
import type { OperationId } from '@moedata/spec';
import { DEFAULT_RATE_LIMITS } from '@moedata/spec/rules';
import type { CallOutcome } from '../api/send-operation.ts';
import { readGauge } from '../rate-limit/gauge.ts';
import { count } from './format.ts';
import { h, type VNode } from './vnode.ts';

function unitsOf(operationId: OperationId): string {
  return Object.keys(DEFAULT_RATE_LIMITS[operationId].limits).join(' + ');
}

function bar(fraction: number, tone: string, testId: string): VNode {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
  return h(
    'div',
    { class: 'bar', role: 'meter', 'aria-valuenow': percent, 'aria-valuemin': 0, 'aria-valuemax': 100 },
    h('div', { class: `bar-fill bar-${tone}`, style: `width: ${percent}%`, 'data-testid': testId }),
  );
}

/** Shows the gauge of the operation's window at `now`, from its last answer's headers. */
export function gaugeView(operationId: OperationId, outcome: CallOutcome | undefined, now: number): VNode {
  const title = h(
    'header',
    { class: 'gauge-head' },
    h('h2', null, 'Rate limit'),
    h('span', { class: 'muted small' }, `${unitsOf(operationId)} per window, this workspace`),
  );
  if (!outcome?.rateLimit) {
    return h(
      'section',
      { class: 'panel gauge', 'data-testid': 'gauge' },
      title,
      h(
        'p',
        { class: 'muted' },
        outcome
          ? 'This answer carried no x-ratelimit-* headers.'
          : 'The x-ratelimit-* headers of the next answer show up here.',
      ),
    );
  }
  const reading = readGauge(outcome.rateLimit, outcome.receivedAt, now);
  const headers = outcome.rateLimitHeaders;
  return h(
    'section',
    { class: 'panel gauge', 'data-testid': 'gauge' },
    title,
    h(
      'div',
      { class: 'gauge-row' },
      h(
        'div',
        { class: 'gauge-figure' },
        h('span', { class: 'big', 'data-testid': 'gauge-remaining' }, count(reading.remaining)),
        h('span', { class: 'muted' }, ` of ${count(reading.limit)} left`),
      ),
      bar(reading.remainingFraction, reading.level, 'gauge-budget'),
    ),
    h(
      'div',
      { class: 'gauge-row' },
      h(
        'div',
        { class: 'gauge-figure' },
        reading.rolledOver
          ? h('span', { 'data-testid': 'gauge-reset' }, 'Window over: the next request starts a fresh one')
          : [
              h('span', { class: 'big', 'data-testid': 'gauge-reset' }, `${reading.resetsInSeconds} s`),
              h('span', { class: 'muted' }, ` until the ${reading.windowSeconds} s window resets`),
            ],
      ),
      bar(reading.windowElapsedFraction, 'time', 'gauge-window'),
    ),
    headers &&
      h(
        'dl',
        { class: 'headers mono small' },
        Object.entries(headers).map(([name, value]) =>
          h('div', null, h('dt', null, `${name}:`), h('dd', null, value ?? '(absent)')),
        ),
      ),
  );
}
