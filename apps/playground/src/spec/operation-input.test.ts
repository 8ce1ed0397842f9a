import { operationIds } from '@moedata/spec';
import document from '@moedata/spec/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { checkInput, examplesFor, operationsByTag } from './operation-input.ts';

interface DocumentOperation {
  operationId: string;
  requestBody?: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
}

/** The operations of the published document, by operationId. */
const documented = new Map(
  Object.values(document.paths as Record<string, Record<string, DocumentOperation>>)
    .flatMap((item) => Object.values(item))
    .map((operation) => [operation.operationId, operation]),
);

describe('the forms', () => {
  it('offer every operation of the published document, grouped by tag', () => {
    const offered = operationsByTag().flatMap((group) => group.operationIds);
    expect(offered.sort()).toEqual([...documented.keys()].sort());
  });

  it.each(operationIds)('prefill %s with the examples of openapi.json, in its order', (operationId) => {
    const examples = examplesFor(operationId);
    const documentedExamples = documented.get(operationId)?.requestBody?.content['application/json'].examples;
    if (documentedExamples === undefined) {
      expect(examples).toHaveLength(1);
      return;
    }
    expect(examples.map((example) => example.name)).toEqual(Object.keys(documentedExamples));
    for (const example of examples) {
      expect(example.input.kind).toBe('body');
      if (example.input.kind === 'body') {
        expect(JSON.parse(example.input.json)).toEqual(documentedExamples[example.name]?.value);
      }
    }
  });

  it.each(operationIds)('prefill %s with an example the spec accepts', (operationId) => {
    for (const example of examplesFor(operationId)) {
      expect(checkInput(operationId, example.input)).toMatchObject({ ok: true });
    }
  });

  it('prefill Trigger File Imports with the schedule id example of the document', () => {
    const [example] = examplesFor('triggerFileImport');
    const scheduleIdSchema = document.components.schemas.ScheduleId as { example: string };
    expect(example?.input).toEqual({ kind: 'schedule', scheduleId: scheduleIdSchema.example });
  });
});

describe('checking a form before sending', () => {
  it('reports a body that is not JSON, without guessing at it', () => {
    const check = checkInput('trackUser', { kind: 'body', json: '{"type": "customer",' });
    expect(check).toMatchObject({ ok: false, problem: 'json' });
    expect(check.ok || check.messages[0]).toMatch(/not valid JSON/);
  });

  it('names the field the spec rejects', () => {
    const check = checkInput('trackUser', {
      kind: 'body',
      json: '{"type": "customer", "customer_id": "u1", "attributes": "gold"}',
    });
    expect(check).toMatchObject({ ok: false, problem: 'schema' });
    expect(check.ok || check.messages.join('\n')).toMatch(/^attributes: /);
  });

  it('rejects an empty schedule id', () => {
    expect(checkInput('triggerFileImport', { kind: 'schedule', scheduleId: '' })).toMatchObject({
      ok: false,
    });
  });
});
