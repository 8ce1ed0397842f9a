/**
 * Loads the validators (`validators.ts`, with zod and the generated schemas) on first use through a
 * dynamic `import()`, so bundlers split them out of the code an app loads at start-up
 * (decisions/022-client-bundle-size.md). Clients and ingestors start the load when they are created.
 */
import type { OperationId } from '@moedata/spec/routes';
// Type-only: erased from the output, so the module itself is still only reached through import().
import type * as ValidatorsModule from './validators.ts';

/** The lazily loaded validators module. */
export type Validators = typeof ValidatorsModule;

let loading: Promise<Validators> | undefined;
let loaded: Validators | undefined;

/**
 * Loads the validators once and resolves with them. A failed load (say, a chunk the server does not
 * serve) rejects with an error that says what to do, and the next call tries again.
 */
export function loadValidators(): Promise<Validators> {
  loading ??= import('./validators.ts').then(
    (module) => {
      loaded = module;
      return module;
    },
    (cause: unknown) => {
      loading = undefined;
      throw new Error(
        `@moedata/client could not load its validators (${cause instanceof Error ? cause.message : String(cause)}). ` +
          'They are a separate chunk of your bundle: make sure it is deployed next to your code, ' +
          'or turn validation off (validateRequests: false in createMoEngage, validate: false in ingest).',
        { cause },
      );
    },
  );
  return loading;
}

/** The validators if they are loaded already, so callers can check synchronously. */
export function loadedValidators(): Validators | undefined {
  return loaded;
}

/** Starts loading the validators in the background; a failure is reported when they are needed. */
export function preloadValidators(): void {
  loadValidators().catch(() => {});
}

/** A generated-client `requestValidator` for the operation: resolves, or throws the zod error. */
export function requestValidator(operationId: OperationId): (request: unknown) => Promise<void> {
  return async (request) => (loaded ?? (await loadValidators())).parseRequest(operationId, request);
}

/** A generated-client `responseValidator` for the operation's 2xx body. */
export function answerValidator(operationId: OperationId): (body: unknown) => Promise<void> {
  return async (body) => (loaded ?? (await loadValidators())).parseAnswer(operationId, body);
}
