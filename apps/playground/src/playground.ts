/**
 * The playground's state and actions, free of the DOM: the page renders it (src/app.ts), and the
 * tests drive it against the emulator exactly as a user clicking through the page would.
 */
import type { MoEngageClient } from '@moedata/client';
import type { RateLimits } from '@moedata/mock';
import { type OperationId, operationIds } from '@moedata/spec';
import type { RateLimitUnit } from '@moedata/spec/rules';
import { type CallOutcome, sendOperation } from './api/send-operation.ts';
import type { Connection, Credentials } from './connection/connect.ts';
import type { WorkspaceState } from './emulator/inspector.ts';
import { checkInput, examplesFor, type InputCheck, type OperationInput } from './spec/operation-input.ts';
import type { StateTab } from './ui/state-view.ts';

/** Everything the page shows. */
export interface PlaygroundState {
  selected: OperationId;
  /** The form of every operation, kept while switching between them. */
  inputs: Record<OperationId, OperationInput>;
  exampleNames: Record<OperationId, string>;
  credentials: Credentials;
  validateRequests: boolean;
  sending: boolean;
  /** The last outcome of each operation. */
  outcomes: Partial<Record<OperationId, CallOutcome>>;
  budgets: RateLimits | undefined;
  budgetError: string | undefined;
  emulatorState: WorkspaceState | undefined;
  stateError: string | undefined;
  stateTab: StateTab;
  knownWorkspaces: string[];
}

/** Which parts of the page a change touches, so the page redraws only those (and keeps the caret). */
export type Region = 'header' | 'nav' | 'form' | 'check' | 'budget' | 'response' | 'state';

/** The playground's actions. Every one notifies the listeners with the regions it changed. */
export interface Playground {
  readonly state: Readonly<PlaygroundState>;
  /** The form's content checked against the spec. */
  check(): InputCheck;
  subscribe(listener: (regions: ReadonlySet<Region>) => void): () => void;
  /** Reads the emulator's workspaces, budgets and state. */
  load(): Promise<void>;
  select(operationId: OperationId): Promise<void>;
  chooseExample(name: string): void;
  editInput(input: OperationInput): void;
  /** Sends the selected operation with the form's content, then re-reads the emulator's state. */
  send(): Promise<CallOutcome>;
  setBudget(unit: RateLimitUnit, value: number): Promise<void>;
  setCredentials(credentials: Credentials): Promise<void>;
  setValidateRequests(on: boolean): void;
  setTab(tab: StateTab): void;
  refresh(): Promise<void>;
  /** Empties the emulator (store and rate-limit windows) and forgets the last answers. */
  reset(): Promise<void>;
}

type PlaygroundConnection = Pick<Connection, 'inspector' | 'createClient' | 'workspaceIds'>;

function initialInputs() {
  const inputs = {} as Record<OperationId, OperationInput>;
  const names = {} as Record<OperationId, string>;
  for (const operationId of operationIds) {
    const [first] = examplesFor(operationId);
    if (!first) continue;
    inputs[operationId] = first.input;
    names[operationId] = first.name;
  }
  return { inputs, names };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the playground over an open emulator connection. */
export function createPlayground(
  connection: PlaygroundConnection,
  options: { credentials: Credentials; validateRequests?: boolean; now?: () => number },
): Playground {
  const now = options.now ?? Date.now;
  const { inputs, names } = initialInputs();
  const state: PlaygroundState = {
    selected: 'trackUser',
    inputs,
    exampleNames: names,
    credentials: { ...options.credentials },
    validateRequests: options.validateRequests ?? true,
    sending: false,
    outcomes: {},
    budgets: undefined,
    budgetError: undefined,
    emulatorState: undefined,
    stateError: undefined,
    stateTab: 'users',
    knownWorkspaces: [],
  };
  let client: MoEngageClient | undefined;
  const listeners = new Set<(regions: ReadonlySet<Region>) => void>();
  const notify = (...regions: Region[]) => {
    const changed = new Set(regions);
    for (const listener of listeners) listener(changed);
  };

  const currentClient = (): MoEngageClient => {
    client ??= connection.createClient(state.credentials, state.validateRequests);
    return client;
  };

  async function refresh(): Promise<void> {
    try {
      state.emulatorState = await connection.inspector.state(state.credentials.workspaceId);
      state.stateError = undefined;
    } catch (error) {
      state.stateError = message(error);
    }
    notify('state');
  }

  async function loadBudgets(): Promise<void> {
    try {
      state.budgets = await connection.inspector.rateLimits(state.credentials.workspaceId);
      state.budgetError = undefined;
    } catch (error) {
      state.budgets = undefined;
      state.budgetError = message(error);
    }
    notify('budget');
  }

  const playground: Playground = {
    state,
    check: () => checkInput(state.selected, state.inputs[state.selected]),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      state.knownWorkspaces = await connection.workspaceIds().catch(() => []);
      notify('header');
      await Promise.all([loadBudgets(), refresh()]);
    },
    async select(operationId) {
      state.selected = operationId;
      notify('nav', 'form', 'check', 'budget', 'response');
    },
    chooseExample(name) {
      const example = examplesFor(state.selected).find((candidate) => candidate.name === name);
      if (!example) return;
      state.exampleNames[state.selected] = name;
      state.inputs[state.selected] = example.input;
      notify('form', 'check');
    },
    editInput(input) {
      state.inputs[state.selected] = input;
      notify('check');
    },
    async send() {
      const operationId = state.selected;
      const input = state.inputs[operationId];
      const check = checkInput(operationId, input);
      state.sending = true;
      notify('response');
      let outcome: CallOutcome;
      if (!check.ok && check.problem === 'json') {
        const at = now();
        outcome = {
          operationId,
          ok: false,
          body: { issues: check.messages },
          errorName: 'InvalidJson',
          errorMessage: `${check.messages.join(' ')} Fix the body: nothing was sent.`,
          receivedAt: at,
          durationMs: 0,
        };
      } else {
        outcome = await sendOperation(currentClient(), operationId, input, check.value, now);
      }
      state.sending = false;
      state.outcomes[operationId] = outcome;
      notify('nav', 'response');
      await refresh();
      return outcome;
    },
    async setBudget(unit, value) {
      try {
        await connection.inspector.setRateLimit(state.credentials.workspaceId, state.selected, unit, value);
      } catch (error) {
        state.budgetError = message(error);
        notify('budget');
        return;
      }
      await loadBudgets();
    },
    async setCredentials(credentials) {
      state.credentials = { ...credentials };
      client = undefined;
      state.outcomes = {};
      notify('header', 'nav', 'response');
      await Promise.all([loadBudgets(), refresh()]);
    },
    setValidateRequests(on) {
      state.validateRequests = on;
      client = undefined;
      notify('header', 'check');
    },
    setTab(tab) {
      state.stateTab = tab;
      notify('state');
    },
    refresh,
    async reset() {
      try {
        await connection.inspector.reset();
      } catch (error) {
        state.stateError = message(error);
        notify('state');
        return;
      }
      state.outcomes = {};
      notify('nav', 'response');
      await refresh();
    },
  };
  return playground;
}
