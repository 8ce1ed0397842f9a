import type { IncomingMessage } from 'node:http';

/** The client closed the connection before its body ended: nobody is left to answer, and nothing is wrong. */
export class ClientAbortedError extends Error {
  override readonly name = 'ClientAbortedError';
}

/** What {@link readBodyUpTo} read. */
export interface LimitedBody {
  /** The bytes read (at most `limit + 1`), `null` when the request had no body. */
  body: Uint8Array | null;
  /** `true` when the body is larger than the limit; the rest was left unread. */
  exceeded: boolean;
}

/**
 * Reads a request body as a stream and stops at `limit`: a declared `Content-Length` over the limit
 * is refused before a single byte is read, and a chunked body is read only until it passes the limit.
 * The caller must answer with `Connection: close` when `exceeded` is true, since the unread rest of
 * the body makes the connection unusable.
 */
export function readBodyUpTo(request: IncomingMessage, limit: number): Promise<LimitedBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ body: null, exceeded: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (result: LimitedBody) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > limit) {
        // Stop pulling from the socket: the rest of a 10 MB body is never read.
        request.pause();
        finish({ body: Buffer.concat(chunks).subarray(0, limit + 1), exceeded: true });
      }
    };
    // One chunk (any small body) is the body itself: no copy.
    const onEnd = () =>
      finish({
        body: total === 0 ? null : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total),
        exceeded: false,
      });
    const onError = (error: Error) => {
      request.off('data', onData);
      request.off('end', onEnd);
      reject(
        request.complete
          ? error
          : new ClientAbortedError(`the client went away after ${total} bytes of the body`, { cause: error }),
      );
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
