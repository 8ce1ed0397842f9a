/**
 * Sends one operation through the generated client and turns whatever happens (an answer, a typed
 * error, a request the client refused to send) into one {@link CallOutcome} the views can show.
 */
import {
  isMoEngageError,
  type MoEngageClient,
  type MoEngageResult,
  RequestValidationError,
} from '@moedata/client';
import type { OperationId } from '@moedata/spec';
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { OperationInput } from '../spec/operation-input.ts';

/** The three rate-limit headers as the server sent them. */
export interface RateLimitHeaders {
  'x-ratelimit-limit': string | null;
  'x-ratelimit-remaining': string | null;
  'x-ratelimit-reset': string | null;
}

/** Everything the response panel shows about one call. */
export interface CallOutcome {
  operationId: OperationId;
  /** `true` for a 2xx answer. */
  ok: boolean;
  /** HTTP status; absent when nothing was answered (the client refused the body, or the network failed). */
  status?: number | undefined;
  /** The URL the request went to (absent when nothing was sent). */
  url?: string | undefined;
  /** The answer's `request_id` (absent on getUser and mergeUsers successes, which carry none). */
  requestId?: string | undefined;
  /** The parsed `x-ratelimit-*` headers. */
  rateLimit?: RateLimitInfo | undefined;
  rateLimitHeaders?: RateLimitHeaders | undefined;
  /** The response body (JSON), or the client's validation issues when nothing was sent. */
  body: unknown;
  /** The client's error class, e.g. `RateLimitedError`. */
  errorName?: string | undefined;
  /** The client's message: what happened and what to do. */
  errorMessage?: string | undefined;
  /** When the answer arrived (epoch ms), the start of the live rate-limit countdown. */
  receivedAt: number;
  durationMs: number;
}

function headersOf(response: Response | undefined): RateLimitHeaders | undefined {
  if (!response) return undefined;
  const names = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;
  const values = Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
  return values as unknown as RateLimitHeaders;
}

type AnyCall = (body: unknown, options: { retry: false }) => Promise<MoEngageResult<unknown>>;

function call(client: MoEngageClient, operationId: OperationId, input: OperationInput, value: unknown) {
  // Retries are off so every answer (a 429 or an injected 5xx included) shows up as it came.
  if (operationId === 'triggerFileImport') {
    const scheduleId = input.kind === 'schedule' ? input.scheduleId : String(value);
    return client.triggerFileImport({ scheduleId }, { retry: false });
  }
  return (client[operationId] as unknown as AnyCall)(value, { retry: false });
}

/**
 * Sends `input` as `operationId`. Never rejects: failures become outcomes with `errorName`.
 * `value` is the parsed body (see `checkInput`); it is sent as is, so with validation off a body the
 * spec rejects reaches the emulator and gets its 400.
 */
export async function sendOperation(
  client: MoEngageClient,
  operationId: OperationId,
  input: OperationInput,
  value: unknown,
  now: () => number = Date.now,
): Promise<CallOutcome> {
  const started = now();
  try {
    const result = await call(client, operationId, input, value);
    const receivedAt = now();
    return {
      operationId,
      ok: true,
      status: result.response.status,
      url: result.response.url || undefined,
      requestId: result.requestId,
      rateLimit: result.rateLimit,
      rateLimitHeaders: headersOf(result.response),
      body: result.data,
      receivedAt,
      durationMs: receivedAt - started,
    };
  } catch (error) {
    const receivedAt = now();
    if (!isMoEngageError(error)) {
      return {
        operationId,
        ok: false,
        body: null,
        errorName: error instanceof Error ? error.name : 'Error',
        errorMessage: error instanceof Error ? error.message : String(error),
        receivedAt,
        durationMs: receivedAt - started,
      };
    }
    return {
      operationId,
      ok: false,
      status: error.status,
      url: error.response?.url || undefined,
      requestId: error.requestId,
      rateLimit: error.rateLimit,
      rateLimitHeaders: headersOf(error.response),
      body: error instanceof RequestValidationError ? { issues: error.issues } : error.body,
      errorName: error.name,
      errorMessage: error.message,
      receivedAt,
      durationMs: receivedAt - started,
    };
  }
}
