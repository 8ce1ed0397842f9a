import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { OperationId } from '@moedata/spec/routes';

/** What went wrong, one value per error class. */
export type MoEngageErrorKind =
  | 'badRequest'
  | 'authentication'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'rateLimited'
  | 'server'
  | 'connection'
  | 'timeout'
  | 'aborted'
  | 'requestValidation'
  | 'responseValidation'
  | 'unexpectedStatus';

/** Everything known about a failed call; every field but `operationId` may be missing. */
export interface MoEngageErrorDetails {
  /** The operation that failed. */
  operationId: OperationId;
  /** HTTP status, when the server answered. */
  status?: number | undefined;
  /** The body's error type (`error.type`, `title` or `error_type`), e.g. `MissingAttributeError`. */
  type?: string | undefined;
  /** The server's own message, verbatim. */
  serverMessage?: string | undefined;
  /** The request field the server blamed (`error.attribute`), e.g. `customer_id`. */
  attribute?: string | undefined;
  /** The server's request id (`error.request_id`, or `code` in title/description bodies). */
  requestId?: string | undefined;
  /** The `x-ratelimit-*` headers of the answer, parsed. */
  rateLimit?: RateLimitInfo | undefined;
  /** The raw response (its body is already read: use `body`). */
  response?: Response | undefined;
  /** The parsed response body (JSON, or text when it was not JSON). */
  body?: unknown;
  /** How many requests were sent, retries included (0 when nothing was sent). */
  attempts?: number | undefined;
  /** The underlying error (network failure, abort reason, validation issues). */
  cause?: unknown;
}

// A registry-wide symbol so `isMoEngageError` also recognises errors from another copy of this package.
const BRAND = Symbol.for('@moedata/client/MoEngageError');

/**
 * Base class of every error the client throws. `message` says what happened and what to do;
 * the server's own words are in `serverMessage`.
 *
 * @example
 * try { await client.trackUser(body); }
 * catch (error) { if (error instanceof RateLimitedError) console.log(error.rateLimit?.resetSeconds); }
 */
export class MoEngageError extends Error {
  override name = 'MoEngageError';
  /** Which class of failure this is; stable for `switch` statements and logs. */
  readonly kind: MoEngageErrorKind;
  readonly operationId: OperationId;
  readonly status: number | undefined;
  readonly type: string | undefined;
  readonly serverMessage: string | undefined;
  readonly attribute: string | undefined;
  readonly requestId: string | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly response: Response | undefined;
  readonly body: unknown;
  readonly attempts: number;
  /** The advice part of `message`: what to change before trying again. */
  readonly hint: string;

  /** Use a subclass; the base class stands for statuses the API does not document. */
  constructor(details: MoEngageErrorDetails, kind: MoEngageErrorKind = 'unexpectedStatus', hint?: string) {
    const advice =
      hint ?? 'The API does not document this answer; check dataCenter/baseUrl and any proxy in between.';
    super(
      composeMessage(details, advice),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    Object.defineProperty(this, BRAND, { value: true });
    this.kind = kind;
    this.operationId = details.operationId;
    this.status = details.status;
    this.type = details.type;
    this.serverMessage = details.serverMessage;
    this.attribute = details.attribute;
    this.requestId = details.requestId;
    this.rateLimit = details.rateLimit;
    this.response = details.response;
    this.body = details.body;
    this.attempts = details.attempts ?? 0;
    this.hint = advice;
  }
}

function composeMessage(details: MoEngageErrorDetails, hint: string): string {
  const what = [details.status === undefined ? undefined : `HTTP ${details.status}`, details.type]
    .filter(Boolean)
    .join(' ');
  const said = details.serverMessage ? `: ${details.serverMessage}` : '';
  const field = details.attribute ? ` (attribute: ${details.attribute})` : '';
  const id = details.requestId ? ` [request_id ${details.requestId}]` : '';
  return `${details.operationId} failed${what ? ` with ${what}` : ''}${said}${field}${id}. ${hint}`;
}

/** 400: the server rejected the request as written. Never retried. */
export class BadRequestError extends MoEngageError {
  override name = 'BadRequestError';
  constructor(details: MoEngageErrorDetails) {
    super(details, 'badRequest', badRequestHint(details));
  }
}

function badRequestHint({ type, attribute }: MoEngageErrorDetails): string {
  switch (type) {
    case 'Blacklisted':
      return 'The workspace is blacklisted: contact MoEngage support.';
    case 'InvalidParams':
    case 'ParamsRequired':
      return 'Check workspaceId: it must be the Workspace ID from Settings > Account > APIs.';
    case 'LimitBreached':
      return 'Send fewer items per request (Get User: at most 20 identifiers; Merge Users: at most 50 pairs).';
    case 'ALREADY_EXISTS':
      return 'This import already ran in the last 5 minutes: wait before triggering it again.';
    case 'NOT_FOUND':
      return 'Check scheduleId: the import is deleted, expired or belongs to another workspace.';
    case 'Not Found':
      return 'The user does not exist: check the identifier, or ignore this error if it was already deleted.';
    default:
      return attribute
        ? `Fix "${attribute}" in the request body; the request was not retried.`
        : 'Fix the request body; the request was not retried.';
  }
}

/** 401: the credentials were refused. Never retried. */
export class AuthenticationError extends MoEngageError {
  override name = 'AuthenticationError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'authentication',
      'Check workspaceId and apiKey: they are the Workspace ID and the Data API key under Settings > Account > APIs.',
    );
  }
}

/** 403: the workspace is suspended or the key may not call this API. Never retried. */
export class ForbiddenError extends MoEngageError {
  override name = 'ForbiddenError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'forbidden',
      "The workspace is suspended or this API key is not allowed to call this API: check the key's API scope or contact MoEngage support.",
    );
  }
}

