/**
 * Delivers one batch: sends it, and on failure retries, waits out a 429, or splits it on a 413, until
 * every element in it is delivered or reported. A batch keeps its concurrency slot while it waits,
 * so with one slot elements still arrive in tracking order.
 */
import { type Batch, splitBatch, toRequestBody } from './batcher.ts';
import type { IngestClock } from './clock.ts';
import { ElementOverBudgetError } from './errors.ts';
import { asError, classifyFailure, mayHaveConsumedBudget, rateLimitOf } from './failure.ts';
import type { Cost, Pacer, Reservation } from './pacer.ts';
import type { BulkImportCallOptions, BulkImportClient, IngestFailureDetails } from './types.ts';

/** Retry limits, resolved. */
export interface RetryPolicy {
  maxRetries: number;
  delayMs: number;
  maxRateLimitRetries: number;
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
  onDelivered(batch: Batch): void;
  onFailed(batch: Batch, reason: Error, details: IngestFailureDetails): void;
}

function costOf(batch: Batch): Cost {
  return { users: batch.users, events: batch.events };
}

/** Raised internally when the close signal interrupts a wait. */
class Interrupted {}

/**
 * Sends `batch` until it is delivered or reported. `claim` is the budget the caller already reserved
 * for it; without one, the delivery waits for budget itself. Never rejects.
 */
export async function deliverBatch(
  batch: Batch,
  claim: Reservation | undefined,
  ctx: DeliveryContext,
): Promise<void> {
  let attempts = 0;
  let serverRetries = 0;
  let rateLimitRetries = 0;
  let reservation = claim;
  try {
    for (;;) {
      if (ctx.signal.aborted) throw new Interrupted();
      if (reservation === undefined) {
        if (!ctx.pacer.fitsInAWindow(costOf(batch))) {
          await splitOrFail(batch, overBudget(batch, ctx.pacer), attempts, ctx);
          return;
        }
        reservation = await waitForBudget(batch, ctx);
        if (reservation === undefined) continue;
      }
      attempts++;
      ctx.onAttempt(attempts > 1);
      try {
        const result = await ctx.client.bulkImport(toRequestBody(batch), callOptions(ctx));
        if (result.rateLimit) ctx.pacer.observe(result.rateLimit, reservation, ctx.clock.now());
        ctx.pacer.settle(reservation, true);
        ctx.onDelivered(batch);
        return;
      } catch (error) {
        const kind = classifyFailure(error, ctx.signal.aborted);
        const info = rateLimitOf(error);
        const now = ctx.clock.now();
        if (info && kind !== 'rateLimited') ctx.pacer.observe(info, reservation, now);
        ctx.pacer.settle(reservation, mayHaveConsumedBudget(kind, error));
        reservation = undefined;
        if (kind === 'aborted') throw new Interrupted();
        if (kind === 'rateLimited') {
          ctx.pacer.pauseForRateLimit(info, now);
          ctx.onRateLimited();
          if (++rateLimitRetries > ctx.retry.maxRateLimitRetries) return fail(batch, error, attempts, ctx);
        } else if (kind === 'tooLarge') {
          await splitOrFail(batch, asError(error), attempts, ctx);
          return;
        } else if (kind === 'retryable') {
          if (++serverRetries > ctx.retry.maxRetries) return fail(batch, error, attempts, ctx);
          await sleep(ctx.retry.delayMs, ctx);
        } else {
          return fail(batch, error, attempts, ctx);
        }
      }
    }
  } catch (error) {
    if (reservation) ctx.pacer.settle(reservation, true);
    if (error instanceof Interrupted || ctx.signal.aborted) {
      ctx.onFailed(batch, asError(ctx.signal.reason), { attempts, dropped: true });
    } else {
      ctx.onFailed(batch, asError(error), { attempts, dropped: false });
    }
  }
}

/** The client's own retries are off: the ingestor retries through its pacer instead. */
function callOptions(ctx: DeliveryContext): BulkImportCallOptions {
  const options: BulkImportCallOptions = { signal: ctx.signal, retry: false };
  if (ctx.projectCode !== undefined) options.projectCode = ctx.projectCode;
  if (ctx.skipRequestValidation) options.validateRequest = false;
  return options;
}

function fail(batch: Batch, error: unknown, attempts: number, ctx: DeliveryContext): void {
  ctx.onFailed(batch, asError(error), { attempts, dropped: false });
}

/** Halves a batch and delivers each half in order; a single element that cannot go is reported. */
async function splitOrFail(
  batch: Batch,
  reason: Error,
  attempts: number,
  ctx: DeliveryContext,
): Promise<void> {
  if (batch.items.length < 2) {
    ctx.onFailed(batch, reason, { attempts, dropped: false });
    return;
  }
  const [first, second] = splitBatch(batch);
  await deliverBatch(first, undefined, ctx);
  await deliverBatch(second, undefined, ctx);
}

function overBudget(batch: Batch, pacer: Pacer): Error {
  const unit = batch.users > pacer.limits.users ? 'users' : 'events';
  return new ElementOverBudgetError(unit, batch[unit], pacer.limits[unit]);
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
