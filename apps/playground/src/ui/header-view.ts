/** The top bar: which emulator answers, the credentials the client signs with, and the options. */
import type { Credentials } from '../connection/connect.ts';
import { h, type VNode } from './vnode.ts';

/** What the header shows. */
export interface HeaderProps {
  mode: 'worker' | 'emulator';
  label: string;
  target: string;
  /** Query string that reloads the page in the other mode. */
  switchSearch: string;
  docsUrl: string | undefined;
  credentials: Credentials;
  knownWorkspaces: readonly string[];
  validateRequests: boolean;
}

/** Handlers of the header. */
export interface HeaderHandlers {
  onCredentials(credentials: Credentials): void;
  onValidateRequests(on: boolean): void;
}

/** The top bar. */
export function headerView(props: HeaderProps, handlers: HeaderHandlers): VNode {
  let draft = { ...props.credentials };
  const apply = () => handlers.onCredentials(draft);
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'identity' },
      h(
        'div',
        { class: 'brand' },
        h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'),
        h('strong', null, 'MoEngage Data API playground'),
      ),
      h(
        'div',
        { class: 'mode', 'data-testid': 'mode', 'data-mode': props.mode },
        h('span', { class: `badge badge-${props.mode}` }, props.mode === 'worker' ? 'In-page' : 'Server'),
        h('span', { class: 'small', title: props.target }, props.label),
        h(
          'a',
          { class: 'small', href: props.switchSearch, 'data-testid': 'switch-mode' },
          props.mode === 'worker' ? 'Use the standalone emulator' : 'Run it inside the page instead',
        ),
        props.docsUrl && h('a', { class: 'small', href: props.docsUrl }, 'API reference'),
      ),
    ),
    h(
      'form',
      {
        class: 'credentials',
        onSubmit: (event) => {
          event.preventDefault();
          apply();
        },
      },
      h(
        'label',
        null,
        h('span', null, 'Workspace ID'),
        h('input', {
          class: 'mono',
          list: 'known-workspaces',
          'data-testid': 'workspace-id',
          value: props.credentials.workspaceId,
          onInput: (event) => {
            draft = { ...draft, workspaceId: (event.target as HTMLInputElement).value };
          },
          onChange: apply,
        }),
        h(
          'datalist',
          { id: 'known-workspaces' },
          props.knownWorkspaces.map((id) => h('option', { value: id })),
        ),
      ),
      h(
        'label',
        null,
        h('span', null, 'API key'),
        h('input', {
          class: 'mono',
          'data-testid': 'api-key',
          value: props.credentials.apiKey,
          onInput: (event) => {
            draft = { ...draft, apiKey: (event.target as HTMLInputElement).value };
          },
          onChange: apply,
        }),
      ),
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          'data-testid': 'validate-requests',
          checked: props.validateRequests,
          onChange: (event) => handlers.onValidateRequests((event.target as HTMLInputElement).checked),
        }),
        h('span', null, 'Validate before sending'),
      ),
    ),
  );
}
