/**
 * Runs a property with fast-check: the saved regression cases first, then `FUZZ_RUNS` fresh runs. A
 * new failure is printed with its seed and path and its shrunk counterexample is appended to
 * `test/fuzz/regressions.json`; later runs replay that exact value first (values, not seeds, are
 * kept: a seed replays something else once an arbitrary changes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** Default property runs per operation: the 1,000, raised or lowered with FUZZ_RUNS. */
export const DEFAULT_FUZZ_RUNS = 1_000;
/** Default runs per operation over MSW and over HTTP (FUZZ_ADAPTER_RUNS): the adapters' share. */
export const DEFAULT_ADAPTER_RUNS = 25;

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer (runs per operation); got ${JSON.stringify(raw)}.`);
  }
  return value;
}

/** Runs per operation of the engine-level properties. */
export const fuzzRuns = () => positiveInteger('FUZZ_RUNS', DEFAULT_FUZZ_RUNS);
/** Runs per operation of the MSW and HTTP samples. */
export const adapterRuns = () => positiveInteger('FUZZ_ADAPTER_RUNS', DEFAULT_ADAPTER_RUNS);

/** One saved counterexample. */
export interface Regression {
  /** The property's name, as passed to {@link checkProperty}. */
  property: string;
  /** The value that failed, encoded by {@link encodeValue}. */
  value: unknown;
  /** What failed, for the reader. */
  error: string;
  /** fast-check's replay coordinates at the time (valid while the arbitrary is unchanged). */
  seed: number;
  path: string;
}

/** The committed regression file. */
export const REGRESSIONS_FILE = fileURLToPath(new URL('../../test/fuzz/regressions.json', import.meta.url));

/** JSON with byte arrays kept (`{ "$bytes": "<base64>" }`). */
export function encodeValue(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Uint8Array ? { $bytes: Buffer.from(item).toString('base64') } : item,
    ),
  );
}

/** The inverse of {@link encodeValue}. */
export function decodeValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'object' && item !== null && typeof (item as { $bytes?: unknown }).$bytes === 'string'
      ? new Uint8Array(Buffer.from((item as { $bytes: string }).$bytes, 'base64'))
      : item,
  );
}

/** The saved regression cases. */
export function loadRegressions(file = REGRESSIONS_FILE): Regression[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Regression[];
}

function saveRegression(regression: Regression, file: string): void {
  const all = loadRegressions(file);
  const encoded = JSON.stringify(regression.value);
  if (all.some((saved) => saved.property === regression.property && JSON.stringify(saved.value) === encoded))
    return;
  writeFileSync(file, `${JSON.stringify([...all, regression], null, 2)}\n`);
}

/** Fails after `ms` of real time: a request the mock never answers is a failure, not a stuck suite. */
export async function withinTime<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms (a hang)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Options of {@link checkProperty}. */
export interface CheckOptions {
  numRuns: number;
  /** @default FUZZ_SEED from the environment, else random */
  seed?: number;
  /** @default REGRESSIONS_FILE */
  regressionsFile?: string;
}

/**
 * Checks `predicate` for the saved regressions of `name`, then for `numRuns` generated values.
 * @throws with fast-check's report (seed, path, shrunk counterexample) on the first failure.
 */
export async function checkProperty<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  options: CheckOptions,
): Promise<fc.RunDetails<[T]>> {
  const file = options.regressionsFile ?? REGRESSIONS_FILE;
  for (const regression of loadRegressions(file).filter((saved) => saved.property === name)) {
    await predicate(decodeValue(regression.value) as T).catch((error: unknown) => {
      throw new Error(
        `Regression case of "${name}" fails again (${messageOf(error)}).\n` +
          `Value: ${JSON.stringify(regression.value).slice(0, 1_000)}\nFix the cause; the case stays in ${file}.`,
      );
    });
  }
  const rawSeed = process.env.FUZZ_SEED;
  const seed = options.seed ?? (rawSeed ? Number(rawSeed) : undefined);
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    numRuns: options.numRuns,
    ...(seed !== undefined && { seed }),
  });
  if (details.failed) {
    const [value] = details.counterexample ?? [];
    const error = messageOf(details.errorInstance).slice(0, 2_000);
    saveRegression(
      {
        property: name,
        value: encodeValue(value),
        error,
        seed: details.seed,
        path: details.counterexamplePath ?? '',
      },
      file,
    );
    throw new Error(
      `${fc.defaultReportMessage(details)}\nFailure: ${error}\n` +
        `Replay with FUZZ_SEED=${details.seed} (path ${details.counterexamplePath}); the counterexample is saved ` +
        `in ${file} and replayed first on every run.`,
    );
  }
  return details;
}
