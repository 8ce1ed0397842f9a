/**
 * `createIngestor`: the queue, the packer, the pacer and the deliveries wired together. One `pump()`
 * decides, whenever something changes, whether the next request can and should go now.
 */
import { loadedValidators, loadValidators, preloadValidators, type Validators } from '../validation.ts';
import { type Batch, makeBatch, maxElementBytes, planBatch, queueFitsInOneRequest } from './batcher.ts';
import { type DeliveryContext, deliverBatch, type Repack } from './delivery.ts';
import { type QueuedElement, snapshotElement, validateElement } from './element.ts';
import {
  CloseTimeoutError,
  ElementOverBudgetError,
  ElementTooLargeError,
  IngestorClosedError,
  QueueFullError,
} from './errors.ts';
import { asError } from './failure.ts';
import { resolveIngestorOptions } from './options.ts';
import { Pacer, type Reservation } from './pacer.ts';
import { ElementQueue } from './queue.ts';
import type {
  BulkElement,
  IngestFailureDetails,
  Ingestor,
  IngestorCloseResult,
  IngestorOptions,
  IngestorStats,
} from './types.ts';

/** Adds `type` as the first key (as MoEngage's examples write it), overriding any `type` inside. */
function withType(type: BulkElement['type'], body: object): BulkElement {
  return Object.assign({ type }, body, { type }) as BulkElement;
}

/**
 * Creates an ingestor that packs bulk elements into Bulk Import requests (by exact byte size, up to
 * the payload limit), paces them under the workspace's per-minute budgets, retries what can be
 * retried, and reports everything else to `onError`.
 *
 * @example
 * const ingestor = createIngestor({ client, onError: (elements, reason) => log(elements.length, reason) });
 * await ingestor.trackUser({ customer_id: 'u1', attributes: { first_name: 'Ada' } });
 * await ingestor.trackEvent({ customer_id: 'u1', actions: [{ action: 'Signed Up' }] });
 * const { sent, failed, dropped } = await ingestor.close({ timeoutMs: 30_000 });
 */
