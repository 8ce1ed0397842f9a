// Every example the published document shows must be a value its own schema accepts: users copy
// them, the mock answers with them and the client's tests replay them.

import { type ErrorRow, errorCatalog } from '@moedata/spec/errors';
import { describe, expect, it } from 'vitest';
import { collectExamples } from './support/collect-examples.ts';
import { createDocumentSchemaValidator } from './support/schema-validator.ts';
import {
  dereference,
  isJsonObject,
  type JsonObject,
  listOperations,
  loadSpecDocument,
  toPointer,
} from './support/spec-document.ts';

const document = loadSpecDocument();
const validator = createDocumentSchemaValidator(document);
const examples = collectExamples(document);

/** The example values shown for one request body or response (named, media-type and schema examples), `$ref`s followed. */
function exampleValuesOf(document: JsonObject, holder: unknown, pointer: string): unknown[] {
  const resolved = dereference(document, holder, pointer);
  if (!isJsonObject(resolved.node) || !isJsonObject(resolved.node.content)) return [];
  return Object.entries(resolved.node.content).flatMap(([mediaType, media]) => {
    if (!isJsonObject(media)) return [];
    const named = isJsonObject(media.examples) ? Object.entries(media.examples) : [];
    const values = named.map(([name, example]) => {
      const target = dereference(
        document,
        example,
        `${pointer}${toPointer(['content', mediaType, 'examples', name])}`,
      );
      return isJsonObject(target.node) ? target.node.value : undefined;
    });
    const schema = dereference(
      document,
      media.schema,
      `${pointer}${toPointer(['content', mediaType, 'schema'])}`,
    ).node;
    const schemaValues = isJsonObject(schema)
      ? [
          ...('example' in schema ? [schema.example] : []),
          ...(Array.isArray(schema.examples) ? schema.examples : []),
        ]
      : [];
    return [...('example' in media ? [media.example] : []), ...values, ...schemaValues];
  });
}

describe('examples of spec/openapi.json', () => {
  it('include at least one example for every request body and every response of every operation', () => {
    const missing = listOperations(document).flatMap(({ operation, pointer }) => {
      const holders: Array<[string, unknown]> = [];
      if (operation.requestBody !== undefined)
        holders.push([`${pointer}/requestBody`, operation.requestBody]);
      for (const [status, response] of Object.entries(
        isJsonObject(operation.responses) ? operation.responses : {},
      )) {
        holders.push([`${pointer}${toPointer(['responses', status])}`, response]);
      }
      return holders
        .filter(([holderPointer, holder]) => exampleValuesOf(document, holder, holderPointer).length === 0)
        .map(([holderPointer]) => holderPointer);
    });
    expect(missing, 'request bodies and responses without an example').toEqual([]);
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [example.location, example] as const))(
    '%s matches its schema',
    (_, example) => {
      expect(
        validator.validate(example.schemaPointer, example.value),
        `schema: #${example.schemaPointer}`,
      ).toEqual([]);
    },
  );

  it('leave no component example unused, so each one is checked against a schema', () => {
    const components = isJsonObject(document.components) ? document.components : {};
    const named = Object.keys(isJsonObject(components.examples) ? components.examples : {});
    const checked = new Set(
      examples.flatMap(
        ({ location }) => location.match(/^\/components\/examples\/([^/]+)\/value$/)?.[1] ?? [],
      ),
    );
    expect(named.filter((name) => !checked.has(name.replaceAll('~', '~0').replaceAll('/', '~1')))).toEqual(
      [],
    );
  });
});

/** The (type, message) pair an error body shows, read by the row's envelope. */
function typeAndMessage(row: ErrorRow, body: unknown): { type: unknown; message: unknown } | undefined {
  if (!isJsonObject(body)) return undefined;
  switch (row.envelope) {
    case 'standard':
      return isJsonObject(body.error) ? { type: body.error.type, message: body.error.message } : undefined;
    case 'title':
      return { type: body.title, message: body.description };
    case 'errorType':
      return { type: body.error_type, message: body.message };
    case 'plain':
      return { type: row.type, message: body.message };
  }
}

/** Matches a catalogue message; `{{placeholders}}` stand for any text. */
function messagePattern(template: string): RegExp {
  const parts = template.split(/\{\{\w+\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 's');
}

describe('the error catalogue (@moedata/spec/errors) in spec/openapi.json', () => {
  const operations = listOperations(document);

  it.each(errorCatalog.map((row) => [row.id, row] as const))(
    '%s is a named example of its status on every operation it applies to',
    (_, row) => {
      const applicable = operations.filter(
        ({ operation }) =>
          row.operations === undefined || row.operations.some((id) => id === operation.operationId),
      );
      expect(applicable.length, `no operation of the document matches ${row.id}.operations`).toBeGreaterThan(
        0,
      );
      const pattern = messagePattern(row.message);
      const missingOn = applicable.flatMap(({ operation, pointer }) => {
        const responses = isJsonObject(operation.responses) ? operation.responses : {};
        const responsePointer = `${pointer}${toPointer(['responses', String(row.status)])}`;
        const shown = exampleValuesOf(document, responses[String(row.status)], responsePointer).some(
          (body) => {
            const pair = typeAndMessage(row, body);
            return (
              pair !== undefined &&
              pair.type === row.type &&
              typeof pair.message === 'string' &&
              pattern.test(pair.message)
            );
          },
        );
        return shown ? [] : [`${String(operation.operationId)} ${row.status}`];
      });
      expect(
        missingOn,
        `operations whose ${row.status} response has no example "${row.type}: ${row.message}"`,
      ).toEqual([]);
    },
  );
});

describe('the example checker', () => {
  it('reports an example that its schema rejects (so a green run means something)', () => {
    const broken: JsonObject = {
      openapi: '3.1.0',
      info: { title: 'broken', version: '1' },
      paths: {},
      components: {
        schemas: {
          Pair: {
            type: 'object',
            required: ['merged_user'],
            properties: { merged_user: { type: 'string' } },
            example: { merged_user: 42 },
          },
        },
      },
    };
    const [example, ...others] = collectExamples(broken);
    expect(others).toEqual([]);
    expect(example?.location).toBe('/components/schemas/Pair/example');
    expect(
      createDocumentSchemaValidator(broken).validate(example?.schemaPointer ?? '', example?.value),
    ).toEqual(['/merged_user must be string {"type":"string"}']);
  });
});
