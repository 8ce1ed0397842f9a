/**
 * Streams CSV (RFC 4180): a header row naming the columns, then one record per row. Quoted fields may
 * hold commas, doubled quotes and line breaks, so a record can span lines; it is reported by the line
 * it starts on. Only the current record is held in memory.
 */
import { type ByteSource, type InputRecord, MAX_RECORD_BYTES, toBytes } from './record.ts';

/** One data row: column name → cell text, in header order. */
export type CsvRow = ReadonlyMap<string, string>;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'afterQuote';

/** The streaming tokenizer: characters in, finished records (arrays of fields) out. */
class CsvTokenizer {
  state: State = 'fieldStart';
  field = '';
  fields: string[] = [];
  /** Whether the record has anything (a quoted empty field counts, a blank line does not). */
  touched = false;
  line = 1;
  recordLine = 1;
  recordChars = 0;
  problem: string | undefined;

  /** Feeds one character; returns the finished record when `char` ends one. */
  push(char: string): { fields: string[]; line: number; problem: string | undefined } | undefined {
    this.recordChars++;
    switch (this.state) {
      case 'quoted':
        if (char === '"') this.state = 'afterQuote';
        else {
          if (char === '\n') this.line++;
          this.field += char;
        }
        return undefined;
      case 'afterQuote':
        if (char === '"') {
          this.field += '"';
          this.state = 'quoted';
          return undefined;
        }
        if (char === ',' || char === '\n' || char === '\r') return this.separator(char);
        this.problem ??= `unexpected ${JSON.stringify(char)} after a closing quote; write "" for a quote inside a quoted field`;
        this.field += char;
        this.state = 'unquoted';
        return undefined;
      case 'fieldStart':
        if (char === '"') {
          this.state = 'quoted';
          this.touched = true;
          return undefined;
        }
        return this.plain(char);
      case 'unquoted':
        return this.plain(char);
    }
  }

  private plain(char: string) {
    if (char === ',' || char === '\n' || char === '\r') return this.separator(char);
    this.field += char;
    this.touched = true;
    this.state = 'unquoted';
    return undefined;
  }

  private separator(char: string) {
    // A `\r` is part of a `\r\n` ending (or stray): it never ends a field by itself.
    if (char === '\r') return undefined;
    this.fields.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
    if (char === ',') {
      this.touched = true;
      return undefined;
    }
    return this.endRecord();
  }

  /** Ends the record at a line break (or the end of the input). */
  endRecord() {
    const record = this.touched
      ? { fields: this.fields, line: this.recordLine, problem: this.problem }
      : undefined;
    this.fields = [];
    this.touched = false;
    this.problem = undefined;
    this.line++;
    this.recordLine = this.line;
    this.recordChars = 0;
    return record;
  }
}

function checkHeader(fields: string[]): string | undefined {
  const seen = new Set<string>();
  for (const [index, name] of fields.entries()) {
    if (name === '') return `column ${index + 1} of the header has no name; name every column`;
    if (seen.has(name)) return `the header names column ${JSON.stringify(name)} twice; rename one`;
    seen.add(name);
  }
  return undefined;
}

/**
 * Reads CSV records as column → cell maps. A malformed row becomes a record with the problem and its
 * line number; a bad header or a record too long to be real (an unclosed quote) ends the file.
 */
export async function* readCsv(
  source: ByteSource,
  maxRecordChars = MAX_RECORD_BYTES,
): AsyncGenerator<InputRecord<CsvRow>> {
  const decoder = new TextDecoder('utf-8');
  const tokenizer = new CsvTokenizer();
  let header: string[] | undefined;
  let bytesRead = 0;

  const toRecord = (finished: { fields: string[]; line: number; problem: string | undefined }) => {
    const { fields, line, problem } = finished;
    if (problem) return { line, bytesRead, ok: false as const, problem };
    if (!header) {
      header = fields.map((name) => name.trim());
      const headerProblem = checkHeader(header);
      return headerProblem
        ? { line, bytesRead, ok: false as const, problem: headerProblem, fatal: true }
        : undefined;
    }
    if (fields.length !== header.length) {
      return {
        line,
        bytesRead,
        ok: false as const,
        problem: `the row has ${fields.length} fields but the header has ${header.length} columns; quote cells that contain commas`,
      };
    }
    const row = new Map<string, string>();
    for (const [index, name] of header.entries()) row.set(name, fields[index] as string);
    return { line, bytesRead, ok: true as const, value: row };
  };

  const consume = function* (text: string) {
    for (const char of text) {
      const finished = tokenizer.push(char);
      if (finished) {
        const record = toRecord(finished);
        if (record) {
          yield record;
          if ('fatal' in record) return true;
        }
      } else if (tokenizer.recordChars > maxRecordChars) {
        yield {
          line: tokenizer.recordLine,
          bytesRead,
          ok: false as const,
          problem: `the record is longer than ${maxRecordChars} characters (an unclosed quote?); the rest of this file was skipped`,
        };
        return true;
      }
    }
    return false;
  };

  let first = true;
  for await (const chunk of source) {
    const bytes = toBytes(chunk);
    bytesRead += bytes.length;
    let text = decoder.decode(bytes, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (yield* consume(text)) return;
  }
  if (yield* consume(decoder.decode())) return;
  if (tokenizer.state === 'quoted') {
    yield {
      line: tokenizer.recordLine,
      bytesRead,
      ok: false,
      problem: 'a quoted field is never closed; add the missing "',
    };
    return;
  }
  tokenizer.fields.push(tokenizer.field);
  const last = tokenizer.endRecord();
  const record = last && toRecord(last);
  if (record) yield record;
  if (!header)
    yield { line: 1, bytesRead, ok: false, problem: 'the file is empty; a CSV needs a header row' };
}