export function createIngestor(options: IngestorOptions): Ingestor {
  const config = resolveIngestorOptions(options);
  const { clock } = config;
  const largestElement = maxElementBytes(config.payloadLimitBytes);
  const queue = new ElementQueue({ maxCount: config.maxQueueSize, maxBytes: config.maxQueueBytes });
  const pacer = new Pacer({ limits: { users: config.usersPerMinute, events: config.eventsPerMinute } });
  const abort = new AbortController();
  /** Batches whose delivery is running (each holds one concurrency slot). */
  const active = new Set<Batch>();
  const pendingReports = new Set<Promise<void>>();
  const flushWaiters: { mark: number; resolve: () => void }[] = [];
  const totals = {
    sent: 0,
    failed: 0,
    dropped: 0,
    maybeDelivered: 0,
    maybeTwice: 0,
    bytesSent: 0,
    requests: 0,
    retries: 0,
    rateLimited: 0,
  };
  let inFlight = 0;
  let nextSeq = 1;
  /** Elements up to this position go out now, full request or not. */
  let flushMark = 0;
  let wake: { at: number; handle: unknown } | undefined;
  let pumping = false;
  let pumpAgain = false;
  let closing: { promise: Promise<IngestorCloseResult>; finish: () => void; timer?: unknown } | undefined;
  /** `track()` calls made before the validators loaded, in tracking order (see `defer`). */
  const unvalidated: { item: QueuedElement; resolve: () => void; reject: (reason: unknown) => void }[] = [];
  // The element schemas are a lazily loaded chunk: start fetching it now so track() rarely waits.
  if (config.validate) preloadValidators();

  const delivery: DeliveryContext = {
    client: config.client,
    pacer,
    clock,
    signal: abort.signal,
    retry: config.retry,
    projectCode: config.projectCode,
    // Every element was validated in track(): the client need not check the whole request again.
    skipRequestValidation: config.validate,
    onAttempt(isRetry) {
      totals.requests++;
      if (isRetry) totals.retries++;
    },
    onRateLimited() {
      totals.rateLimited++;
    },
    onDelivered(batch, details) {
      inFlight -= batch.items.length;
      totals.sent += batch.items.length;
      totals.bytesSent += batch.bytes;
      if (details.maybeTwice) totals.maybeTwice += batch.items.length;
      if (details.unreadableAnswer) {
        config.onWarning(
          `[@moedata/client ingest] MoEngage accepted ${batch.items.length} element(s) but its answer could not be read ` +
            `(${details.unreadableAnswer.message}); they are counted as sent.`,
        );
      }
    },
    onFailed(batch, reason, details) {
      inFlight -= batch.items.length;
      report(batch.items, reason, details);
    },
  };

  function track(element: BulkElement): Promise<void> {
    if (closing) return Promise.reject(new IngestorClosedError());
    let item: QueuedElement;
    try {
      item = snapshotElement(element, nextSeq, clock.now(), config);
    } catch (error) {
      return Promise.reject(error);
    }
    nextSeq++;
    if (!config.validate) return admit(item);
    const validators = loadedValidators();
    // Behind elements still waiting for the validators, so that tracking order is kept.
    if (validators === undefined || unvalidated.length > 0) return defer(item);
    return validateAndAdmit(item, validators);
  }

  function validateAndAdmit(item: QueuedElement, validators: Validators): Promise<void> {
    try {
      validateElement(item.element, validators);
    } catch (error) {
      return Promise.reject(error);
    }
    return admit(item);
  }

  /** Holds an element until the validators load, then validates and admits the held ones in order. */
  function defer(item: QueuedElement): Promise<void> {
    const admitted = new Promise<void>((resolve, reject) => unvalidated.push({ item, resolve, reject }));
    if (unvalidated.length === 1) {
      loadValidators().then(
        (validators) => {
          for (const held of unvalidated.splice(0)) {
            validateAndAdmit(held.item, validators).then(held.resolve, held.reject);
          }
          settleWaiters();
        },
        (error: unknown) => {
          for (const held of unvalidated.splice(0)) held.reject(error);
          settleWaiters();
        },
      );
    }
    return admitted;
  }

  /** Queues a snapshotted (and validated) element, or says why it cannot be. */
  function admit(item: QueuedElement): Promise<void> {
    if (item.bytes > largestElement) {
      return Promise.reject(new ElementTooLargeError(item.bytes, largestElement, config.payloadLimitBytes));
    }
    const limits = pacer.limits;
    if (item.users > limits.users) {
      return Promise.reject(new ElementOverBudgetError('users', item.users, limits.users));
    }
    if (item.events > limits.events) {
      return Promise.reject(new ElementOverBudgetError('events', item.events, limits.events));
    }
    if (queue.hasRoomFor(item)) {
      queue.push(item);
      pump();
      return Promise.resolve();
    }
    if (config.backpressure === 'reject') return Promise.reject(new QueueFullError(queue.count, queue.bytes));
    return queue.waitForRoom(item);
  }

  /** Starts as many requests as slots, budget and the flush rules allow; re-entrant calls are folded. */
  function pump(): void {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        startRequests();
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
    settleWaiters();
  }

  function startRequests(): void {
    const now = clock.now();
    while (active.size < config.concurrency && queue.count > 0) {
      const head = queue.at(0) as QueuedElement;
      const room = pacer.available(now);
      const capacity = {
        payloadLimitBytes: config.payloadLimitBytes,
        maxUsers: room.users,
        maxEvents: room.events,
      };
      const due =
        closing !== undefined || head.seq <= flushMark || now - head.enqueuedAt >= config.flushIntervalMs;
      // Not due and everything fits in one request: wait for more elements (or the interval).
      if (!due && queueFitsInOneRequest(queue, capacity)) {
        scheduleWake(head.enqueuedAt + config.flushIntervalMs);
        return;
      }
      const plan = planBatch(queue, capacity);
      if (plan.count === 0) {
        // The limits fell below the head since it was tracked: no window will ever hold it.
        if (!pacer.fitsInAWindow(head)) {
          reportOverBudget(queue.take(1, now));
          continue;
        }
        // The head needs budget the window no longer has.
        scheduleWake(pacer.nextBudgetAt(now));
        return;
      }
      const batch = makeBatch(queue.take(plan.count, now));
      const claim = pacer.tryReserve({ users: batch.users, events: batch.events }, now);
      start(batch, claim);
    }
  }

  function start(batch: Batch, claim: Reservation | undefined): void {
    active.add(batch);
    inFlight += batch.items.length;
    void deliverBatch(batch, claim, delivery).then((repack) => {
      active.delete(batch);
      putBack(repack);
      pump();
    });
  }

  /** Queues elements a delivery handed back (the budget shrank) at the head, to be packed again. */
  function putBack(repack: Repack): void {
    if (repack.length === 0) return;
    inFlight -= repack.length;
    if (abort.signal.aborted) {
      report(repack, asError(abort.signal.reason), { attempts: 0, dropped: true, maybeDelivered: false });
      return;
    }
    queue.putBack(repack);
  }

  function reportOverBudget(items: readonly QueuedElement[]): void {
    const [item] = items;
    if (!item) return;
    const { limits } = pacer;
    const unit = item.users > limits.users ? 'users' : 'events';
    const reason = new ElementOverBudgetError(unit, item[unit], limits[unit]);
    report(items, reason, { attempts: 0, dropped: false, maybeDelivered: false });
  }

  function scheduleWake(at: number): void {
    if (wake && wake.at <= at) return;
    if (wake) clock.clearTimeout(wake.handle);
    const handle = clock.setTimeout(
      () => {
        wake = undefined;
        pump();
      },
      Math.max(0, at - clock.now()),
    );
    wake = { at, handle };
  }

  function report(items: readonly QueuedElement[], reason: Error, details: IngestFailureDetails): void {
    if (items.length === 0) return;
    if (details.maybeDelivered) totals.maybeDelivered += items.length;
    else if (details.dropped) totals.dropped += items.length;
    else totals.failed += items.length;
    const { onError } = config;
    if (!onError) {
      console.error(
        `[@moedata/client ingest] ${items.length} element(s) ${details.maybeDelivered ? 'maybe delivered (no answer came)' : details.dropped ? 'dropped' : 'failed'}: ${reason.message} ` +
          'Pass onError to createIngestor() to handle them.',
      );
      return;
    }
    const elements = items.map((item) => item.element);
    const pending: Promise<void> = Promise.resolve()
      .then(() => onError(elements, reason, details))
      .catch((error: unknown) => console.error('[@moedata/client ingest] onError threw:', error))
      .finally(() => {
        pendingReports.delete(pending);
        settleWaiters();
      });
    pendingReports.add(pending);
  }

  /** Lowest tracking position not yet delivered or reported. */
  function oldestUnsettled(): number {
    let oldest = queue.at(0)?.seq ?? queue.firstWaitingSeq ?? Number.POSITIVE_INFINITY;
    oldest = Math.min(oldest, unvalidated[0]?.item.seq ?? Number.POSITIVE_INFINITY);
    for (const batch of active) oldest = Math.min(oldest, (batch.items[0] as QueuedElement).seq);
    return oldest;
  }

  /** Resolves `flush()` promises whose elements are all settled, and `close()` when nothing is left. */
  function settleWaiters(): void {
    const oldest = oldestUnsettled();
    for (let i = flushWaiters.length - 1; i >= 0; i--) {
      const waiter = flushWaiters[i] as (typeof flushWaiters)[number];
      if (waiter.mark < oldest) {
        flushWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
    // After a close timeout, a slow onError no longer holds close() back.
    const reportsDone = pendingReports.size === 0 || abort.signal.aborted;
    if (closing && oldest === Number.POSITIVE_INFINITY && reportsDone) closing.finish();
  }

  function flush(): Promise<void> {
    flushMark = Math.max(flushMark, nextSeq - 1);
    const done = new Promise<void>((resolve) => flushWaiters.push({ mark: nextSeq - 1, resolve }));
    pump();
    return done;
  }

  function close(closeOptions: { timeoutMs?: number } = {}): Promise<IngestorCloseResult> {
    if (closing) return closing.promise;
    const { timeoutMs } = closeOptions;
    if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
      return Promise.reject(new RangeError(`close: timeoutMs must be a number >= 0; got ${timeoutMs}.`));
    }
    const releaseProcess = clock.keepAlive();
    let resolveClose!: (result: IngestorCloseResult) => void;
    const promise = new Promise<IngestorCloseResult>((resolve) => {
      resolveClose = resolve;
    });
    let finished = false;
    closing = {
      promise,
      finish: () => {
        if (finished) return;
        finished = true;
        if (closing?.timer !== undefined) clock.clearTimeout(closing.timer);
        if (wake) clock.clearTimeout(wake.handle);
        wake = undefined;
        releaseProcess();
        const { sent, failed, dropped, maybeDelivered, maybeTwice, requests } = totals;
        resolveClose({ sent, failed, dropped, maybeDelivered, maybeTwice, requests });
      },
    };
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
      closing.timer = clock.setTimeout(() => giveUp(timeoutMs), timeoutMs);
    }
    pump();
    return promise;
  }

  /** The close timeout: report what is left as dropped and abort what is in flight. */
  function giveUp(timeoutMs: number): void {
    const reason = new CloseTimeoutError(timeoutMs);
    totals.dropped += queue.rejectWaiters(reason);
    for (const held of unvalidated.splice(0)) {
      totals.dropped++;
      held.reject(reason);
    }
    report(queue.take(queue.count, clock.now()), reason, {
      attempts: 0,
      dropped: true,
      maybeDelivered: false,
    });
    abort.abort(reason);
    settleWaiters();
  }

  function stats(): IngestorStats {
    const budget = pacer.snapshot(clock.now());
    const headroom = (unit: 'users' | 'events') => ({
      limit: budget.limits[unit],
      used: budget.used[unit],
      remaining: Math.max(0, budget.limits[unit] - budget.used[unit]),
    });
    return {
      queued: queue.count,
      queuedBytes: queue.bytes,
      waiting: queue.waiting + unvalidated.length,
      inFlight,
      ...totals,
      budget: {
        users: headroom('users'),
        events: headroom('events'),
        resetsInMs: budget.resetsInMs,
        pausedForMs: budget.pausedForMs,
      },
    };
  }

  return {
    track,
    trackUser: (user) => track(withType('customer', user)),
    trackEvent: (event) => track(withType('event', event)),
    trackDevice: (device) => track(withType('device', device)),
    flush,
    close,
    stats,
  };
}
