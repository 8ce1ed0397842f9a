import { credentialProblem } from './auth.ts';
import { type Clock, systemClock } from './clock.ts';
import {
  DATA_CENTERS,
  type DataCenter,
  type Hosts,
  hostsForBaseUrl,
  hostsForDataCenter,
  isDataCenter,
  suggestDataCenter,
} from './data-centers.ts';
import {
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  type RetryOverride,
  requireNumber,
  resolveRetryOptions,
} from './retry.ts';
import type { MoEngageWarning } from './warnings.ts';

/** Where the client writes what it does; `console` fits. */
export interface MoEngageLogger {
  /** Retries and waits. */
  debug?(message: string, details?: Record<string, unknown>): void;
  /** Warnings (when no `onWarning` is given) and failures of your `onWarning` hook. */
  warn?(message: string, details?: Record<string, unknown>): void;
}

interface CommonOptions {
  /**
   * The Workspace ID (formerly APP ID) from Settings > Account > APIs.
   * Used as Basic-auth username, `app_id` and `MOE-APPKEY`.
   */
  workspaceId: string;
  /** The Data API key from Settings > Account > APIs (Data tile). Used as Basic-auth password. */
  apiKey: string;
  /**
   * The fetch every request is sent with. Without it, `globalThis.fetch` is looked up when each
   * request is sent, not when the client is created, so MSW, nock, undici's `MockAgent` or any other
   * patch installed after `createMoEngage()` (in a test's `beforeAll`, say) still sees every request.
   * Pass one to route the client through a proxy agent or a test double of your own.
   * @default globalThis.fetch, read at each request
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Per-request timeout in milliseconds; the request is aborted when it expires and retried like a
   * network error. `Infinity` turns it off.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Retry policy for 5xx answers, network errors, timeouts and 429s; `false` turns retries off.
   * @default DEFAULT_RETRY_OPTIONS
   */
  retry?: RetryOverride;
  /** Receives retry and warning messages. @default no logging */
  logger?: MoEngageLogger;
  /**
   * Validate request bodies against the spec before sending, so mistakes fail fast with a
   * `RequestValidationError` instead of a 400.
   * @default true
   */
  validateRequests?: boolean;
  /**
   * Validate 2xx bodies against the spec and throw `ResponseValidationError` when they differ.
   * Off by default: a surprising success body should not turn accepted data into an error.
   * @default false
   */
  validateResponses?: boolean;
  /**
   * Called before a request is sent, once per problem, for data MoEngage would accept and silently
   * drop (`moe_` names, blocklisted customer_id values). It never blocks the request; errors it
   * throws are logged and ignored.
   * @default logger.warn, when a logger is given
   */
  onWarning?: (warning: MoEngageWarning) => void;
  /**
   * Source of time for timeouts, retry delays and rate-limit waits; tests inject a fake one.
   * @default systemClock
   */
  clock?: Clock;
}

/** Options of `createMoEngage`: credentials plus either a `dataCenter` or a `baseUrl`. */
export type MoEngageOptions = CommonOptions &
  (
    | {
        /** The workspace's data center: the number in your dashboard URL (dashboard-01 → '01'). */
        dataCenter: DataCenter;
        baseUrl?: never;
      }
    | {
        /** One origin for every operation, e.g. the local emulator `http://127.0.0.1:4010`. */
        baseUrl: string | URL;
        dataCenter?: never;
      }
  );

/** The settings a client runs with, after defaults; safe to log (no API key). */
export interface MoEngageSettings {
  readonly workspaceId: string;
  readonly hosts: Hosts;
  readonly timeoutMs: number;
  readonly retry: Readonly<RetryOptions>;
  readonly validateRequests: boolean;
  readonly validateResponses: boolean;
  readonly clock: Clock;
}

/** Everything `createMoEngage` needs, validated. */
export interface ResolvedOptions {
  settings: MoEngageSettings;
  apiKey: string;
  /** The fetch to send the next request with: `options.fetch`, else whatever `globalThis.fetch` is now. */
  fetch: () => typeof globalThis.fetch;
  logger: MoEngageLogger | undefined;
  onWarning: ((warning: MoEngageWarning) => void) | undefined;
}

/** Thrown by `createMoEngage` when an option is wrong; the message says which and how to fix it. */
export class MoEngageOptionsError extends TypeError {
  override name = 'MoEngageOptionsError';
}

/** @default 30 seconds */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Validates `createMoEngage` options and fills in defaults.
 * @throws MoEngageOptionsError naming the option to fix.
 */