/** 404 or 405: the URL does not exist on the server. Never retried. */
export class NotFoundError extends MoEngageError {
  override name = 'NotFoundError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'notFound',
      'The server has no such route: check dataCenter or baseUrl (it must point at the Data API host or the emulator, without a path).',
    );
  }
}

/** 409: the key is not set up for this workspace, or app_id and the credentials disagree. Never retried. */
export class ConflictError extends MoEngageError {
  override name = 'ConflictError';
  constructor(details: MoEngageErrorDetails) {
    const keyNotSet = /not set/i.test(details.serverMessage ?? '');
    super(
      details,
      'conflict',
      keyNotSet
        ? 'Generate a Data API key in the dashboard (Settings > Account > APIs), then pass it as apiKey.'
        : 'The app_id sent does not match workspaceId: use the Workspace ID of the same workspace as the API key.',
    );
  }
}

/** 413: the body is over the payload limit (128 KB). Never retried. */
export class PayloadTooLargeError extends MoEngageError {
  override name = 'PayloadTooLargeError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'payloadTooLarge',
      'Keep each request body under 128 KB (131,072 bytes): split the data into smaller requests (the ingestor does this for you).',
    );
  }
}

/** 415: the body was not sent as `application/json`. Never retried. */
export class UnsupportedMediaTypeError extends MoEngageError {
  override name = 'UnsupportedMediaTypeError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'unsupportedMediaType',
      'Send Content-Type: application/json; if you pass your own fetch, make sure it keeps the request headers.',
    );
  }
}

/** 429: the workspace's per-minute budget is used up. Retried after `x-ratelimit-reset` until retries run out. */
export class RateLimitedError extends MoEngageError {
  override name = 'RateLimitedError';
  constructor(details: MoEngageErrorDetails) {
    const reset = details.rateLimit?.resetSeconds;
    super(
      details,
      'rateLimited',
      `Send less per minute${reset === undefined ? '' : `; the window resets in ${reset} s`}. Raise retry.retries or retry.maxRateLimitWaitMs to wait longer, or use the ingestor, which paces itself.`,
    );
  }
}

/** 5xx: MoEngage failed. Retried every 2 s, at most 5 times, before this is thrown. */
export class ServerError extends MoEngageError {
  override name = 'ServerError';
  constructor(details: MoEngageErrorDetails) {
    super(
      details,
      'server',
      `MoEngage kept failing after ${details.attempts ?? 1} attempt(s): try again later, and if it persists contact MoEngage with the request_id.`,
    );
  }
}

/** The request never got an answer: DNS, TCP, TLS or a reset connection. Retried like a 5xx. */
export class ConnectionError extends MoEngageError {
  override name = 'ConnectionError';
  constructor(details: MoEngageErrorDetails & { url?: string | undefined }) {
    const reason = details.cause instanceof Error ? ` (${details.cause.message})` : '';
    super(
      details,
      'connection',
      `Could not reach ${details.url ?? 'the server'}${reason}: check the network, proxy and dataCenter/baseUrl.`,
    );
  }
}

/** No answer within `timeoutMs`; the request was aborted. Retried like a 5xx. */
export class TimeoutError extends MoEngageError {
  override name = 'TimeoutError';
  /** The per-request timeout that expired, in milliseconds. */
  readonly timeoutMs: number;
  constructor(details: MoEngageErrorDetails & { timeoutMs: number }) {
    super(
      details,
      'timeout',
      `No answer within ${details.timeoutMs} ms: raise timeoutMs (per client or per call) or check connectivity.`,
    );
    this.timeoutMs = details.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired; `cause` is its reason. Never retried. */
export class AbortedError extends MoEngageError {
  override name = 'AbortedError';
  constructor(details: MoEngageErrorDetails) {
    super(details, 'aborted', 'The call was cancelled by the AbortSignal you passed; nothing was retried.');
  }
}

/** The request body does not match the spec; nothing was sent. */
export class RequestValidationError extends MoEngageError {
  override name = 'RequestValidationError';
  /** One line per problem: `path: message`. */
  readonly issues: readonly string[];
  /**
   * `alwaysChecked`: the check runs even with `validateRequests: false` (a path parameter that would
   * change the URL is never sent).
   */
  constructor(details: MoEngageErrorDetails & { issues: readonly string[]; alwaysChecked?: boolean }) {
    const scope = details.alwaysChecked
      ? 'This check always runs: the value becomes part of the URL.'
      : 'Checked against the spec; createMoEngage({ validateRequests: false }) skips the check.';
    super(
      details,
      'requestValidation',
      `Fix the request before sending it: ${details.issues.join('; ')}. (${scope})`,
    );
    this.issues = details.issues;
  }
}

/** A 2xx answer did not match the spec (only checked with `validateResponses: true`) or was not JSON. */
export class ResponseValidationError extends MoEngageError {
  override name = 'ResponseValidationError';
  readonly issues: readonly string[];
  constructor(details: MoEngageErrorDetails & { issues: readonly string[] }) {
    super(
      details,
      'responseValidation',
      `The server accepted the request but answered in an unexpected shape: ${details.issues.join('; ')}. The data was probably accepted; report the body if the spec is wrong.`,
    );
    this.issues = details.issues;
  }
}

/**
 * Whether `value` is an error thrown by this client (any subclass), even one created by another copy
 * of the package.
 */
export function isMoEngageError(value: unknown): value is MoEngageError {
  return value instanceof MoEngageError || (typeof value === 'object' && value !== null && BRAND in value);
}
