/**
 * Streams NDJSON: one JSON value per line, split on `\n` bytes (a UTF-8 continuation byte is never
 * 0x0A, so splitting before decoding is safe), with `\r\n` endings, a leading BOM and blank lines
 * tolerated. Only the current line is held in memory.
 */
import { type ByteSource, type InputRecord, MAX_RECORD_BYTES, toBytes } from './record.ts';

const NEWLINE = 0x0a;

/** One line of text, or a marker that it was too long to keep. */
export interface Line {
  number: number;
  /** The line without its ending; `undefined` when it was longer than the limit (then skipped). */
  text: string | undefined;
  /** Bytes consumed so far, this line and its ending included. */
  bytesRead: number;
}

function decodeLine(parts: Uint8Array[], number: number): string {
  let text = Buffer.concat(parts).toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Splits a byte stream into numbered lines; a line over `maxLineBytes` is reported, not buffered. */
export async function* readLines(source: ByteSource, maxLineBytes = MAX_RECORD_BYTES): AsyncGenerator<Line> {
  let parts: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 1;
  let bytesRead = 0;
  for await (const chunk of source) {
    const bytes = toBytes(chunk);
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      bytesRead += end + 1 - start;
      if (!tooLong && pendingBytes + end - start <= maxLineBytes) parts.push(bytes.subarray(start, end));
      else tooLong = true;
      yield { number, text: tooLong ? undefined : decodeLine(parts, number), bytesRead };
      parts = [];
      pendingBytes = 0;
      tooLong = false;
      number++;
      start = end + 1;
    }
    const rest = bytes.length - start;
    bytesRead += rest;
    if (rest > 0 && !tooLong) {
      if (pendingBytes + rest > maxLineBytes) {
        tooLong = true;
        parts = [];
      } else {
        // Copy: the stream may reuse its buffer for the next chunk.
        parts.push(Uint8Array.prototype.slice.call(bytes, start));
        pendingBytes += rest;
      }
    }
  }
  if (tooLong || pendingBytes > 0) {
    yield { number, text: tooLong ? undefined : decodeLine(parts, number), bytesRead };
  }
}

/**
 * Reads NDJSON records: each non-blank line parsed as JSON. A line that is not JSON, or too long,
 * becomes a record with the problem and its line number; reading goes on.
 */
export async function* readNdjson(
  source: ByteSource,
  maxLineBytes = MAX_RECORD_BYTES,
): AsyncGenerator<InputRecord<unknown>> {
  for await (const { number, text, bytesRead } of readLines(source, maxLineBytes)) {
    if (text === undefined) {
      yield {
        line: number,
        bytesRead,
        ok: false,
        problem: `the line is longer than ${maxLineBytes} bytes, so it could never fit in a Bulk Import request; split it`,
      };
      continue;
    }
    if (text.trim() === '') continue;
    try {
      yield { line: number, bytesRead, ok: true, value: JSON.parse(text) };
    } catch (error) {
      yield {
        line: number,
        bytesRead,
        ok: false,
        problem: `not valid JSON (${(error as Error).message}); each line must be one JSON object`,
      };
    }
  }
}
