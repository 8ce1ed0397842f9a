import { parseRateLimitHeaders } from '@moedata/spec/rate-limit';
import type { OperationId } from '@moedata/spec/routes';
import type { Clock } from './clock.ts';
import {
  AbortedError,
  ConnectionError,
  type MoEngageError,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
} from './errors.ts';
import { errorFromResponse } from './http-errors.ts';

/** What a generated SDK function resolves to (`throwOnError: false`, `responseStyle: 'fields'`). */
export interface SdkFields {
  data?: unknown;
  error?: unknown;
  request?: Request;
  response?: Response;
}

/** One request, sent with the attempt's signal. */
export type SendRequest = (signal: AbortSignal) => Promise<SdkFields>;

/** How one attempt ended: the parsed body and response, or a typed error. */
export type AttemptOutcome =
  | { ok: true; data: unknown; response: Response }
  | { ok: false; error: MoEngageError };

export interface AttemptSettings {
  operationId: OperationId;
  /** 1 for the first request, 2 for the first retry, … */
  attempt: number;
  timeoutMs: number;
  clock: Clock;
  /** The caller's signal. */
  signal: AbortSignal | undefined;
  /** Origin the request goes to, for connection error messages. */
  origin: string;
}

/**
 * Sends one request with its own timeout and turns whatever happens into an outcome; it never
 * throws. The timeout aborts the request (and the body download) through the same signal the
 * caller's abort uses, so a hung connection is really cut.
 */
export async function runAttempt(send: SendRequest, settings: AttemptSettings): Promise<AttemptOutcome> {
  const { signal, clock, timeoutMs } = settings;
  const controller = new AbortController();
  const stopTimer = new AbortController();
  let timedOut = false;
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  if (Number.isFinite(timeoutMs)) {
    clock.sleep(timeoutMs, stopTimer.signal).then(
      () => {
        timedOut = true;
        controller.abort(new DOMException(`No answer within ${timeoutMs} ms.`, 'TimeoutError'));
      },
      () => {}, // the attempt finished first and cancelled the timer
    );
  }

  let fields: SdkFields;
  try {
    fields = await send(controller.signal);
  } catch (error) {
    // Generated SDK functions report failures in `error`; this only catches the unexpected.
    fields = { error };
  } finally {
    stopTimer.abort();
    signal?.removeEventListener('abort', forwardAbort);
  }
  return classify(fields, settings, timedOut);
}

function classify(fields: SdkFields, settings: AttemptSettings, timedOut: boolean): AttemptOutcome {
  const { operationId, attempt, clock } = settings;
  const { response, error } = fields;
  if (error === undefined && response?.ok) return { ok: true, data: fields.data, response };

  const base = { operationId, attempts: attempt };
  // An abort can also surface while the body downloads, after the response arrived: check it first.
  if (settings.signal?.aborted) return fail(new AbortedError({ ...base, cause: settings.signal.reason }));
  if (timedOut) return fail(new TimeoutError({ ...base, timeoutMs: settings.timeoutMs, cause: error }));

  if (response === undefined) {
    // No Request was built: the validator or the body serializer refused the input, nothing was sent.
    if (fields.request === undefined) {
      const issues = describeIssues(error);
      return fail(
        new RequestValidationError({
          ...base,
          attempts: 0,
          attribute: firstBodyPath(error),
          issues,
          cause: error,
        }),
      );
    }
    return fail(new ConnectionError({ ...base, url: settings.origin, cause: error }));
  }

  const rateLimit = parseRateLimitHeaders(response.headers, { now: () => clock.now() });
  if (response.ok) {
    return fail(
      new ResponseValidationError({
        ...base,
        status: response.status,
        rateLimit,
        response,
        issues: describeIssues(error),
        cause: error,
      }),
    );
  }
  return fail(errorFromResponse({ ...base, rateLimit }, response, error));
}

function fail(error: MoEngageError): AttemptOutcome {
  return { ok: false, error };
}

interface IssueLike {
  path?: readonly PropertyKey[];
  message?: string;
}

function issuesOf(error: unknown): IssueLike[] | undefined {
  const issues = (error as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as IssueLike[]) : undefined;
}

/** One line per zod issue (`body.customer_id: Invalid input…`), or the error's message. */
function describeIssues(error: unknown): string[] {
  const issues = issuesOf(error);
  if (issues?.length) {
    return issues.map((issue) => {
      const path = (issue.path ?? []).map(String).join('.');
      return path ? `${path}: ${issue.message ?? 'invalid'}` : (issue.message ?? 'invalid');
    });
  }
  return [error instanceof Error ? error.message : String(error)];
}

/** The first invalid body field, named like the server's `error.attribute` (`customer_id`). */
function firstBodyPath(error: unknown): string | undefined {
  const path = issuesOf(error)?.[0]?.path?.map(String);
  if (path?.[0] !== 'body' || path.length < 2) return undefined;
  return path.slice(1).join('.');
}
