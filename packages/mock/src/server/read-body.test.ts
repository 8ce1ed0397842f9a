import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBodyUpTo } from './read-body.ts';

let server: Server;
let url: string;

beforeAll(async () => {
  // Answers what readBodyUpTo saw, so each case reads as "sent N bytes → read M, exceeded?".
  server = createServer(async (request, response) => {
    const { body, exceeded } = await readBodyUpTo(request, PAYLOAD_LIMIT_BYTES);
    if (exceeded) response.setHeader('connection', 'close');
    response.end(JSON.stringify({ read: body?.byteLength ?? 0, exceeded }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `size` bytes, with a Content-Length or chunked (a stream has no length to declare). */
async function send(size: number, framing: 'content-length' | 'chunked') {
  const bytes = new Uint8Array(size).fill(0x20);
  const body =
    framing === 'content-length'
      ? bytes
      : new ReadableStream<Uint8Array>({
          start(controller) {
            for (let offset = 0; offset < size; offset += 16_384)
              controller.enqueue(bytes.subarray(offset, offset + 16_384));
            controller.close();
          },
        });
  const response = await fetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
  return (await response.json()) as { read: number; exceeded: boolean };
}

describe('the standalone server reads a body up to the 128 KB limit', () => {
  it.each(['content-length', 'chunked'] as const)(
    'takes exactly 131,072 bytes whole (%s)',
    async (framing) => {
      expect(PAYLOAD_LIMIT_BYTES).toBe(131_072);
      expect(await send(131_072, framing)).toEqual({ read: 131_072, exceeded: false });
    },
  );

  it('refuses 131,073 bytes announced by Content-Length without reading any', async () => {
    expect(await send(131_073, 'content-length')).toEqual({ read: 0, exceeded: true });
  });

  it('stops a chunked body of 131,073 bytes after limit + 1 bytes', async () => {
    expect(await send(131_073, 'chunked')).toEqual({ read: 131_073, exceeded: true });
  });
});
