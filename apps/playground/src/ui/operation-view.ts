/** The navigation of operations and the form of the selected one. */

import type { RateLimits } from '@moedata/mock';
import { type OperationId, operations } from '@moedata/spec';
import { DEFAULT_RATE_LIMITS, type RateLimitUnit } from '@moedata/spec/rules';
import type { CallOutcome } from '../api/send-operation.ts';
import {
  examplesFor,
  type InputCheck,
  type OperationInput,
  operationsByTag,
} from '../spec/operation-input.ts';
import { count, statusTone } from './format.ts';
import { h, type VNode } from './vnode.ts';

/** The side navigation: every operation of the spec, with the status of its last answer. */
export function navView(
  selected: OperationId,
  lastOutcomes: Partial<Record<OperationId, CallOutcome>>,
  onSelect: (operationId: OperationId) => void,
): VNode {
  return h(
    'nav',
    { class: 'nav', 'aria-label': 'Operations' },
    operationsByTag().map(({ tag, operationIds }) =>
      h(
        'div',
        { class: 'nav-group' },
        h('h3', null, tag),
        operationIds.map((operationId) => {
          const last = lastOutcomes[operationId];
          return h(
            'button',
            {
              type: 'button',
              class: `nav-item${operationId === selected ? ' active' : ''}`,
              'data-testid': `nav-${operationId}`,
              'aria-current': operationId === selected ? 'page' : undefined,
              onClick: () => onSelect(operationId),
            },
            h('span', { class: 'nav-name' }, operationId),
            last &&
              h(
                'span',
                { class: `dot dot-${last.ok ? 'success' : statusTone(last.status)}` },
                String(last.status ?? '!'),
              ),
          );
        }),
      ),
    ),
  );
}

/** Handlers of the form. */
export interface OperationFormHandlers {
  onExample(name: string): void;
  onInput(input: OperationInput): void;
  onSend(): void;
}

/** The form of one operation, prefilled from the spec. `check` and `budget` regions are filled apart. */
export function operationFormView(
  operationId: OperationId,
  input: OperationInput,
  exampleName: string,
  sending: boolean,
  handlers: OperationFormHandlers,
): VNode {
  const operation = operations[operationId];
  const examples = examplesFor(operationId);
  const editor =
    input.kind === 'body'
      ? h('textarea', {
          class: 'editor mono',
          spellcheck: 'false',
          rows: 18,
          'aria-label': 'Request body (JSON)',
          'data-testid': 'editor',
          value: input.json,
          onInput: (event) =>
            handlers.onInput({ kind: 'body', json: (event.target as HTMLTextAreaElement).value }),
          onKeydown: (event) => {
            const key = event as KeyboardEvent;
            if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) handlers.onSend();
          },
        })
      : h(
          'label',
          { class: 'inline-field' },
          h('span', null, 'schedule_id'),
          h('input', {
            class: 'mono',
            'data-testid': 'editor',
            value: input.scheduleId,
            onInput: (event) =>
              handlers.onInput({ kind: 'schedule', scheduleId: (event.target as HTMLInputElement).value }),
          }),
        );
  return h(
    'section',
    { class: 'panel form', 'data-testid': 'operation-form' },
    h(
      'header',
      { class: 'form-head' },
      h('span', { class: 'tag' }, operation.tag),
      h('h1', null, operation.summary),
    ),
    h(
      'p',
      { class: 'request-line mono' },
      h('span', { class: 'method' }, operation.method.toUpperCase()),
      ` ${operation.path}`,
      h('span', { class: 'muted' }, operation.server === 'fileImports' ? '  (file-imports host)' : ''),
    ),
    h(
      'label',
      { class: 'inline-field' },
      h('span', null, 'Example'),
      h(
        'select',
        {
          'data-testid': 'example',
          onChange: (event) => handlers.onExample((event.target as HTMLSelectElement).value),
        },
        examples.map((example) =>
          h(
            'option',
            { value: example.name, selected: example.name === exampleName },
            `${example.name}: ${example.summary}`,
          ),
        ),
      ),
    ),
    editor,
    h('div', { 'data-region': 'check' }),
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'send',
          disabled: sending,
          onClick: handlers.onSend,
        },
        sending ? 'Sending…' : `Send ${operationId}`,
      ),
      input.kind === 'body' && h('span', { class: 'muted small' }, 'Ctrl+Enter sends'),
    ),
    h('div', { 'data-region': 'budget' }),
  );
}

/** What the spec says about the form's content, before sending. */
export function checkView(check: InputCheck, validateRequests: boolean): VNode {
  if (check.ok) return h('p', { class: 'check check-ok', 'data-testid': 'check' }, '✓ Matches the spec');
  const consequence = validateRequests
    ? 'The client will refuse to send it (turn off "Validate before sending" to let the emulator answer).'
    : 'Validation is off: the emulator will answer this mistake.';
  return h(
    'div',
    { class: 'check check-problem', 'data-testid': 'check' },
    h(
      'ul',
      null,
      check.messages.slice(0, 6).map((message) => h('li', { class: 'mono' }, message)),
    ),
    h('p', { class: 'small' }, consequence),
  );
}

/** Handlers of the budget control. */
export interface BudgetHandlers {
  onSetBudget(unit: RateLimitUnit, value: number): void;
}

/** The operation's per-window budgets in the emulator, editable to provoke a 429 quickly. */
export function budgetView(
  operationId: OperationId,
  budgets: RateLimits | undefined,
  error: string | undefined,
  handlers: BudgetHandlers,
): VNode {
  const rule = DEFAULT_RATE_LIMITS[operationId];
  if (rule.scope === 'schedule') {
    return h(
      'div',
      { class: 'budget', 'data-testid': 'budget' },
      h('h3', null, 'Emulator budget'),
      h(
        'p',
        { class: 'muted small' },
        `Each schedule may run once per ${rule.windowSeconds} s; a second trigger within that time gets 400 ALREADY_EXISTS.`,
      ),
    );
  }
  const units = Object.keys(rule.limits) as RateLimitUnit[];
  return h(
    'div',
    { class: 'budget', 'data-testid': 'budget' },
    h('h3', null, 'Emulator budget per window'),
    error && h('p', { class: 'callout callout-warning small' }, error),
    h(
      'div',
      { class: 'budget-rows' },
      units.map((unit) => {
        const current = budgets?.[operationId]?.[unit];
        const fallback = rule.limits[unit] ?? 1;
        let draft = current ?? fallback;
        return h(
          'form',
          {
            class: 'budget-row',
            onSubmit: (event) => {
              event.preventDefault();
              handlers.onSetBudget(unit, draft);
            },
          },
          h('label', { for: `budget-${unit}` }, unit),
          h('input', {
            id: `budget-${unit}`,
            type: 'number',
            min: 1,
            step: 1,
            class: 'mono',
            'data-testid': `budget-${unit}`,
            value: current ?? '',
            onInput: (event) => {
              draft = Math.max(1, Math.floor(Number((event.target as HTMLInputElement).value) || 1));
            },
          }),
          h('span', { class: 'muted small' }, `per ${rule.windowSeconds} s (default ${count(fallback)})`),
          h('button', { type: 'submit', 'data-testid': `budget-apply-${unit}` }, 'Apply'),
          current !== fallback &&
            h(
              'button',
              { type: 'button', class: 'link', onClick: () => handlers.onSetBudget(unit, fallback) },
              'Restore default',
            ),
        );
      }),
    ),
  );
}
