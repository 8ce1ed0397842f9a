import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { scenarios } from './scenarios/index.ts';

it('the README says what every scenario sends', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('What each scenario sends'), readme.indexOf('Then the clean-up'));
  const firstColumns = table.split('\n').flatMap((line) => line.split('|')[1] ?? []);
  const patterns = firstColumns
    .flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''))
    .map((id) => new RegExp(`^${id.replaceAll('*', '.+').replace('<operation>', '\\w+')}$`));
  const undocumented = scenarios.filter((scenario) => !patterns.some((pattern) => pattern.test(scenario.id)));
  expect(undocumented.map((scenario) => scenario.id)).toEqual([]);
});
