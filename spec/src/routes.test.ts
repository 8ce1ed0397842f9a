import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.ts';
import { operations } from './operations.ts';
import { type OperationRoute, operationIds, routes } from './routes.ts';

interface DocumentOperation {
  operationId: string;
  servers?: { url: string }[];
  parameters?: { $ref: string }[];
}

const document = buildOpenApiDocument({ version: '0.0.0' }) as unknown as {
  paths: Record<string, Record<string, DocumentOperation>>;
};

/** The component names of an operation's parameters (`AppIdInPath`, `ProjectCode`, ...). */
function parameterNames(operation: DocumentOperation): string[] {
  return (operation.parameters ?? []).map((parameter) =>
    parameter.$ref.replace('#/components/parameters/', ''),
  );
}

/** Relative import specifiers of a source file (bare ones would be dependencies). */
function importsOf(file: string): string[] {
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  return [...source.matchAll(/^(?:import|export)\b[^;]*?from\s+'([^']+)'/gms)].map(
    (match) => match[1] as string,
  );
}

describe('routes', () => {
  it('has one route per operation, keyed by its operationId, in the documented order', () => {
    expect(Object.keys(routes)).toEqual([...operationIds]);
    for (const [key, route] of Object.entries(routes)) expect(route.operationId).toBe(key);
  });

  it('is what the operation table uses, field for field', () => {
    for (const operationId of operationIds) {
      const route: OperationRoute = routes[operationId];
      const {
        operationId: id,
        method,
        path,
        server,
        appIdIn,
        acceptsProjectCode,
        requiresMoeAppKey,
      } = operations[operationId];
      expect({
        operationId: id,
        method,
        path,
        server,
        appIdIn,
        acceptsProjectCode,
        requiresMoeAppKey,
      }).toEqual(route);
    }
  });

  it('agrees with the generated document on path, method, host and parameters', () => {
    for (const route of Object.values(routes)) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation?.operationId, route.path).toBe(route.operationId);
      if (!operation) continue;
      const parameters = parameterNames(operation);
      const servers = (operation.servers ?? []).map((server) => server.url);
      expect(servers, route.operationId).toEqual(
        route.server === 'fileImports' ? ['https://fileimports-data-api-{dc}.moengage.com'] : [],
      );
      expect(route.path.includes('{app_id}'), route.operationId).toBe(route.appIdIn === 'path');
      expect(parameters.includes('AppIdInPath'), route.operationId).toBe(route.appIdIn === 'path');
      expect(parameters.includes('AppIdInQuery'), route.operationId).toBe(route.appIdIn === 'query');
      expect(parameters.includes('ProjectCode'), route.operationId).toBe(route.acceptsProjectCode);
      expect(parameters.includes('MoeAppKeyRequired'), route.operationId).toBe(route.requiresMoeAppKey);
    }
  });

  it('imports nothing but the operationIds, so it never brings zod into a bundle', () => {
    expect(importsOf('./routes.ts')).toEqual(['./operation-ids.ts', './operation-ids.ts']);
    expect(importsOf('./operation-ids.ts')).toEqual([]);
  });
});
