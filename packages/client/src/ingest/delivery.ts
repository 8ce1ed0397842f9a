/**
 * Delivers one batch: sends it, and on failure retries, waits out a 429, or splits it on a 413, until
 * every element in it is delivered, reported, or handed back to be repacked (when the budget shrank
 * below the batch). A batch keeps its concurrency slot while it waits, so with one slot elements
 * still arrive in tracking order.
 */
import { type Batch, splitBatch, toRequestBody } from './batcher.ts';
import type { IngestClock } from './clock.ts';
import type { QueuedElement } from './element.ts';
import { asError, classifyFailure, isUncertain, mayHaveConsumedBudget, rateLimitOf } from './failure.ts';
import type { Cost, Pacer, Reservation } from './pacer.ts';
import type { BulkImportCallOptions, BulkImportClient, IngestFailureDetails } from './types.ts';

/** What to do after a failure that may have stored the batch (see `IngestorOptions.retry.uncertain`). */
export type UncertainRetry = 'retry' | 'eventsAtMostOnce' | 'never';

/** Retry limits, resolved. */
export interface RetryPolicy {
  maxRetries: number;
  delayMs: number;
  maxRateLimitRetries: number;
  uncertain: UncertainRetry;
}

/** Facts about a delivered batch. */
export interface DeliveredDetails {
  /** An earlier attempt may have stored the batch already: its elements may be stored twice. */
  maybeTwice: boolean;
  /** The 2xx body could not be read (the client's error); the elements count as delivered. */
  unreadableAnswer?: Error;
}

/** What a delivery needs from the ingestor, and how it reports back. */
export interface DeliveryContext {
  client: BulkImportClient;
  pacer: Pacer;
  clock: IngestClock;
  /** Aborted (with the reason) when `close({ timeoutMs })` gives up. */
  signal: AbortSignal;
  retry: RetryPolicy;
  /** Portfolio project, passed through to the client. */
  projectCode: string | undefined;
  /** Ask the client not to validate the request (its elements were validated one by one). */
  skipRequestValidation: boolean;
  onAttempt(isRetry: boolean): void;
  onRateLimited(): void;
  onDelivered(batch: Batch, details: DeliveredDetails): void;
  onFailed(batch: Batch, reason: Error, details: IngestFailureDetails): void;
}

function costOf(batch: Batch): Cost {
  return { users: batch.users, events: batch.events };
}

/** Whether any limit in `after` is below the one in `before`. */
function lowered(before: Cost, after: Readonly<Cost>): boolean {
  return after.users < before.users || after.events < before.events;
}

/** Raised internally when the close signal interrupts a wait. */
class Interrupted {}

/**
 * Elements handed back to the caller, in order, to be put at the head of the queue and repacked:
 * the budget shrank, and a batch sized for the old one would waste the new one (or never fit).
 */
export type Repack = readonly QueuedElement[];

/**
 * Sends `batch` until it is delivered or reported, or resolves with its elements to repack. `claim`
 * is the budget the caller already reserved for it; without one, the delivery waits for budget
 * itself. Never rejects.
 */
