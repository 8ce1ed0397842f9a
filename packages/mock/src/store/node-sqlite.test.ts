import { afterEach, expect, it, vi } from 'vitest';
import { createSqliteStore } from './sqlite.ts';

afterEach(() => vi.restoreAllMocks());

it('says which Node the SQLite store needs when node:sqlite is missing (Node 22.12)', () => {
  const original = process.getBuiltinModule.bind(process);
  vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) =>
    id === 'node:sqlite' ? undefined : original(id)) as typeof process.getBuiltinModule);
  expect(() => createSqliteStore({ path: ':memory:' })).toThrow(
    /needs Node's built-in node:sqlite.*use Node 22\.13\.0 or newer.*leave out --data/,
  );
});

it('opens node:sqlite only when a store is created, and closes it once', () => {
  const store = createSqliteStore({ path: ':memory:' });
  store.close();
  expect(() => store.close()).not.toThrow();
});
