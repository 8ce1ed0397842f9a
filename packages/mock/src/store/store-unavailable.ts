/**
 * A store that cannot read or write right now (disk full, I/O error, corrupted file): the engine answers
 * 503 and the server logs the cause, instead of a 500 that looks like a bug in the request.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
