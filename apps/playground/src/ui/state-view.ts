/**
 * The emulator's state for the workspace: users with their attributes, devices, events, merges,
 * deletes, what was accepted but dropped (and why), and the request log.
 */
import type { JsonValue } from '@moedata/mock';
import { publicAttributeKey } from '@moedata/spec/rules';
import type { WorkspaceState } from '../emulator/inspector.ts';
import { clockTime, prettyJson, statusTone } from './format.ts';
import { h, type VNode } from './vnode.ts';

/** The tabs of the state panel, in order. */
export const STATE_TABS = ['users', 'devices', 'events', 'merges', 'deletes', 'drops', 'requests'] as const;
export type StateTab = (typeof STATE_TABS)[number];

const TAB_LABELS: Record<StateTab, string> = {
  users: 'Users',
  devices: 'Devices',
  events: 'Events',
  merges: 'Merges',
  deletes: 'Deletes',
  drops: 'Dropped',
  requests: 'Requests',
};

/** Most rows a table shows (the newest); the emulator keeps them all. */
export const MAX_ROWS = 100;

function countOf(state: WorkspaceState, tab: StateTab): number {
  return state[tab].length;
}

function table(headers: string[], rows: VNode[], total: number, emptyText: string): VNode {
  if (total === 0) return h('p', { class: 'muted empty-table' }, emptyText);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((name) => h('th', null, name)),
        ),
      ),
      h('tbody', null, rows),
    ),
    total > rows.length && h('p', { class: 'muted small' }, `Showing the latest ${rows.length} of ${total}.`),
  );
}

function attributes(value: Record<string, JsonValue>): VNode {
  const entries = Object.entries(value);
  if (entries.length === 0) return h('span', { class: 'muted' }, '(none)');
  return h(
    'div',
    { class: 'chips' },
    entries.map(([key, item]) =>
      h(
        'span',
        { class: 'chip mono' },
        h('b', null, key),
        // Stored under the internal key; Get User answers with the public name, so show both.
        publicAttributeKey(key) !== key && h('i', { class: 'muted' }, ` (${publicAttributeKey(key)})`),
        ` ${typeof item === 'string' ? item : JSON.stringify(item)}`,
      ),
    ),
  );
}

const newestFirst = <T>(items: readonly T[]): T[] => [...items].reverse().slice(0, MAX_ROWS);

