/**
 * Errors of the ingestor itself (not of an HTTP answer: those are the client's `MoEngageError`s).
 * Each message says what to do about it.
 */

/** Base class of every error the ingestor creates. */
export class IngestError extends Error {
  override name = 'IngestError';
}

/** `track()` got an element whose serialized form can never fit in one request. */
export class ElementTooLargeError extends IngestError {
  override name = 'ElementTooLargeError';
  /** UTF-8 bytes of the serialized element. */
  readonly elementBytes: number;
  /** Most bytes an element may take in one request (payload limit minus the request envelope). */
  readonly maxElementBytes: number;

  constructor(elementBytes: number, maxElementBytes: number, payloadLimitBytes: number) {
    super(
      `This bulk element is ${elementBytes} bytes as JSON, but one Bulk Import request of at most ` +
        `${payloadLimitBytes} bytes has room for ${maxElementBytes} bytes of element. ` +
        'Split its attributes or actions across several elements.',
    );
    this.elementBytes = elementBytes;
    this.maxElementBytes = maxElementBytes;
  }
}

/** `track()` got an element that needs more of a budget than one rate-limit window holds. */
export class ElementOverBudgetError extends IngestError {
  override name = 'ElementOverBudgetError';

  constructor(unit: 'users' | 'events', needed: number, budget: number) {
    super(
      `This bulk element counts ${needed} ${unit}, more than the ${budget} ${unit} per minute the ` +
        `workspace allows, so it could never be sent. Split it into smaller elements${
          unit === 'events' ? ' (fewer actions each)' : ''
        }, or raise the budget option if your workspace's limit is higher.`,
    );
  }
}

/** `track()` got an element the spec's Bulk Import schema rejects, or one that is not JSON. */
export class InvalidElementError extends IngestError {
  override name = 'InvalidElementError';
  /** Where in the element the problem is (`actions.0.action`), when known. */
  readonly path: string | undefined;

  constructor(problem: string, path?: string) {
    super(
      `Invalid bulk element${path ? ` at \`${path}\`` : ''}: ${problem}. Fix the element: ` +
        'sent as is, it would make the client reject the whole request it is packed into.',
    );
    this.path = path;
  }
}

/** `track()` found the queue full with `backpressure: 'reject'`. */
export class QueueFullError extends IngestError {
  override name = 'QueueFullError';

  constructor(queued: number, queuedBytes: number) {
    super(
      `The ingest queue is full (${queued} elements, ${queuedBytes} bytes waiting to be sent). ` +
        "Await track() before tracking more, use backpressure: 'wait', or raise maxQueueSize/maxQueueBytes.",
    );
  }
}

/** `track()` after `close()`. */
export class IngestorClosedError extends IngestError {
  override name = 'IngestorClosedError';

  constructor() {
    super(
      'The ingestor is closed and accepts no more elements. Track everything before calling close(), ' +
        'or create a new ingestor.',
    );
  }
}

/** The reason given for elements `close({ timeoutMs })` gave up on. */
export class CloseTimeoutError extends IngestError {
  override name = 'CloseTimeoutError';

  constructor(timeoutMs: number) {
    super(
      `close() gave up after ${timeoutMs} ms before these elements were delivered (a request in flight may ` +
        'or may not have reached MoEngage). Track them again with a new ingestor, or give close() a longer timeoutMs.',
    );
  }
}
