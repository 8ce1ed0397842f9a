/**
 * Typechecks every TypeScript sample in the consumer project with the settings of an app that installed
 * the packages (strict, `module: nodenext`, `types: ['node']`), against the `.d.ts` files the tarballs ship.
 * One `tsc` run for all samples; each error is pointed back at the README line or operation it came from.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Consumer } from './consumer.ts';
import type { Sample } from './samples.ts';

/** The consumer's compiler options: what `tsc --init` and the TypeScript handbook give a Node app. */
export const CONSUMER_COMPILER_OPTIONS = {
  strict: true,
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2023',
  types: ['node'],
  noEmit: true,
  // As `tsc --init` sets it: checking every .d.ts of msw, vitest and zod cost four times the whole run.
  skipLibCheck: true,
} as const;

/** A sample's file in the consumer project, relative to it (vitest only runs files named `*.test.ts`). */
export function sampleFile(sample: Sample): string {
  return `samples/${sample.id}${sample.mode === 'vitest' ? '.test' : ''}.ts`;
}

/** Writes the TypeScript samples into the consumer project; a fragment is preceded by its preamble. */
export function writeSamples(consumer: Consumer, samples: readonly Sample[]): void {
  mkdirSync(join(consumer.dir, 'samples'), { recursive: true });
  for (const sample of samples) {
    if (sample.mode === 'shell') continue;
    // `export {}` keeps a block without imports a module, so top-level await works and names never clash.
    writeFileSync(join(consumer.dir, sampleFile(sample)), `${sample.preamble}${sample.source}export {};\n`);
  }
}

/** Compiler errors per sample id, with the line numbers of the sample's origin (README or document). */
export function compileSamples(
  consumer: Consumer,
  samples: readonly Sample[],
  project = 'tsconfig.json',
): Record<string, string[]> {
  const files = samples.filter((sample) => sample.mode !== 'shell').map(sampleFile);
  writeFileSync(
    join(consumer.dir, project),
    `${JSON.stringify({ compilerOptions: CONSUMER_COMPILER_OPTIONS, files }, null, 2)}\n`,
  );
  const tsc = join(consumer.dir, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
    cwd: consumer.dir,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  const errors: Record<string, string[]> = Object.fromEntries(samples.map((sample) => [sample.id, []]));
  const byFile = new Map(samples.map((sample) => [sampleFile(sample), sample]));
  const unattributed: string[] = [];
  // tsc prints `file(line,col): error TSnnnn: message`, continuation lines indented below it.
  for (const diagnostic of result.stdout.split(/\n(?=\S)/).filter((text) => text.trim() !== '')) {
    const located = /^(.+?)\((\d+),(\d+)\): (.*)$/s.exec(diagnostic);
    const sample = located ? byFile.get(located[1] ?? '') : undefined;
    if (!located || !sample) {
      unattributed.push(diagnostic);
      continue;
    }
    const preambleLines = sample.preamble.split('\n').length - 1;
    const line = Number(located[2]) - preambleLines;
    const where = line < 1 ? 'preamble' : `${sample.origin.replace(/:\d+$/, '')}:${sample.line + line - 1}`;
    errors[sample.id]?.push(`${where}:${located[3]} ${located[4]}`);
  }
  // tsc checks types only when every file parses, so a syntax error anywhere hides type errors everywhere.
  const syntaxErrorIn = Object.entries(errors).find(([, list]) =>
    list.some((text) => / error TS1\d{3}:/.test(text)),
  );
  if (syntaxErrorIn) {
    for (const list of Object.values(errors)) {
      if (list.length === 0) {
        list.push(
          `not typechecked: ${syntaxErrorIn[0]} does not parse, and tsc checks no types until every file does`,
        );
      }
    }
  }
  if (
    unattributed.length > 0 ||
    (result.status !== 0 && Object.values(errors).every((list) => list.length === 0))
  ) {
    throw new Error(
      `tsc failed outside the samples (exit ${result.status}):\n${unattributed.join('\n')}${result.stderr}`,
    );
  }
  return errors;
}
