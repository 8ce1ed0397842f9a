/**
 * A failing fuzz run prints `FUZZ_SEED=N`; `FUZZ_SEED=N npm test` must then run the fuzzers again with
 * that seed. turbo replays a cached result unless the variable is part of the task's hash (`env`,
 * not `passThroughEnv`), so the hash has to change with the seed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** The hash turbo would give the contract tests' `test` task with these variables set. */
function testTaskHash(variables: Record<string, string>): string {
  const plan = execFileSync(
    join(root, 'node_modules/.bin/turbo'),
    ['run', 'test', '--filter', '@moedata/contract-tests', '--dry=json'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...variables }, maxBuffer: 64 * 1024 * 1024 },
  );
  const tasks = (JSON.parse(plan) as { tasks: Array<{ taskId: string; hash: string }> }).tasks;
  const task = tasks.find((candidate) => candidate.taskId === '@moedata/contract-tests#test');
  if (!task) throw new Error('turbo planned no @moedata/contract-tests#test task');
  return task.hash;
}

it('runs the tests again, not a cached result, when FUZZ_SEED or FUZZ_RUNS changes', {
  timeout: 60_000,
}, () => {
  const base = testTaskHash({ FUZZ_SEED: '1', FUZZ_RUNS: '100' });
  expect(testTaskHash({ FUZZ_SEED: '2', FUZZ_RUNS: '100' })).not.toBe(base);
  expect(testTaskHash({ FUZZ_SEED: '1', FUZZ_RUNS: '200' })).not.toBe(base);
  expect(testTaskHash({ FUZZ_SEED: '1', FUZZ_RUNS: '100' })).toBe(base);
});
