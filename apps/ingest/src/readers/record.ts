/** What the readers yield: one record of the input, or the problem that kept a line from being one. */

/** A record read from the input, located by the line it starts on. */
export type InputRecord<T> = {
  /** 1-based line number where the record starts. */
  line: number;
  /** Bytes of input consumed so far, this record included (for progress). */
  bytesRead: number;
} & ({ ok: true; value: T } | { ok: false; problem: string });

/**
 * Longest line (or CSV record) the readers accept. A Bulk Import request holds at most 128 KB, so a
 * longer line could never be sent; the cap also keeps a file without newlines from filling memory.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Chunks of bytes: a file or stdin stream, or anything iterable in tests. */
export type ByteSource = AsyncIterable<Uint8Array | string>;

/** Streams yield Buffers, but a stream with an encoding set yields strings: accept both. */
export function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
