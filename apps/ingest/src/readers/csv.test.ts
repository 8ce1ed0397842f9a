import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

const rows = async (text: string, size = 4) =>
  (await collect(readCsv(chunked(text, size)))).map((record) =>
    record.ok
      ? { line: record.line, row: Object.fromEntries(record.value) }
      : { line: record.line, problem: record.problem },
  );

describe('readCsv', () => {
  it('maps each row to its header, with quoted commas, doubled quotes and CRLF endings', async () => {
    expect(await rows('customer_id,name\r\nu1,"Doe, ""JD"" John"\r\nu2,Zoë\r\n')).toEqual([
      { line: 2, row: { customer_id: 'u1', name: 'Doe, "JD" John' } },
      { line: 3, row: { customer_id: 'u2', name: 'Zoë' } },
    ]);
  });

  it('keeps line breaks inside quotes and reports a record by the line it starts on', async () => {
    expect(await rows('id,note\na,"two\nlines"\nb,x,extra\nc,last', 3)).toEqual([
      { line: 2, row: { id: 'a', note: 'two\nlines' } },
      {
        line: 4,
        problem: 'the row has 3 fields but the header has 2 columns; quote cells that contain commas',
      },
      { line: 5, row: { id: 'c', note: 'last' } },
    ]);
  });

  it('skips blank lines, trims header names and drops a byte-order mark', async () => {
    expect(await rows('\uFEFF id , name \n\nu1,A\n\n')).toEqual([{ line: 3, row: { id: 'u1', name: 'A' } }]);
  });

  it('reports text after a closing quote and goes on', async () => {
    expect(await rows('a,b\n"x"y,1\n2,3\n')).toEqual([
      { line: 2, problem: expect.stringContaining('after a closing quote') },
      { line: 3, row: { a: '2', b: '3' } },
    ]);
  });

  it('reports a quote never closed at the line it opened', async () => {
    expect(await rows('a,b\n1,2\n3,"never\nclosed\n')).toEqual([
      { line: 2, row: { a: '1', b: '2' } },
      { line: 3, problem: 'a quoted field is never closed; add the missing "' },
    ]);
  });

  it('stops at a header with a duplicate or empty column name', async () => {
    expect(await rows('a,a\n1,2\n')).toEqual([{ line: 1, problem: expect.stringContaining('"a" twice') }]);
    expect(await rows('a,,c\n1,2,3\n')).toEqual([{ line: 1, problem: expect.stringContaining('column 2') }]);
  });

  it('stops reading a file whose record grows past the limit (an unclosed quote)', async () => {
    const records = await collect(readCsv(chunked(`a\n"${'x'.repeat(200)}\nb\n`, 16), 100));
    expect(records).toEqual([
      expect.objectContaining({ line: 2, ok: false, problem: expect.stringContaining('unclosed quote') }),
    ]);
  });

  it('says an empty file needs a header', async () => {
    expect(await rows('')).toEqual([{ line: 1, problem: 'the file is empty; a CSV needs a header row' }]);
  });
});
