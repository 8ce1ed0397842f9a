import { describe, expect, it } from 'vitest';
import { readLines, readNdjson } from './ndjson.ts';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A stream that delivers `text` as UTF-8 in chunks of `size` bytes (splitting characters too). */
async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('readLines', () => {
  it('numbers lines split across chunks, multi-byte characters included, and counts their bytes', async () => {
    const text = '{"a":"é€😀"}\r\n\n{"b":2}';
    const lines = await collect(readLines(chunked(text, 3)));
    expect(lines.map(({ number, text }) => [number, text])).toEqual([
      [1, '{"a":"é€😀"}'],
      [2, ''],
      [3, '{"b":2}'],
    ]);
    expect(lines.at(-1)?.bytesRead).toBe(Buffer.byteLength(text));
  });

  it('drops a leading byte-order mark', async () => {
    const lines = await collect(readLines(chunked('\uFEFF{"a":1}\n', 2)));
    expect(lines).toEqual([{ number: 1, text: '{"a":1}', bytesRead: 11 }]);
  });

  it('reports a line over the limit without keeping it, and goes on with the next', async () => {
    const text = `${'x'.repeat(50)}\n{"ok":1}\n${'y'.repeat(40)}`;
    const lines = await collect(readLines(chunked(text, 7), 20));
    expect(lines.map(({ number, text }) => [number, text])).toEqual([
      [1, undefined],
      [2, '{"ok":1}'],
      [3, undefined],
    ]);
  });
});

describe('readNdjson', () => {
  it('parses each non-blank line and reports the ones that are not JSON with their line number', async () => {
    const records = await collect(readNdjson(chunked('{"type":"customer"}\n\n{oops\n[1]\n', 5)));
    expect(records.map((record) => [record.line, record.ok])).toEqual([
      [1, true],
      [3, false],
      [4, true],
    ]);
    expect(records[1]).toMatchObject({ ok: false, problem: expect.stringMatching(/^not valid JSON/) });
  });

  it('reports an over-long line as too large for a Bulk Import request', async () => {
    const [record] = await collect(readNdjson(chunked(`{"a":"${'z'.repeat(100)}"}\n`, 16), 64));
    expect(record).toMatchObject({
      line: 1,
      ok: false,
      problem: expect.stringContaining('longer than 64 bytes'),
    });
  });
});
