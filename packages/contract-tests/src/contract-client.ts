/**
 * The real client (`createMoEngage`) as the contract tests drive it: its fetch checks every answer on
 * the wire, can tamper with the request first (to send what a correct client never would: no
 * Authorization, a wrong Content-Type, a truncated body...), and every rejection is checked to be
 * the typed error of its status. Raw requests for fuzzing go through the same checks.
 */
import { type Clock, createMoEngage, type MoEngageClient, type RetryOverride } from '@moedata/client';
import type { Engine } from '@moedata/mock';
import { beginActivity } from './activity.ts';
import { KEY1, WS1 } from './contract-mock.ts';
import { engineFetch } from './engine-fetch.ts';
import { observeClientError, observeResponse } from './observe.ts';

/** Rewrites a request before it is sent; return a new `Request`. */
export type Tamper = (request: Request) => Request | Promise<Request>;

/**
 * Where the mock is: MSW in this process (the MoEngage hosts of data center 01), the standalone
 * server at a base URL, or an engine called directly (property tests; see `engine-fetch.ts`).
 */
export type Target = { kind: 'msw' } | { kind: 'http'; baseUrl: string } | { kind: 'engine'; engine: Engine };

/** The origin requests for a target go to (file-import paths included: the emulator serves both). */
export function originOf(target: Target, server: 'core' | 'fileImports' = 'core'): string {
  if (target.kind === 'http') return target.baseUrl;
  return server === 'core' ? 'https://api-01.moengage.com' : 'https://fileimports-data-api-01.moengage.com';
}

/** The fetch that reaches a target: the global one (MSW or sockets), or the engine bridge. */
function transportOf(target: Target): typeof globalThis.fetch {
  if (target.kind === 'engine') return engineFetch(target.engine);
  // Looked up at call time, so MSW's interception (installed by listen()) is used.
  return (input, init) => globalThis.fetch(input, init);
}

/** An answer as a raw caller sees it. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or undefined when it is not JSON. */
  json: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A fetch that sends to the target, checks the answer against the document, and counts as activity
 * for the fake clock.
 */
export function observedFetch(target: Target, tamper?: Tamper): typeof globalThis.fetch {
  const transport = transportOf(target);
  return async (input, init) => {
    const end = beginActivity();
    try {
      const original = new Request(input, init);
      const request = tamper ? await tamper(original) : original;
      const response = await transport(request);
      const text = await response.clone().text();
      observeResponse(
        {
          method: request.method,
          url: request.url,
          status: response.status,
          headers: Object.fromEntries(response.headers),
          bodyText: text,
        },
        'wire',
      );
      return response;
    } finally {
      end();
    }
  };
}

/** Options of {@link createContractClient}. */
export interface ContractClientOptions {
  target: Target;
  /** @default WS1 */
  workspaceId?: string;
  /** @default KEY1 */
  apiKey?: string;
  tamper?: Tamper;
  clock?: Clock;
  /** @default false: most contract tests want the first answer; retry tests turn it on. */
  retry?: RetryOverride;
  /** @default true */
  validateRequests?: boolean;
  /** Check 2xx bodies with the client's generated validators. @default true */
  validateResponses?: boolean;
  /** @default 10 s (Infinity with a fake clock, whose jumps must not expire requests in flight) */
  timeoutMs?: number;
}

/**
 * A real client aimed at the mock. Each method's rejection is checked by `observeClientError`
 * (typed class of the status, the row's type and message) before it reaches the test.
 */
export function createContractClient(options: ContractClientOptions): MoEngageClient {
  const { target } = options;
  const client = createMoEngage({
    workspaceId: options.workspaceId ?? WS1,
    apiKey: options.apiKey ?? KEY1,
    ...(target.kind === 'http' ? { baseUrl: target.baseUrl } : { dataCenter: '01' as const }),
    fetch: observedFetch(target, options.tamper),
    retry: options.retry ?? false,
    validateRequests: options.validateRequests ?? true,
    validateResponses: options.validateResponses ?? true,
    timeoutMs: options.timeoutMs ?? (options.clock ? Number.POSITIVE_INFINITY : 10_000),
    ...(options.clock && { clock: options.clock }),
  });
  const wrapped: Record<string, unknown> = { settings: client.settings };
  for (const [name, method] of Object.entries(client)) {
    if (typeof method !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      const result = (method as (...a: unknown[]) => unknown)(...args);
      // Operations return promises; other methods (e.g. `ingest()`) are passed through as they are.
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        observeClientError(error, name);
        throw error;
      });
    };
  }
  return wrapped as unknown as MoEngageClient;
}

/** A request sent without the client, e.g. a mutated body. */
export interface RawRequest {
  /** @default 'POST' */
  method?: string;
  /** Path and query, e.g. `/v1/customer/WS1`. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string | null;
  /** Which host family of the MSW target. @default 'core' */
  server?: 'core' | 'fileImports';
  /** Gives up after this long (a hang is a failure). @default 10000 */
  timeoutMs?: number;
}

/** Sends one raw request to the mock, checked like every other answer. */
export async function sendRaw(target: Target, request: RawRequest): Promise<RawAnswer> {
  const body = request.body ?? null;
  const response = await observedFetch(target)(`${originOf(target, request.server)}${request.path}`, {
    method: request.method ?? 'POST',
    headers: request.headers ?? {},
    // A Uint8Array body gets no implicit Content-Type, so "no Content-Type" can be tested.
    body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BodyInit | null,
    signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}
