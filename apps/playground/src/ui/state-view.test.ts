import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import { useDemoEmulator } from '../../test/support/demo-emulator.ts';
import { click } from '../../test/support/views.ts';
import { inPageConnection } from '../connection/connect.ts';
import { engineInspector } from '../emulator/inspector.ts';
import { STATE_TABS, type StateHandlers, type StateTab, stateView } from './state-view.ts';
import { byTestId, findAll, textOf } from './vnode.ts';

const mock = useDemoEmulator();
const client = () => inPageConnection(mock.engine).createClient(DEMO_WORKSPACE, true);
const noHandlers: StateHandlers = { onTab: () => {}, onRefresh: () => {}, onReset: () => {} };

async function render(tab: StateTab) {
  const state = await engineInspector(mock.engine).state('DEMO');
  return stateView(state, tab, 'the engine inside this page', undefined, noHandlers);
}

describe('the emulator state panel', () => {
  it('lists users with their attributes under internal keys, the Get User name beside, and counts their devices and events', async () => {
    await client().trackUser({
      type: 'customer',
      customer_id: 'john',
      attributes: { name: 'John', plan: 'gold' },
    });
    await client().createEvent({ type: 'event', customer_id: 'john', actions: [{ action: 'Purchased' }] });

    const row = byTestId(await render('users'), 'user-john');

    if (!row) throw new Error('the users table should have a row for john');
    const chips = findAll(row, (node) => node.props.class === 'chip mono').map(textOf);
    const counts = findAll(row, (node) => node.props.class === 'num').map(textOf);
    expect(chips).toEqual(['u_n (name) John', 'plan gold']);
    expect(counts).toEqual(['0', '1']);
  });

  it('shows each dropped item with its reason and what to do', async () => {
    await client().trackUser({ type: 'customer', customer_id: 'john', attributes: { moe_score: 3 } });

    const view = await render('drops');
    const [row] = findAll(view, (node) => node.props['data-testid'] === 'drop-row');

    expect(row && textOf(row)).toContain('reservedPrefix');
    expect(row && textOf(row)).toContain('attributes.moe_score');
    expect(textOf(byTestId(view, 'tab-drops') ?? view)).toBe('Dropped1');
  });

  it('counts the records of every tab', async () => {
    await client().trackUser({ type: 'customer', customer_id: 'john', attributes: {} });

    const view = await render('requests');

    expect(STATE_TABS.map((tab) => textOf(byTestId(view, `tab-${tab}`) ?? view))).toEqual([
      'Users1',
      'Devices0',
      'Events0',
      'Merges0',
      'Deletes0',
      'Dropped0',
      'Requests1',
    ]);
    expect(textOf(byTestId(view, 'state-requests') ?? view)).toContain('POST /v1/customer/DEMO');
  });

  it('explains an empty table', async () => {
    expect(textOf(await render('merges'))).toContain('Merge Users folds an existing user into another.');
  });

  it('shows why the emulator could not be read instead of a table', () => {
    const view = stateView(
      undefined,
      'users',
      'http://127.0.0.1:4010/_mock',
      'Could not reach the emulator',
      noHandlers,
    );
    expect(textOf(byTestId(view, 'state-error') ?? view)).toBe('Could not reach the emulator');
  });

  it('switches tabs, refreshes and resets through its buttons', async () => {
    const calls: string[] = [];
    const view = stateView(await engineInspector(mock.engine).state('DEMO'), 'users', 'engine', undefined, {
      onTab: (tab) => calls.push(`tab:${tab}`),
      onRefresh: () => calls.push('refresh'),
      onReset: () => calls.push('reset'),
    });

    click(view, 'tab-events');
    click(view, 'refresh');
    click(view, 'reset');

    expect(calls).toEqual(['tab:events', 'refresh', 'reset']);
  });
});
