import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import type { RetryOverride } from './retry.ts';

/** What every successful call resolves to. */
export interface MoEngageResult<T> {
  /** The parsed response body. */
  data: T;
  /** The server's `request_id` (quote it to MoEngage support); absent on getUser and mergeUsers answers. */
  requestId?: string | undefined;
  /** The `x-ratelimit-*` headers, parsed: how much of the workspace's per-minute budget is left. */
  rateLimit?: RateLimitInfo | undefined;
  /** The raw response (its body is already read: use `data`). */
  response: Response;
  /** Requests sent for this call, retries included. */
  attempts: number;
}

/** Options of a single call; they override the client's options for that call only. */
export interface CallOptions {
  /** Cancels the call, including retry waits; the call rejects with `AbortedError`. */
  signal?: AbortSignal;
  /** Per-request timeout in milliseconds (each retry gets a fresh one). `Infinity` turns it off. */
  timeoutMs?: number;
  /** Overrides the client's retry policy for this call; `false` sends once. */
  retry?: RetryOverride;
  /**
   * Overrides the client's `validateRequests` for this call. `false` skips the check when the body
   * was validated already, e.g. the ingestor's Bulk Import requests, whose elements were checked
   * one by one in `track()`.
   * @default the client's validateRequests (true unless turned off)
   */
  validateRequest?: boolean;
}

/** Options of the operations that accept a Portfolio `project_code` (trackUser, createEvent, bulkImport). */
export interface PortfolioCallOptions extends CallOptions {
  /** Portfolio workspaces only: the project to write to, sent as the `project_code` query parameter. */
  projectCode?: string;
}
