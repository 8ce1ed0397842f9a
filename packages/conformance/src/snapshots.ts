/**
 * Recorded answers: `--record DIR` writes one file per scenario with every answer of a real
 * workspace, credentials and per-run ids redacted; `--replay DIR` compares another target (the
 * emulator) with them instead of with the contract.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RATE_LIMIT_HEADER_NAMES } from '@moedata/spec/rate-limit';
import { equalityCheck, leaves, PER_REQUEST_FIELDS } from './expectations.ts';
import { hideAuthorization, summariseBody } from './sender.ts';
import type { Check, ScenarioReport, WireRequest, WireResponse } from './types.ts';

/** What is replaced by a placeholder before anything is written or compared. */
export interface Secrets {
  readonly workspace: string;
  readonly key: string;
  readonly prefix: string;
}

/** One recorded request and its answer. */
export interface SnapshotStep {
  readonly label: string;
  readonly request: WireRequest;
  readonly response: WireResponse;
}

/** One scenario's recorded answers (`<scenario id>.json`). */
export interface Snapshot {
  readonly format: 1;
  readonly scenario: string;
  readonly title: string;
  readonly recordedAt: string;
  /** The origin recorded against, e.g. `https://api-01.moengage.com`. */
  readonly target: string;
  readonly steps: readonly SnapshotStep[];
}

/** Response headers worth keeping: the rest (dates, trace ids, cookies) differ on every call. */
const KEPT_RESPONSE_HEADERS = ['content-type', ...Object.values(RATE_LIMIT_HEADER_NAMES)];
const MOENGAGE_ID = /^[0-9a-f]{24}$/;

/** Replaces credentials, the run prefix, request ids and MoEngage ids with placeholders, at any depth. */
export function redact(value: unknown, secrets: Secrets, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets, k)]));
  if (typeof value !== 'string') return value;
  if (key !== undefined && PER_REQUEST_FIELDS.has(key)) return '{{request_id}}';
  if (MOENGAGE_ID.test(value)) return '{{moengage_id}}';
  return redactText(value, secrets);
}

function redactText(text: string, secrets: Secrets): string {
  let out = text;
  // Longest first: the prefix and the key may contain the workspace id.
  for (const [secret, placeholder] of [
    [secrets.prefix, '{{prefix}}'],
    [secrets.key, '{{key}}'],
    [secrets.workspace, '{{workspace}}'],
  ] as const) {
    if (secret !== '') out = out.split(secret).join(placeholder);
  }
  return out;
}

/** A request and its answer as they are stored: no Authorization value, placeholders for per-run values. */
export function toSnapshotStep(
  label: string,
  request: WireRequest,
  response: WireResponse,
  secrets: Secrets,
): SnapshotStep {
  const requestHeaders = Object.fromEntries(
    Object.entries(hideAuthorization(request.headers)).map(([name, value]) => [
      name,
      redactText(value, secrets),
    ]),
  );
  const responseHeaders = Object.fromEntries(
    KEPT_RESPONSE_HEADERS.flatMap((name) => {
      const value = response.headers[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  return {
    label,
    request: {
      origin: request.origin,
      method: request.method,
      path: redactText(request.path, secrets),
      headers: requestHeaders,
      ...(request.body === undefined ? {} : { body: redactText(summariseBody(request.body, 2000), secrets) }),
    },
    response: { status: response.status, headers: responseHeaders, body: redact(response.body, secrets) },
  };
}

/** Writes a scenario's recorded steps to `DIR/<scenario id>.json`. */
export function writeSnapshot(
  dir: string,
  scenario: ScenarioReport,
  target: string,
  secrets: Secrets,
): string {
  const steps = scenario.steps.flatMap((step) =>
    step.response === undefined ? [] : [toSnapshotStep(step.label, step.request, step.response, secrets)],
  );
  const snapshot: Snapshot = {
    format: 1,
    scenario: scenario.id,
    title: scenario.title,
    recordedAt: new Date().toISOString(),
    target,
    steps,
  };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scenario.id}.json`);
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  return file;
}

/** The snapshot of a scenario, or undefined when the folder has none. */
export function readSnapshot(dir: string, scenarioId: string): Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, `${scenarioId}.json`), 'utf8');
  } catch {
    return undefined;
  }
  const snapshot = JSON.parse(text) as Snapshot;
  if (snapshot.format !== 1)
    throw new Error(`${scenarioId}.json: unknown snapshot format ${snapshot.format}`);
  return snapshot;
}

/** Compares an answer with the recorded one: status, every body field (redacted), rate-limit headers' presence. */
export function checkAgainstSnapshot(
  recorded: SnapshotStep,
  response: WireResponse,
  secrets: Secrets,
): Check[] {
  const now = toSnapshotStep(recorded.label, recorded.request, response, secrets).response;
  const checks: Check[] = [equalityCheck('HTTP status', recorded.response.status, now.status)];
  const expected = leaves(recorded.response.body);
  const got = leaves(now.body);
  for (const path of new Set([...expected.keys(), ...got.keys()]))
    checks.push(
      equalityCheck(path === '' ? 'body' : path, expected.get(path), got.get(path), 'recorded answer'),
    );
  // Counts differ between workspaces; whether the headers are there at all must not.
  for (const name of Object.values(RATE_LIMIT_HEADER_NAMES))
    checks.push(
      equalityCheck(
        `${name} present`,
        recorded.response.headers[name] !== undefined,
        now.headers[name] !== undefined,
      ),
    );
  return checks;
}
