import { parseRateLimitHeaders } from '@moedata/spec/rate-limit';
import type { OperationId } from '@moedata/spec/routes';
import { runAttempt, type SdkFields } from './attempt.ts';
import { requestIdOf } from './error-body.ts';
import { AbortedError } from './errors.ts';
import { type MoEngageLogger, MoEngageOptionsError, type MoEngageSettings } from './options.ts';
import type { CallOptions, MoEngageResult } from './result.ts';
import { requireNumber, resolveRetryOptions, retryDelayMs } from './retry.ts';
import { answerValidator, requestValidator } from './validation.ts';
import { collectWarnings, type MoEngageWarning } from './warnings.ts';

/** The request parts a generated SDK function takes, besides transport options. */
export interface OperationRequest {
  body?: unknown;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** A generated SDK function, seen from the facade. */
export type SdkFunction = (options: Record<string, unknown>) => Promise<SdkFields>;

/** What `executeOperation` needs from the client that runs it. */
export interface ExecutionContext {
  settings: MoEngageSettings;
  /** The generated client instance (fetch, auth and default headers configured). */
  client: unknown;
  logger: MoEngageLogger | undefined;
  onWarning: ((warning: MoEngageWarning) => void) | undefined;
}

export interface OperationCall {
  operationId: OperationId;
  send: SdkFunction;
  /** Origin for this operation: the core or the file-imports host. */
  origin: string;
  request: OperationRequest;
  options: CallOptions | undefined;
}

/**
 * Runs one operation: reports droppable data, sends the request, retries what the policy allows and
 * resolves with the parsed result, or rejects with a `MoEngageError` subclass.
 */
export async function executeOperation<T>(
  context: ExecutionContext,
  call: OperationCall,
): Promise<MoEngageResult<T>> {
  const { settings, logger } = context;
  const { operationId, options = {} } = call;
  const retry = resolveCallRetry(settings, options);
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  if (timeoutMs !== Number.POSITIVE_INFINITY)
    callOption(() => requireNumber('timeoutMs', timeoutMs, { min: 1 }));
  const validateRequest = options.validateRequest ?? settings.validateRequests;
  if (typeof validateRequest !== 'boolean') {
    throw new MoEngageOptionsError(
      `validateRequest must be true or false; got ${String(validateRequest)}. Leave it out to use the client's validateRequests.`,
    );
  }
  const { signal } = options;
  if (signal?.aborted) throw new AbortedError({ operationId, cause: signal.reason });

  emitWarnings(context, collectWarnings(operationId, call.request.body));

  // The generated functions have no validators of their own; these load zod on first use (validation.ts).
  const validators = {
    requestValidator: validateRequest ? requestValidator(operationId) : undefined,
    responseValidator: settings.validateResponses ? answerValidator(operationId) : undefined,
  };
  const send = (attemptSignal: AbortSignal) =>
    call.send(
      withHiddenClient(context.client, {
        baseUrl: call.origin,
        ...call.request,
        signal: attemptSignal,
        ...validators,
      }),
    );

  for (let attempt = 1; ; attempt++) {
    const outcome = await runAttempt(send, {
      operationId,
      attempt,
      timeoutMs,
      clock: settings.clock,
      signal,
      origin: call.origin,
    });
    if (outcome.ok) {
      return {
        data: outcome.data as T,
        requestId: requestIdOf(outcome.data),
        rateLimit: parseRateLimitHeaders(outcome.response.headers, { now: () => settings.clock.now() }),
        response: outcome.response,
        attempts: attempt,
      };
    }
    const delay = retryDelayMs(outcome.error, attempt, retry);
    if (delay === undefined) throw outcome.error;
    logger?.debug?.(`Retrying ${operationId} in ${delay} ms: ${outcome.error.name} on attempt ${attempt}.`, {
      operationId,
      attempt,
      delayMs: delay,
      status: outcome.error.status,
    });
    try {
      await settings.clock.sleep(delay, signal);
    } catch {
      throw new AbortedError({ operationId, attempts: attempt, cause: signal?.reason ?? outcome.error });
    }
  }
}

function resolveCallRetry(settings: MoEngageSettings, options: CallOptions) {
  return callOption(() => resolveRetryOptions(settings.retry, options.retry));
}

/** Per-call option mistakes are reported like construction mistakes. */
function callOption<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw error instanceof TypeError ? new MoEngageOptionsError(error.message) : error;
  }
}

function emitWarnings(context: ExecutionContext, warnings: readonly MoEngageWarning[]): void {
  for (const warning of warnings) {
    if (!context.onWarning) {
      context.logger?.warn?.(warning.message, { ...warning });
      continue;
    }
    try {
      context.onWarning(warning);
    } catch (error) {
      // The hook must never block a request: its failures are only reported.
      context.logger?.warn?.(
        `onWarning threw while reporting "${warning.path}"; the request was sent anyway.`,
        {
          error,
        },
      );
    }
  }
}

/**
 * The generated SDK function reads `options.client`, then spreads its options into `new Request()`;
 * Deno takes a `client` there for its own `Deno.HttpClient` and throws (hey-api/hey-api#4177).
 * Non-enumerable, the client is read but not spread.
 */
function withHiddenClient(client: unknown, options: Record<string, unknown>): Record<string, unknown> {
  return Object.defineProperty(options, 'client', { value: client, enumerable: false });
}
