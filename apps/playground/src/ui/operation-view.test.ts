import { operations } from '@moedata/spec';
import { describe, expect, it } from 'vitest';
import { click } from '../../test/support/views.ts';
import { checkInput, examplesFor } from '../spec/operation-input.ts';
import { budgetView, checkView, navView, operationFormView } from './operation-view.ts';
import { byTestId, findAll, textOf } from './vnode.ts';

const noForm = { onExample: () => {}, onInput: () => {}, onSend: () => {} };

describe('the navigation', () => {
  it('lists the 8 operations by tag and marks the selected one and the status of each last answer', () => {
    const view = navView(
      'getUser',
      { trackUser: { status: 200, ok: true } as never, getUser: { status: 429, ok: false } as never },
      () => {},
    );

    expect(findAll(view, (node) => node.tag === 'h3').map(textOf)).toEqual([
      'User',
      'Device',
      'Event',
      'Bulk',
      'File Imports',
    ]);
    expect(findAll(view, (node) => node.tag === 'button')).toHaveLength(8);
    expect(byTestId(view, 'nav-getUser')?.props.class).toBe('nav-item active');
    expect(textOf(byTestId(view, 'nav-getUser') ?? view)).toBe('getUser429');
    expect(
      findAll(byTestId(view, 'nav-getUser') ?? view, (node) => node.props.class === 'dot dot-danger'),
    ).toHaveLength(1);
  });

  it('selects an operation when clicked', () => {
    const selected: string[] = [];
    click(
      navView('trackUser', {}, (id) => selected.push(id)),
      'nav-bulkImport',
    );
    expect(selected).toEqual(['bulkImport']);
  });
});

describe('the operation form', () => {
  it('shows the request line and offers every example of the spec', () => {
    const [first] = examplesFor('createEvent');
    if (!first) throw new Error('createEvent should have an example');
    const view = operationFormView('createEvent', first.input, first.name, false, noForm);

    expect(textOf(view)).toContain(`POST ${operations.createEvent.path}`);
    expect(findAll(view, (node) => node.tag === 'option').map((node) => node.props.value)).toEqual(
      examplesFor('createEvent').map((example) => example.name),
    );
    expect(byTestId(view, 'editor')?.props.value).toBe(first.input.kind === 'body' ? first.input.json : '');
  });

  it('asks for the schedule id of Trigger File Imports, which has no body', () => {
    const [example] = examplesFor('triggerFileImport');
    if (!example) throw new Error('triggerFileImport should have an example');
    const view = operationFormView('triggerFileImport', example.input, example.name, false, noForm);

    expect(byTestId(view, 'editor')?.tag).toBe('input');
    expect(textOf(view)).toContain('(file-imports host)');
  });

  it('sends when the button is clicked, and disables it while sending', () => {
    const [example] = examplesFor('trackUser');
    if (!example) throw new Error('trackUser should have an example');
    let sent = 0;
    const idle = operationFormView('trackUser', example.input, example.name, false, {
      ...noForm,
      onSend: () => sent++,
    });
    click(idle, 'send');

    expect(sent).toBe(1);
    expect(
      byTestId(operationFormView('trackUser', example.input, example.name, true, noForm), 'send')?.props
        .disabled,
    ).toBe(true);
  });
});

describe('the check under the editor', () => {
  it('lists what the spec rejects and what will happen when sent', () => {
    const check = checkInput('trackUser', {
      kind: 'body',
      json: '{"type":"customer","customer_id":"u","attributes":"gold"}',
    });

    expect(textOf(checkView(check, true))).toContain('The client will refuse to send it');
    expect(textOf(checkView(check, false))).toContain('the emulator will answer this mistake');
  });
});

describe('the budget control', () => {
  it('shows the budget in force, its default and a way back to it', () => {
    const view = budgetView('trackUser', { trackUser: { users: 2 } } as never, undefined, {
      onSetBudget: () => {},
    });

    expect(byTestId(view, 'budget-users')?.props.value).toBe(2);
    expect(textOf(view)).toContain('per 60 s (default 10,000)');
    expect(textOf(view)).toContain('Restore default');
  });

  it('offers one input per unit Bulk Import is counted in', () => {
    const view = budgetView('bulkImport', undefined, undefined, { onSetBudget: () => {} });
    expect(byTestId(view, 'budget-users')).toBeDefined();
    expect(byTestId(view, 'budget-events')).toBeDefined();
  });

  it('explains the once-per-schedule rule of Trigger File Imports instead of a budget', () => {
    expect(
      textOf(budgetView('triggerFileImport', undefined, undefined, { onSetBudget: () => {} })),
    ).toContain('400 ALREADY_EXISTS');
  });
});
