/**
 * The one place every request of a run goes through: the run prefix on every user id, the request
 * budget (with the clean-up deletes reserved up front), pacing, and `--dry-run`.
 */
import type { Origin, WireRequest, WireResponse } from './types.ts';

/** Thrown before a request that would leave too little of `--max-requests` to delete what the run created. */
export class BudgetExhaustedError extends Error {
  override readonly name = 'BudgetExhaustedError';
}

/** Thrown before a request that names a user outside the run prefix (a bug in a scenario, never sent). */
export class UnprefixedIdError extends Error {
  override readonly name = 'UnprefixedIdError';
}

/** Options of {@link createSender}. */
export interface SenderOptions {
  /** Origin of each kind of request, without a trailing slash. */
  readonly origins: Readonly<Record<Origin, string>>;
  /** Every user id in a body must start with it (`moedata-conformance-<run id>-`). */
  readonly prefix: string;
  /** Hard cap on requests, clean-up included. */
  readonly maxRequests: number;
  /** Least time between two requests. */
  readonly intervalMs: number;
  /** Print each request instead of sending it. */
  readonly dryRun: boolean;
  /** Where a dry run prints. @default console.log */
  readonly print?: (line: string) => void;
  /** @default globalThis.fetch, read at call time */
  readonly fetch?: typeof fetch;
  /** @default 30000 */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** What a send may create, so its clean-up is reserved before it goes out. */
export interface SendOptions {
  /** Customer ids this request may create (they are deleted at the end of the run). */
  readonly creates?: readonly string[];
}

/** The request gate of one run. */
export interface Sender {
  /** Sends (or, in a dry run, prints and returns undefined). */
  send(request: WireRequest, options?: SendOptions): Promise<WireResponse | undefined>;
  /** Sends a clean-up request out of the budget reserved for it (never past `maxRequests`); `customerId` leaves the pending set. */
  sendCleanup(request: WireRequest, customerId: string): Promise<WireResponse | undefined>;
  /** Changes the least time between two requests (once the target is known). */
  setPace(intervalMs: number): void;
  /** Drops a customer id from the clean-up: the run deleted it itself. */
  forget(customerId: string): void;
  /** Customer ids created (or possibly created) and not yet deleted. */
  pending(): readonly string[];
  /** Requests sent (or printed, in a dry run) so far. */
  count(): number;
}

/** Keys whose string values name a user: each must carry the run prefix. */
const USER_ID_KEYS = new Set(['customer_id', 'identifier', 'merged_user', 'retained_user', 'identity_value']);

/** Throws when a JSON body names a user outside the run prefix (bodies that are not JSON create nothing). */
export function assertPrefixed(body: string | undefined, prefix: string): void {
  if (body === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  const visit = (value: unknown, key: string | undefined): void => {
    if (Array.isArray(value)) for (const item of value) visit(item, key);
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, k);
    else if (
      key !== undefined &&
      USER_ID_KEYS.has(key) &&
      typeof value === 'string' &&
      value !== '' &&
      !value.startsWith(prefix)
    )
      throw new UnprefixedIdError(`${key} "${value}" does not start with the run prefix "${prefix}"`);
  };
  visit(parsed, undefined);
}

async function readAnswer(response: Response): Promise<WireResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? text : JSON.parse(text);
  } catch {
    // Not JSON: keep the text, the checks report it as it came.
  }
  return { status: response.status, headers, body };
}

/** Creates the request gate of one run. */
export function createSender(options: SenderOptions): Sender {
  const pendingIds = new Set<string>();
  const print = options.print ?? ((line: string) => console.log(line));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  let sent = 0;
  let intervalMs = options.intervalMs;
  let lastSentAt = Number.NEGATIVE_INFINITY;

  async function transmit(request: WireRequest): Promise<WireResponse | undefined> {
    sent += 1;
    const url = `${options.origins[request.origin]}${request.path}`;
    if (options.dryRun) {
      const body = request.body === undefined ? '' : ` ${summariseBody(request.body)}`;
      print(
        `[dry-run] ${request.method} ${url} ${JSON.stringify(hideAuthorization(request.headers))}${body}`,
      );
      return undefined;
    }
    const wait = lastSentAt + intervalMs - now();
    if (wait > 0) await sleep(wait);
    lastSentAt = now();
    const doFetch = options.fetch ?? globalThis.fetch;
    const response = await doFetch(url, {
      method: request.method,
      headers: request.headers,
      // Bytes, not a string: fetch would otherwise add `text/plain` to a request sent without Content-Type.
      ...(request.body === undefined ? {} : { body: new TextEncoder().encode(request.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return readAnswer(response);
  }

  return {
    async send(request, sendOptions = {}) {
      assertPrefixed(request.body, options.prefix);
      const creates = (sendOptions.creates ?? []).filter((id) => !pendingIds.has(id));
      for (const id of creates) {
        if (!id.startsWith(options.prefix))
          throw new UnprefixedIdError(`"${id}" does not start with the run prefix "${options.prefix}"`);
      }
      const needed = sent + 1 + pendingIds.size + creates.length;
      if (needed > options.maxRequests) {
        throw new BudgetExhaustedError(
          `--max-requests ${options.maxRequests} reached: ${sent} sent, ${pendingIds.size + creates.length} kept for clean-up`,
        );
      }
      // Reserved before sending: a request that times out may still have created the user.
      for (const id of creates) pendingIds.add(id);
      return transmit(request);
    },
    async sendCleanup(request, customerId) {
      assertPrefixed(request.body, options.prefix);
      // Reserved when the user was created; a second try (after a 429) must still fit.
      if (sent + 1 > options.maxRequests)
        throw new BudgetExhaustedError(`--max-requests ${options.maxRequests} reached during clean-up`);
      pendingIds.delete(customerId);
      return transmit(request);
    },
    setPace: (ms) => {
      intervalMs = ms;
    },
    forget: (customerId) => {
      pendingIds.delete(customerId);
    },
    pending: () => [...pendingIds],
    count: () => sent,
  };
}

/** The headers with the Authorization value replaced: what reports, dry runs and snapshots show. */
export function hideAuthorization(headers: Readonly<Record<string, string>>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    copy[name] = name.toLowerCase() === 'authorization' ? '<redacted>' : value;
  return copy;
}

/** A body as printed in reports: whole when short, else its start and its size. */
export function summariseBody(body: string, max = 300): string {
  return body.length <= max ? body : `${body.slice(0, max)}… (${body.length} bytes)`;
}
