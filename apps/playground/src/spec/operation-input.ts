/**
 * What each operation's form holds, prefilled from the spec: the named request examples of the
 * operation table (the same ones `openapi.json` carries), and for Trigger File Imports, whose request
 * has no body, the example of the `ScheduleId` schema.
 */
import {
  type OperationDefinition,
  type OperationId,
  operationIds,
  operations,
  ScheduleId,
} from '@moedata/spec';

/** The form's content: a JSON body, or the schedule id of Trigger File Imports. */
export type OperationInput = { kind: 'body'; json: string } | { kind: 'schedule'; scheduleId: string };

/** One example the form can be filled with. */
export interface OperationExample {
  /** The example's key in the spec (`basic`, `mixed`, ...). */
  readonly name: string;
  readonly summary: string;
  readonly input: OperationInput;
}

/** Operations in the order of the spec, grouped by tag for the navigation. */
export function operationsByTag(): Array<{ tag: string; operationIds: OperationId[] }> {
  const groups = new Map<string, OperationId[]>();
  for (const operationId of operationIds) {
    const { tag } = operations[operationId];
    groups.set(tag, [...(groups.get(tag) ?? []), operationId]);
  }
  return [...groups].map(([tag, ids]) => ({ tag, operationIds: ids }));
}

function scheduleIdExample(): string {
  const example = ScheduleId.meta()?.example;
  if (typeof example !== 'string') {
    throw new Error(
      'The spec has no example for ScheduleId: add `example` to its .meta() in spec/src/primitives.ts.',
    );
  }
  return example;
}

/**
 * The examples of an operation, official ones first (as the spec orders them).
 * @throws when the spec has none, naming what to add: every operation must be playable.
 */
export function examplesFor(operationId: OperationId): OperationExample[] {
  const operation: OperationDefinition = operations[operationId];
  if (operation.requestBody === undefined) {
    return [
      {
        name: 'scheduleId',
        summary: 'The Import ID example of the spec',
        input: { kind: 'schedule', scheduleId: scheduleIdExample() },
      },
    ];
  }
  const examples = Object.entries(operation.requestExamples ?? {}).map(([name, example]) => ({
    name,
    summary: example.summary,
    input: { kind: 'body' as const, json: JSON.stringify(example.value, null, 2) },
  }));
  if (examples.length === 0) {
    throw new Error(`The spec has no request example for ${operationId}: add one to its requestExamples.`);
  }
  return examples;
}

/** The result of checking a form before sending: what the spec would say about it. */
export type InputCheck =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'json' | 'schema'; messages: string[]; value?: unknown };

/**
 * Parses the form and checks it against the operation's request schema, the way the client will
 * (unless "validate before sending" is off, which lets the emulator answer the mistake instead).
 */
export function checkInput(operationId: OperationId, input: OperationInput): InputCheck {
  if (input.kind === 'schedule') {
    const parsed = ScheduleId.safeParse(input.scheduleId);
    return parsed.success
      ? { ok: true, value: input.scheduleId }
      : { ok: false, problem: 'schema', messages: ['schedule_id: enter the Import ID of a periodic import'] };
  }
  let value: unknown;
  try {
    value = JSON.parse(input.json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: 'json', messages: [`The body is not valid JSON (${reason}).`] };
  }
  const schema = (operations[operationId] as OperationDefinition).requestBody;
  const parsed = schema?.safeParse(value);
  if (!parsed || parsed.success) return { ok: true, value };
  const messages = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`,
  );
  return { ok: false, problem: 'schema', messages, value };
}
