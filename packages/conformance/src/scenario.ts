/** What a scenario is, and the context it runs in: request building, steps, checks. */
import { type OperationId, routes } from '@moedata/spec/routes';
import { checkAgainstContract, describeExpectation, type Expectation } from './expectations.ts';
import { hideAuthorization, type Sender } from './sender.ts';
import { checkAgainstSnapshot, type Secrets, type Snapshot } from './snapshots.ts';
import type { Check, StepReport, WireRequest, WireResponse } from './types.ts';

/** One scenario of the suite. */
export interface Scenario {
  /** Stable id: the snapshot's file name and what `--only` selects, e.g. `malformed-json`. */
  readonly id: string;
  readonly title: string;
  /** Changes account state: only ever run against the emulator. */
  readonly emulatorOnly?: boolean;
  run(context: ScenarioContext): Promise<void>;
}

/** Options of {@link ScenarioContext.request}. */
export interface RequestOptions {
  /** Header overrides; `undefined` removes a header (e.g. `'content-type': undefined`). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The app_id to put in the path or query; `null` leaves it out. @default the workspace */
  readonly appId?: string | null;
  /** The `{schedule_id}` of Trigger File Imports. */
  readonly scheduleId?: string;
  readonly method?: string;
  /** Other credentials (`workspace:key`), e.g. a wrong key. */
  readonly credentials?: { readonly workspace: string; readonly key: string };
}

/** Options of {@link ScenarioContext.step}. */
export interface StepOptions {
  /**
   * Customer ids this request may create, deleted at the end of the run.
   * @default every `customer_id` of the run prefix in the body
   */
  readonly creates?: readonly string[];
  /** Customer ids this request deletes when it succeeds (the clean-up need not delete them again). */
  readonly deletes?: readonly string[];
  /** More contract checks on the answer (skipped in replay, where the recorded answer is the expectation). */
  readonly checks?: (response: WireResponse) => Check[];
  /** Send again (after `settleMs`) until this holds, at most `attempts` times; one step is reported. */
  readonly until?: { readonly done: (response: WireResponse) => boolean; readonly attempts: number };
}

/** What a scenario can do. */
export interface ScenarioContext {
  readonly workspace: string;
  readonly key: string;
  /** `moedata-conformance-<run id>-`: every user the run names starts with it. */
  readonly prefix: string;
  readonly emulator: boolean;
  /** A user id of this run: `<prefix><name>`. */
  userId(name: string): string;
  /** An email address of this run that no real person has: `<prefix><name>@example.invalid`. */
  email(name: string): string;
  /** A request for an operation: its path and app_id, Basic auth, `Content-Type: application/json`. */
  request(operationId: OperationId, body: unknown, options?: RequestOptions): WireRequest;
  /** Sends a request, compares the answer, reports the step. Undefined in a dry run. */
  step(
    label: string,
    request: WireRequest,
    expectation: Expectation,
    options?: StepOptions,
  ): Promise<WireResponse | undefined>;
  /** A request to the emulator's `/_mock` API (never a step; emulator-only scenarios). */
  mockApi(method: string, path: string, body?: unknown): Promise<WireResponse | undefined>;
}

/** A request for an operation: its path and app_id, Basic auth, `Content-Type: application/json`. */
export function buildRequest(
  secrets: { readonly workspace: string; readonly key: string },
  operationId: OperationId,
  body: unknown,
  options: RequestOptions = {},
): WireRequest {
  const route = routes[operationId];
  const appId = options.appId === undefined ? secrets.workspace : options.appId;
  let path = route.path
    .replace('{schedule_id}', encodeURIComponent(options.scheduleId ?? ''))
    .replace('/{app_id}', appId === null ? '' : `/${encodeURIComponent(appId)}`);
  if (route.appIdIn === 'query' && appId !== null) path += `?app_id=${encodeURIComponent(appId)}`;
  const credentials = options.credentials ?? secrets;
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${credentials.workspace}:${credentials.key}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return {
    origin: route.server,
    method: options.method ?? 'POST',
    path,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

/** The `customer_id` values of the run in a JSON body, at any depth (none when it is not JSON). */
export function customerIdsIn(body: string | undefined, prefix: string): string[] {
  if (body === undefined) return [];
  const found = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, k);
    else if (key === 'customer_id' && typeof value === 'string' && value.startsWith(prefix)) found.add(value);
  };
  try {
    visit(JSON.parse(body));
  } catch {
    return [];
  }
  return [...found];
}