function rowsFor(state: WorkspaceState, tab: StateTab): VNode {
  switch (tab) {
    case 'users': {
      const devicesByUser = new Map<string, number>();
      for (const device of state.devices)
        devicesByUser.set(device.moengageId, (devicesByUser.get(device.moengageId) ?? 0) + 1);
      const eventsByUser = new Map<string, number>();
      for (const event of state.events)
        eventsByUser.set(event.moengageId, (eventsByUser.get(event.moengageId) ?? 0) + 1);
      return table(
        [
          'customer_id',
          'MoEngage ID',
          'Attributes: stored key (Get User name)',
          'Devices',
          'Events',
          'Updated',
        ],
        newestFirst(state.users).map((user) =>
          h(
            'tr',
            { 'data-testid': `user-${user.customerId ?? user.moengageId}` },
            h('td', { class: 'mono strong' }, user.customerId ?? h('span', { class: 'muted' }, '(none)')),
            h('td', { class: 'mono small' }, user.moengageId),
            h('td', null, attributes(user.attributes)),
            h('td', { class: 'num' }, String(devicesByUser.get(user.moengageId) ?? 0)),
            h('td', { class: 'num' }, String(eventsByUser.get(user.moengageId) ?? 0)),
            h('td', { class: 'small' }, clockTime(user.updatedAt)),
          ),
        ),
        state.users.length,
        'No users yet: send Track User, Create Event or Bulk Import.',
      );
    }
    case 'devices':
      return table(
        ['device_id', 'customer_id', 'Attributes'],
        newestFirst(state.devices).map((device) =>
          h(
            'tr',
            null,
            h('td', { class: 'mono' }, device.deviceId),
            h('td', { class: 'mono' }, device.customerId ?? '—'),
            h('td', null, attributes(device.attributes)),
          ),
        ),
        state.devices.length,
        'No devices: Track Device attaches one to an existing user.',
      );
    case 'events':
      return table(
        ['Action', 'customer_id', 'Attributes', 'Platform', 'current_time', 'Received'],
        newestFirst(state.events).map((event) =>
          h(
            'tr',
            null,
            h('td', { class: 'strong' }, event.action),
            h('td', { class: 'mono' }, event.customerId ?? '—'),
            h('td', null, attributes(event.attributes)),
            h('td', null, event.platform ?? '—'),
            h('td', { class: 'mono small' }, event.currentTime === null ? '—' : String(event.currentTime)),
            h('td', { class: 'small' }, clockTime(event.receivedAt)),
          ),
        ),
        state.events.length,
        'No events: send Create Event or Bulk Import.',
      );
    case 'merges':
      return table(
        ['Merged user', 'Retained user', 'Events moved', 'At'],
        newestFirst(state.merges).map((merge) =>
          h(
            'tr',
            null,
            h('td', { class: 'mono' }, merge.mergedCustomerId),
            h('td', { class: 'mono' }, merge.retainedCustomerId),
            h('td', { class: 'num' }, String(merge.eventsMoved)),
            h('td', { class: 'small' }, clockTime(merge.at)),
          ),
        ),
        state.merges.length,
        'No merges: Merge Users folds an existing user into another.',
      );
    case 'deletes':
      return table(
        ['Identity', 'customer_id', 'MoEngage ID', 'At'],
        newestFirst(state.deletes).map((record) =>
          h(
            'tr',
            null,
            h('td', { class: 'mono' }, `${record.identityType} = ${record.identityValue}`),
            h('td', { class: 'mono' }, record.customerId ?? '—'),
            h('td', { class: 'mono small' }, record.moengageId),
            h('td', { class: 'small' }, clockTime(record.at)),
          ),
        ),
        state.deletes.length,
        'No deletions: Delete User removes an existing user.',
      );
    case 'drops':
      return table(
        ['Reason', 'Operation', 'Where', 'What to do', 'Dropped value'],
        newestFirst(state.drops).map((drop) =>
          h(
            'tr',
            { 'data-testid': 'drop-row' },
            h('td', null, h('span', { class: 'badge badge-warning' }, drop.reason)),
            h('td', { class: 'mono small' }, drop.operationId),
            h('td', { class: 'mono small' }, drop.path),
            h('td', null, drop.message),
            h('td', null, h('pre', { class: 'code tiny' }, prettyJson(drop.item))),
          ),
        ),
        state.drops.length,
        'Nothing dropped. MoEngage answers 200 but ignores moe_ keys, placeholder customer_ids, future events, devices of unknown users…: they would show up here.',
      );
    case 'requests':
      return table(
        ['At', 'Request', 'Operation', 'Status', 'Error row', 'Units'],
        newestFirst(state.requests).map((entry) =>
          h(
            'tr',
            null,
            h('td', { class: 'small' }, clockTime(entry.at)),
            h('td', { class: 'mono small' }, `${entry.method} ${entry.url}`),
            h('td', { class: 'mono small' }, entry.operationId ?? '—'),
            h(
              'td',
              null,
              h('span', { class: `status status-${statusTone(entry.status)} small` }, String(entry.status)),
            ),
            h('td', { class: 'mono small' }, entry.errorId ?? '—'),
            h('td', { class: 'num' }, String(entry.units)),
          ),
        ),
        state.requests.length,
        'No requests yet for this workspace.',
      );
  }
}

/** Handlers of the state panel. */
export interface StateHandlers {
  onTab(tab: StateTab): void;
  onRefresh(): void;
  onReset(): void;
}

/** The state panel with its tabs; `error` replaces the table when the emulator could not be read. */
export function stateView(
  state: WorkspaceState | undefined,
  tab: StateTab,
  source: string,
  error: string | undefined,
  handlers: StateHandlers,
): VNode {
  return h(
    'section',
    { class: 'panel state', 'data-testid': 'state' },
    h(
      'header',
      { class: 'state-head' },
      h('h2', null, 'Emulator state'),
      h('span', { class: 'muted small' }, `from ${source}`),
      h(
        'div',
        { class: 'state-actions' },
        h('button', { type: 'button', 'data-testid': 'refresh', onClick: handlers.onRefresh }, 'Refresh'),
        h(
          'button',
          { type: 'button', class: 'danger', 'data-testid': 'reset', onClick: handlers.onReset },
          'Reset emulator',
        ),
      ),
    ),
    h(
      'div',
      { class: 'tabs', role: 'tablist' },
      STATE_TABS.map((name) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            class: `tab${name === tab ? ' active' : ''}`,
            'aria-selected': name === tab ? 'true' : 'false',
            'data-testid': `tab-${name}`,
            onClick: () => handlers.onTab(name),
          },
          TAB_LABELS[name],
          h(
            'span',
            { class: `tab-count${name === 'drops' && state && state.drops.length > 0 ? ' alert' : ''}` },
            state ? String(countOf(state, name)) : '·',
          ),
        ),
      ),
    ),
    error
      ? h('p', { class: 'callout callout-danger', 'data-testid': 'state-error' }, error)
      : state
        ? h('div', { class: 'tab-body', 'data-testid': `state-${tab}` }, rowsFor(state, tab))
        : h('p', { class: 'muted' }, 'Loading…'),
  );
}
