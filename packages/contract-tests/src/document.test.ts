import { operationIds, operations } from '@moedata/spec';
import { describe, expect, it } from 'vitest';
import {
  documentOperationIds,
  documentOperations,
  operationForPath,
  requestPath,
  requestSchemaOf,
  schemaForComponent,
} from './document.ts';

describe('the spec document as data', () => {
  it('lists the operations of openapi.json, the same as the spec package operation table', () => {
    expect([...documentOperationIds].sort()).toEqual([...operationIds].sort());
  });

  it('resolves every schema the document names to the zod schema with that id', () => {
    for (const operation of documentOperations) {
      const id = operation.operationId as keyof typeof operations;
      expect(requestSchemaOf(id)).toBe((operations[id] as { requestBody?: unknown }).requestBody);
      for (const response of operation.responses.values()) {
        for (const name of [
          ...response.schemaNames,
          ...response.headers.map((header) => header.schemaName),
        ]) {
          expect(() => schemaForComponent(name), name).not.toThrow();
        }
      }
    }
  });

  it('says which component is missing from @moedata/spec', () => {
    expect(() => schemaForComponent('NoSuchSchema')).toThrow(".meta({ id: 'NoSuchSchema' })");
  });

  it('matches paths to operations, most literal template first', () => {
    expect(operationForPath('/v1/customer/merge')?.operationId).toBe('mergeUsers');
    expect(operationForPath('/v1/customer/WS1')?.operationId).toBe('trackUser');
    expect(operationForPath('/v1.0/data/fileimports/trigger/abc')?.operationId).toBe('triggerFileImport');
    expect(operationForPath('/v1/nothing/here/at/all')).toBeUndefined();
  });

  it('builds request paths with app_id where each operation wants it', () => {
    expect(requestPath('trackUser', { app_id: 'WS1' })).toBe('/v1/customer/WS1');
    expect(requestPath('getUser', { app_id: 'WS1' })).toBe('/v1/customers/export?app_id=WS1');
    expect(requestPath('triggerFileImport', { schedule_id: 'a b' })).toBe(
      '/v1.0/data/fileimports/trigger/a%20b',
    );
  });
});
