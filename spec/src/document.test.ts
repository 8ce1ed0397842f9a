import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, serializeOpenApiDocument } from './document.ts';
import { errorsForOperation } from './errors/index.ts';
import { operationIds, operations } from './operations.ts';

const generate = () => serializeOpenApiDocument(buildOpenApiDocument({ version: '1.2.3' }));

interface Response {
  headers?: Record<string, unknown>;
  content?: Record<string, { examples?: Record<string, unknown> }>;
}

describe('buildOpenApiDocument', () => {
  const text = generate();
  const document = JSON.parse(text);
  const responses = document.components.responses as Record<string, Response>;
  const resolve = (ref: { $ref: string }) =>
    responses[ref.$ref.replace('#/components/responses/', '')] as Response;

  it('gives identical bytes when generated twice', () => {
    expect(generate()).toBe(text);
  });

  it('serialises with a 2-space indent and a trailing newline', () => {
    expect(text.startsWith('{\n  "openapi": "3.1.0",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('has the 8 operations at the paths of the operation table', () => {
    for (const operationId of operationIds) {
      expect(document.paths[operations[operationId].path].post.operationId).toBe(operationId);
    }
  });

  it('declares the three rate-limit headers on every response of every operation', () => {
    for (const operationId of operationIds) {
      const operationResponses = document.paths[operations[operationId].path].post.responses;
      for (const ref of Object.values(operationResponses) as { $ref: string }[]) {
        expect(Object.keys(resolve(ref).headers ?? {}).sort(), `${operationId} ${ref.$ref}`).toEqual([
          'x-ratelimit-limit',
          'x-ratelimit-remaining',
          'x-ratelimit-reset',
        ]);
      }
    }
  });

  it('shows every catalogue row an operation can answer with as a named example of that status', () => {
    for (const operationId of operationIds) {
      const operationResponses = document.paths[operations[operationId].path].post.responses;
      for (const row of errorsForOperation(operationId)) {
        const response = resolve(operationResponses[row.status]);
        expect(Object.keys(response.content?.['application/json']?.examples ?? {}), operationId).toContain(
          row.id,
        );
        expect(document.components.examples[row.id]).toBeDefined();
      }
    }
  });

  it("cites in each operation's 400 response only field errors naming a field of that operation's body", () => {
    const examples = document.components.examples as Record<
      string,
      { value: { error?: { attribute?: string } } }
    >;
    const fieldsOf = (schema: unknown, seen = new Set<unknown>()): Set<string> => {
      const fields = new Set<string>();
      const visit = (node: unknown): void => {
        if (node === null || typeof node !== 'object' || seen.has(node)) return;
        seen.add(node);
        const record = node as Record<string, unknown>;
        if (typeof record.$ref === 'string') {
          visit(document.components.schemas[record.$ref.replace('#/components/schemas/', '')]);
        }
        if (record.properties && typeof record.properties === 'object') {
          for (const name of Object.keys(record.properties)) fields.add(name);
        }
        for (const value of Object.values(record)) visit(value);
      };
      visit(schema);
      return fields;
    };
    for (const operationId of operationIds) {
      const post = document.paths[operations[operationId].path].post;
      const body = post.requestBody?.content?.['application/json']?.schema;
      if (body === undefined) continue;
      const fields = fieldsOf(body);
      // Get User's LimitBreached names `users`, the list it answers about, as MoEngage's example does.
      fields.add('users');
      const badRequest = resolve(post.responses['400']);
      for (const ref of Object.values(badRequest.content?.['application/json']?.examples ?? {})) {
        const name = (ref as { $ref: string }).$ref.replace('#/components/examples/', '');
        const attribute = examples[name]?.value.error?.attribute;
        if (attribute !== undefined) expect(fields, `${operationId} cites ${name}`).toContain(attribute);
      }
    }
  });

  it('serves triggerFileImport from the file-imports host and the rest from the core host', () => {
    const trigger = document.paths[operations.triggerFileImport.path].post;
    expect(trigger.servers[0].url).toBe('https://fileimports-data-api-{dc}.moengage.com');
    expect(document.servers[0].variables.dc.enum).toEqual(['01', '02', '03', '04', '05', '06', '101']);
  });
});
