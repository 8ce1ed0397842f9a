/**
 * Vitest global setup: packs the published packages into a consumer project, collects every sample (README
 * blocks of the tarballs, x-codeSamples of the packed document, the checker's own drifted fixture) and
 * compiles them all in one `tsc` run.
 * The test files receive the result through `inject('docSamples')`.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { compileSamples, writeSamples } from './compile.ts';
import { type Consumer, createConsumer, packedDocument } from './consumer.ts';
import { type DocumentWithCodeSamples, type Sample, samplesOfDocument, samplesOfReadme } from './samples.ts';

export interface DocSamples {
  readonly consumer: Consumer;
  readonly samples: readonly Sample[];
  /** The blocks of `test/fixtures/drifted.md`, which prove the checker fails what has drifted. */
  readonly selftest: readonly Sample[];
  /** Compiler errors per sample id (empty when it compiles). */
  readonly compileErrors: Readonly<Record<string, readonly string[]>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    docSamples: DocSamples;
  }
}

/** `client-readme` for the client's README.md, `client-docs-ingestor` for docs/ingestor.md: file-safe ids. */
function readmeName(packageName: string, path: string): string {
  const file = path
    .replace(/\.md$/i, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
  return `${packageName.replace('@moedata/', '')}-${file}`;
}

export default function setup(project: TestProject): () => void {
  const consumer = createConsumer();
  const samples = [
    ...consumer.markdown.flatMap((file) =>
      samplesOfReadme(file.text, file.repositoryPath, readmeName(file.packageName, file.path)),
    ),
    ...samplesOfDocument(packedDocument(consumer) as DocumentWithCodeSamples),
  ];
  const drifted = 'test/fixtures/drifted.md';
  const selftest = samplesOfReadme(
    readFileSync(new URL(`../${drifted}`, import.meta.url), 'utf8'),
    drifted,
    'selftest',
  );
  // One tsc run for all: type errors in the drifted blocks do not stop tsc from checking the others.
  writeSamples(consumer, [...samples, ...selftest]);
  const compileErrors = compileSamples(consumer, [...samples, ...selftest]);
  project.provide('docSamples', { consumer, samples, selftest, compileErrors });
  return () => {
    if (process.env.DOC_SAMPLES_KEEP) console.log(`consumer project kept in ${consumer.dir}`);
    else rmSync(consumer.dir, { recursive: true, force: true });
  };
}
