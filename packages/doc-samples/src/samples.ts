/**
 * The code samples users copy: TypeScript blocks of the READMEs the tarballs ship and the `x-codeSamples`
 * of the published reference, each with what the checker does with it. One model for both sources, so
 * one compiler harness and one runner serve them.
 */
import { fencedBlocks } from './markdown.ts';
import { PREAMBLES, type PreambleName } from './preambles.ts';

/**
 * What the checker does with a sample; every TypeScript sample is compiled.
 * - `run`: a complete program, run in Node against the emulator (MSW installed first).
 * - `vitest`: a complete test file, run with vitest (it sets up its own emulator).
 * - `compile`: complete, but needs what Node lacks (a browser); typechecked only.
 * - `fragment`: an excerpt; typechecked after a named preamble that declares what it uses.
 * - `shell`: a curl sample, run against `moengage-mock` on 127.0.0.1.
 */
export type SampleMode = 'run' | 'vitest' | 'compile' | 'fragment' | 'shell';

/** What the emulator must hold after a `run` sample that tracks data (fence words `user=`, `event=`, `device=`). */
export interface StoreExpectations {
  readonly users: readonly string[];
  readonly events: readonly string[];
  readonly devices: readonly string[];
}

export interface Sample {
  /** File-safe and unique: `client-readme-3`, `reference-trackUser-typescript`. */
  readonly id: string;
  /** Where a reader finds it: `packages/client/README.md:42`, `openapi.json trackUser (curl)`. */
  readonly origin: string;
  readonly mode: SampleMode;
  /** Declarations compiled before a fragment (see `preambles.ts`); empty otherwise. */
  readonly preamble: string;
  readonly source: string;
  /** 1-based line of the source's first line in its origin file, to point compiler errors at it. */
  readonly line: number;
  readonly expect: StoreExpectations;
  /** The operation a reference sample calls. */
  readonly operationId?: string;
}

const TYPESCRIPT = new Set(['ts', 'typescript', 'mts']);
const MODES = new Set<string>(['run', 'vitest', 'compile', 'fragment']);

/**
 * Reads a TypeScript fence's info string: `ts [run|vitest|compile|fragment=PREAMBLE] [user=ID] [event=ACTION]
 * [device=ID]`. Anything else is an error, so a typo can never turn a check off.
 */
export function parseFenceInfo(info: string): {
  mode: SampleMode;
  preamble: string;
  expect: StoreExpectations;
} {
  const [, ...words] = info.split(/\s+/);
  let mode: SampleMode = 'run';
  let preamble = '';
  const expect = { users: [] as string[], events: [] as string[], devices: [] as string[] };
  for (const word of words) {
    const [key = '', value] = word.split('=', 2);
    if (key === 'fragment') {
      if (value === undefined || !(value in PREAMBLES)) {
        throw new Error(
          `"${info}": fragment needs one of the preambles ${Object.keys(PREAMBLES).join(', ')}`,
        );
      }
      mode = 'fragment';
      preamble = PREAMBLES[value as PreambleName];
    } else if (MODES.has(key) && value === undefined) {
      mode = key as SampleMode;
    } else if ((key === 'user' || key === 'event' || key === 'device') && value) {
      expect[`${key}s`].push(value);
    } else {
      throw new Error(`"${info}": unknown word "${word}" (see packages/doc-samples/README.md)`);
    }
  }
  if (mode !== 'run' && expect.users.length + expect.events.length + expect.devices.length > 0) {
    throw new Error(`"${info}": only a run sample can state what the emulator must hold`);
  }
  return { mode, preamble, expect };
}

/** The TypeScript blocks of a README, in order; `name` prefixes their ids (`client-readme`). */
export function samplesOfReadme(markdown: string, origin: string, name: string): Sample[] {
  return fencedBlocks(markdown)
    .filter((block) => TYPESCRIPT.has(block.lang))
    .map((block, index) => ({
      id: `${name}-${index + 1}`,
      origin: `${origin}:${block.line}`,
      source: block.code,
      line: block.line,
      ...parseFenceInfo(block.info),
    }));
}

/** The parts of an OpenAPI document the reference samples come from. */
export interface DocumentWithCodeSamples {
  readonly paths: Record<
    string,
    Record<
      string,
      { operationId?: string; 'x-codeSamples'?: { lang: string; label: string; source: string }[] }
    >
  >;
}

/** Every `x-codeSamples` entry of the document; an operation without both languages is an error. */
export function samplesOfDocument(document: DocumentWithCodeSamples): Sample[] {
  const samples: Sample[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const operationId = operation.operationId ?? `${method} ${path}`;
      const codeSamples = operation['x-codeSamples'] ?? [];
      const langs = codeSamples.map((sample) => sample.lang).sort();
      if (langs.join() !== 'TypeScript,curl') {
        throw new Error(
          `${operationId}: x-codeSamples must hold one TypeScript and one curl sample, has [${langs}]`,
        );
      }
      for (const sample of codeSamples) {
        const typescript = sample.lang === 'TypeScript';
        samples.push({
          id: `reference-${operationId}-${typescript ? 'typescript' : 'curl'}`,
          origin: `openapi.json ${operationId} (${sample.label})`,
          mode: typescript ? 'run' : 'shell',
          preamble: '',
          source: sample.source,
          line: 1,
          expect: { users: [], events: [], devices: [] },
          operationId,
        });
      }
    }
  }
  return samples;
}