export function resolveOptions(options: MoEngageOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new MoEngageOptionsError(
      "createMoEngage needs an options object: { workspaceId, apiKey, dataCenter: '01' } or { workspaceId, apiKey, baseUrl }.",
    );
  }
  for (const name of ['workspaceId', 'apiKey'] as const) {
    const problem = credentialProblem(name, options[name]);
    if (problem) throw new MoEngageOptionsError(problem);
  }
  const fetch = resolveFetch(options.fetch);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (timeoutMs !== Number.POSITIVE_INFINITY) wrap(() => requireNumber('timeoutMs', timeoutMs, { min: 1 }));
  const clock = options.clock ?? systemClock;
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new MoEngageOptionsError('clock must have now() and sleep(ms, signal?) methods, like systemClock.');
  }
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    throw new MoEngageOptionsError('onWarning must be a function that receives a MoEngageWarning.');
  }

  return {
    settings: Object.freeze({
      workspaceId: options.workspaceId,
      hosts: Object.freeze(resolveHosts(options)),
      timeoutMs,
      retry: Object.freeze(wrap(() => resolveRetryOptions(DEFAULT_RETRY_OPTIONS, options.retry))),
      validateRequests: options.validateRequests ?? true,
      validateResponses: options.validateResponses ?? false,
      clock,
    }),
    apiKey: options.apiKey,
    fetch,
    logger: options.logger,
    onWarning: options.onWarning,
  };
}

const NO_FETCH =
  'No fetch implementation: pass options.fetch, or run on Node 18+ or another runtime with a global fetch.';

/**
 * A given fetch is used as is; otherwise the global one is read at every request (never cached), so
 * interceptors that replace `globalThis.fetch` after the client was created still apply.
 */
function resolveFetch(given: unknown): () => typeof globalThis.fetch {
  if (given !== undefined) {
    if (typeof given !== 'function') throw new MoEngageOptionsError(`fetch must be a function; ${NO_FETCH}`);
    const fixed = given as typeof globalThis.fetch;
    return () => fixed;
  }
  if (typeof globalThis.fetch !== 'function') throw new MoEngageOptionsError(NO_FETCH);
  return () => {
    const current = globalThis.fetch;
    // Removed after construction (rare): say so instead of failing as a network error would.
    if (typeof current !== 'function') throw new MoEngageOptionsError(NO_FETCH);
    return current;
  };
}

function resolveHosts(options: MoEngageOptions): Hosts {
  const { dataCenter, baseUrl } = options as { dataCenter?: unknown; baseUrl?: unknown };
  if (dataCenter !== undefined && baseUrl !== undefined) {
    throw new MoEngageOptionsError(
      'Pass either dataCenter (for MoEngage) or baseUrl (for the emulator or a proxy), not both.',
    );
  }
  if (dataCenter !== undefined) {
    if (isDataCenter(dataCenter)) return hostsForDataCenter(dataCenter);
    const suggestion = suggestDataCenter(dataCenter);
    throw new MoEngageOptionsError(
      `Unknown dataCenter ${JSON.stringify(dataCenter)}: use one of ${DATA_CENTERS.map((dc) => `'${dc}'`).join(', ')}` +
        `${suggestion ? ` (did you mean '${suggestion}'?)` : ''}. It is the number in your dashboard URL, e.g. dashboard-01 → '01'.`,
    );
  }
  if (baseUrl !== undefined) return hostsForBaseUrl(normalizeBaseUrl(baseUrl));
  throw new MoEngageOptionsError(
    "Pass dataCenter (e.g. dataCenter: '01', the number in your dashboard URL) or baseUrl (e.g. the emulator's http://127.0.0.1:4010).",
  );
}

function normalizeBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new MoEngageOptionsError(
      `baseUrl ${JSON.stringify(String(baseUrl))} is not an absolute URL: write it like http://127.0.0.1:4010.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MoEngageOptionsError(`baseUrl must start with http:// or https://; got ${url.protocol}//.`);
  }
  if (url.search || url.hash) {
    throw new MoEngageOptionsError(
      'baseUrl must not have a query string or fragment: pass only the origin (and path prefix).',
    );
  }
  // Operation paths start with "/", so a trailing slash would double it.
  return url.href.replace(/\/+$/, '');
}

function wrap<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof MoEngageOptionsError || !(error instanceof TypeError)) throw error;
    throw new MoEngageOptionsError(error.message);
  }
}
