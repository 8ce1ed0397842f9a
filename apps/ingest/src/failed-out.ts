/**
 * `--failed-out FILE`: elements that could not be delivered, one per line, as NDJSON that
 * `moengage-ingest` reads back for a retry run. The file is created (emptied) when the run starts, so
 * an empty file after a run means nothing failed.
 */

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { UsageError } from './args.ts';

/** An open `--failed-out` file. */
export interface FailedOut {
  /** Appends elements, one JSON line each; waits when the disk is slower than the failures. */
  write(elements: readonly unknown[]): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Creates or empties `path` for writing.
 * @throws UsageError when the file cannot be written.
 */
export async function createFailedOut(path: string): Promise<FailedOut> {
  const stream: WriteStream = createWriteStream(path, { flags: 'w' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new UsageError(
      `--failed-out: cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pick a writable path.`,
    );
  }
  let closed: Promise<void> | undefined;
  return {
    async write(elements) {
      if (elements.length === 0 || closed) return;
      const text = `${elements.map((element) => JSON.stringify(element)).join('\n')}\n`;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      return closed;
    },
  };
}