/** Internal: builds a context over one sender; collects the steps of one scenario. */
export function createScenarioContext(settings: {
  readonly sender: Sender;
  readonly secrets: Secrets;
  readonly emulator: boolean;
  /** Set in replay mode: steps compare with it instead of the contract. */
  readonly snapshot?: Snapshot | undefined;
  readonly replaying: boolean;
  readonly settleMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal | undefined;
}): { context: ScenarioContext; steps: StepReport[] } {
  const { sender, secrets } = settings;
  const steps: StepReport[] = [];
  /** The emulator's admin header, asked for once per scenario on its first /_mock write. */
  let adminToken: Promise<Record<string, string>> | undefined;

  const context: ScenarioContext = {
    workspace: secrets.workspace,
    key: secrets.key,
    prefix: secrets.prefix,
    emulator: settings.emulator,
    userId: (name) => `${secrets.prefix}${name}`,
    email: (name) => `${secrets.prefix}${name}@example.invalid`,
    request: (operationId, body, options = {}) => buildRequest(secrets, operationId, body, options),
    async step(label, request, expectation, options = {}) {
      settings.signal?.throwIfAborted();
      const sendOptions = { creates: options.creates ?? customerIdsIn(request.body, secrets.prefix) };
      let response = await sender.send(request, sendOptions);
      let attempts = 1;
      while (
        response !== undefined &&
        options.until !== undefined &&
        !options.until.done(response) &&
        attempts < options.until.attempts
      ) {
        settings.signal?.throwIfAborted();
        await settings.sleep(settings.settleMs);
        response = await sender.send(request, sendOptions);
        attempts += 1;
      }
      if (response?.status === 200) for (const id of options.deletes ?? []) sender.forget(id);
      const fullLabel = attempts > 1 ? `${label} (attempt ${attempts})` : label;
      steps.push(judge(fullLabel, label, request, expectation, response, options));
      return response;
    },
    async mockApi(method, path, body) {
      // The emulator's /_mock writes need its admin token, which it hands to loopback callers.
      adminToken ??= sender
        .send({ origin: 'emulator', method: 'GET', path: '/_mock/admin-token', headers: {} })
        .then((answer) => {
          const { header, token } = (answer?.body ?? {}) as { header?: unknown; token?: unknown };
          return typeof header === 'string' && typeof token === 'string' ? { [header]: token } : {};
        });
      return sender.send({
        origin: 'emulator',
        method,
        path,
        headers: { 'content-type': 'application/json', ...(method === 'GET' ? {} : await adminToken) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    },
  };

  function judge(
    label: string,
    recordedLabel: string,
    request: WireRequest,
    expectation: Expectation,
    response: WireResponse | undefined,
    options: StepOptions,
  ): StepReport {
    // Reports are written to files and CI logs: never with the credentials.
    const shown = { ...request, headers: hideAuthorization(request.headers) };
    const base = { label, request: shown, ...(response === undefined ? {} : { response }) };
    if (response === undefined) return { ...base, expectation: describeExpectation(expectation), checks: [] };
    if (settings.replaying) {
      const recorded = settings.snapshot?.steps.find((step) => step.label === recordedLabel);
      if (recorded === undefined)
        return {
          ...base,
          expectation: 'the recorded answer',
          checks: [
            {
              name: 'snapshot',
              expected: undefined,
              got: response.status,
              verdict: 'could not tell',
              note: `no recorded answer for "${recordedLabel}"`,
            },
          ],
        };
      return {
        ...base,
        expectation: `the recorded answer: ${recorded.response.status} ${JSON.stringify(recorded.response.body)}`,
        checks: checkAgainstSnapshot(recorded, response, secrets),
      };
    }
    return {
      ...base,
      expectation: describeExpectation(expectation),
      checks: [...checkAgainstContract(expectation, response), ...(options.checks?.(response) ?? [])],
    };
  }

  return { context, steps };
}
