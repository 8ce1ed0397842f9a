/**
 * The page: renders the playground's state into the regions of index.html and redraws only the
 * regions an action changed, so typing in the editor never loses the caret. The rate-limit gauge
 * is redrawn every second so its countdown runs live.
 */
import type { Connection } from './connection/connect.ts';
import type { Playground, Region } from './playground.ts';
import { gaugeView } from './ui/gauge-view.ts';
import { headerView } from './ui/header-view.ts';
import { budgetView, checkView, navView, operationFormView } from './ui/operation-view.ts';
import { responseView } from './ui/response-view.ts';
import { stateView } from './ui/state-view.ts';
import { render } from './ui/vnode.ts';

/** What the header needs besides the playground's state. */
export interface PageContext {
  connection: Connection;
  switchSearch: string;
}

function region(root: Element, name: string): Element {
  const element = root.querySelector(`[data-region="${name}"]`);
  if (!element) throw new Error(`index.html lacks the region data-region="${name}".`);
  return element;
}

/** Renders the playground into `root` and keeps it up to date; returns a function that stops the clock. */
export function startApp(root: Element, playground: Playground, context: PageContext): () => void {
  const { state } = playground;
  const { connection } = context;

  const draw: Record<Region, () => void> = {
    header: () =>
      render(
        region(root, 'header'),
        headerView(
          {
            mode: connection.choice.mode,
            label: connection.label,
            target: connection.target,
            switchSearch: context.switchSearch,
            docsUrl: connection.docsUrl,
            credentials: state.credentials,
            knownWorkspaces: state.knownWorkspaces,
            validateRequests: state.validateRequests,
          },
          {
            onCredentials: (credentials) => void playground.setCredentials(credentials),
            onValidateRequests: (on) => playground.setValidateRequests(on),
          },
        ),
      ),
    nav: () =>
      render(
        region(root, 'nav'),
        navView(state.selected, state.outcomes, (operationId) => void playground.select(operationId)),
      ),
    form: () => {
      render(
        region(root, 'form'),
        operationFormView(
          state.selected,
          state.inputs[state.selected],
          state.exampleNames[state.selected],
          state.sending,
          {
            onExample: (name) => playground.chooseExample(name),
            onInput: (input) => playground.editInput(input),
            onSend: () => void playground.send(),
          },
        ),
      );
      draw.check();
      draw.budget();
    },
    check: () => render(region(root, 'check'), checkView(playground.check(), state.validateRequests)),
    budget: () =>
      render(
        region(root, 'budget'),
        budgetView(state.selected, state.budgets, state.budgetError, {
          onSetBudget: (unit, value) => void playground.setBudget(unit, value),
        }),
      ),
    response: () => {
      render(region(root, 'response'), responseView(state.outcomes[state.selected], state.sending));
      drawGauge();
      const send = root.querySelector<HTMLButtonElement>('[data-testid="send"]');
      if (send) {
        send.disabled = state.sending;
        send.textContent = state.sending ? 'Sending…' : `Send ${state.selected}`;
      }
    },
    state: () =>
      render(
        region(root, 'state'),
        stateView(state.emulatorState, state.stateTab, connection.inspector.source, state.stateError, {
          onTab: (tab) => playground.setTab(tab),
          onRefresh: () => void playground.refresh(),
          onReset: () => void playground.reset(),
        }),
      ),
  };
  const drawGauge = () =>
    render(region(root, 'gauge'), gaugeView(state.selected, state.outcomes[state.selected], Date.now()));

  for (const name of ['header', 'nav', 'form', 'response', 'state'] as const) draw[name]();
  playground.subscribe((regions) => {
    // The form draws its check and budget regions itself.
    const order: Region[] = ['header', 'nav', 'form', 'check', 'budget', 'response', 'state'];
    for (const name of order) {
      if (!regions.has(name)) continue;
      if ((name === 'check' || name === 'budget') && regions.has('form')) continue;
      draw[name]();
    }
  });
  const ticker = setInterval(drawGauge, 1000);
  return () => clearInterval(ticker);
}