export async function deliverBatch(
  batch: Batch,
  claim: Reservation | undefined,
  ctx: DeliveryContext,
): Promise<Repack> {
  let attempts = 0;
  let serverRetries = 0;
  let rateLimitRetries = 0;
  let reservation = claim;
  /** Whether an attempt ended without an answer: MoEngage may hold the batch already. */
  let uncertain = false;
  const fail = (error: unknown): Repack => {
    ctx.onFailed(batch, asError(error), { attempts, dropped: false, maybeDelivered: uncertain });
    return [];
  };
  try {
    for (;;) {
      if (ctx.signal.aborted) throw new Interrupted();
      if (reservation === undefined) {
        // Headers lowered the limits below this batch: repack its elements to the new budget.
        if (!ctx.pacer.fitsInAWindow(costOf(batch))) return batch.items;
        reservation = await waitForBudget(batch, ctx);
        if (reservation === undefined) continue;
      }
      attempts++;
      ctx.onAttempt(attempts > 1);
      try {
        const result = await ctx.client.bulkImport(toRequestBody(batch), callOptions(ctx));
        if (result.rateLimit) ctx.pacer.observe(result.rateLimit, reservation, ctx.clock.now());
        ctx.pacer.settle(reservation, true);
        ctx.onDelivered(batch, { maybeTwice: uncertain });
        return [];
      } catch (error) {
        const kind = classifyFailure(error, ctx.signal.aborted);
        const info = rateLimitOf(error);
        const now = ctx.clock.now();
        if (info && kind !== 'rateLimited') ctx.pacer.observe(info, reservation, now);
        ctx.pacer.settle(reservation, mayHaveConsumedBudget(kind, error));
        reservation = undefined;
        if (kind === 'aborted') throw new Interrupted();
        if (kind === 'accepted') {
          ctx.onDelivered(batch, { maybeTwice: uncertain, unreadableAnswer: asError(error) });
          return [];
        }
        if (isUncertain(kind, error)) {
          uncertain = true;
          if (!retriesAfterUncertain(batch, ctx.retry.uncertain)) return fail(error);
        }
        if (kind === 'rateLimited') {
          const limitsBefore = { ...ctx.pacer.limits };
          ctx.pacer.pauseForRateLimit(info, now, costOf(batch));
          ctx.onRateLimited();
          // The 429 taught a smaller budget: a batch sized for the old one would waste every window
          // after the pause (halving it leaves ~60 % in use), so its elements are repacked instead.
          if (lowered(limitsBefore, ctx.pacer.limits)) return batch.items;
          if (++rateLimitRetries > ctx.retry.maxRateLimitRetries) return fail(error);
        } else if (kind === 'tooLarge') {
          return await splitOrFail(batch, asError(error), attempts, uncertain, ctx);
        } else if (kind === 'retryable') {
          if (++serverRetries > ctx.retry.maxRetries) return fail(error);
          await sleep(ctx.retry.delayMs, ctx);
        } else {
          return fail(error);
        }
      }
    }
  } catch (error) {
    if (reservation) ctx.pacer.settle(reservation, true);
    if (error instanceof Interrupted || ctx.signal.aborted) {
      ctx.onFailed(batch, asError(ctx.signal.reason), { attempts, dropped: true, maybeDelivered: uncertain });
    } else {
      ctx.onFailed(batch, asError(error), { attempts, dropped: false, maybeDelivered: uncertain });
    }
    return [];
  }
}

/** The client's own retries are off: the ingestor retries through its pacer instead. */
function callOptions(ctx: DeliveryContext): BulkImportCallOptions {
  const options: BulkImportCallOptions = { signal: ctx.signal, retry: false };
  if (ctx.projectCode !== undefined) options.projectCode = ctx.projectCode;
  if (ctx.skipRequestValidation) options.validateRequest = false;
  return options;
}

/** Whether the policy sends `batch` again after an attempt that may have stored it. */
function retriesAfterUncertain(batch: Batch, policy: UncertainRetry): boolean {
  if (policy === 'never') return false;
  return policy === 'retry' || batch.events === 0;
}

/**
 * A 413: halves a batch and delivers each half in order; a single element that cannot go is
 * reported. When the first half is handed back for repacking, the second goes back behind it.
 */
async function splitOrFail(
  batch: Batch,
  reason: Error,
  attempts: number,
  uncertain: boolean,
  ctx: DeliveryContext,
): Promise<Repack> {
  if (batch.items.length < 2) {
    ctx.onFailed(batch, reason, { attempts, dropped: false, maybeDelivered: uncertain });
    return [];
  }
  const [first, second] = splitBatch(batch);
  const repack = await deliverBatch(first, undefined, ctx);
  if (repack.length > 0) return [...repack, ...second.items];
  return deliverBatch(second, undefined, ctx);
}

/** Waits until the window has room for the batch; `undefined` when the limits changed meanwhile. */
async function waitForBudget(batch: Batch, ctx: DeliveryContext): Promise<Reservation | undefined> {
  const cost = costOf(batch);
  for (;;) {
    const now = ctx.clock.now();
    const reservation = ctx.pacer.tryReserve(cost, now);
    if (reservation) return reservation;
    if (!ctx.pacer.fitsInAWindow(cost)) return undefined;
    await sleep(ctx.pacer.nextBudgetAt(now) - now, ctx);
  }
}

async function sleep(ms: number, ctx: DeliveryContext): Promise<void> {
  try {
    await ctx.clock.sleep(ms, ctx.signal);
  } catch {
    throw new Interrupted();
  }
}
