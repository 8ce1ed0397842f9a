import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/engine.ts';
import { toEngineRequest, toHttpResponse } from './engine-bridge.ts';
import { parseBaseUrl } from './hosts.ts';

const engine = createEngine({ workspaces: { SMALL: { apiKey: 'k', payloadLimitBytes: 16 } } });
const authorization = `Basic ${btoa('SMALL:k')}`;

function post(url: string, body: string | null, headers: Record<string, string> = {}) {
  return new Request(url, { method: 'POST', headers: { Authorization: authorization, ...headers }, body });
}

describe('MSW request → engine request', () => {
  it('passes the method, the full URL, lower-cased headers and the body bytes', async () => {
    const request = await toEngineRequest(
      post('https://api-01.moengage.com/v1/customer/SMALL?x=1', '{"a":1}', { 'X-Custom': 'yes' }),
      engine,
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://api-01.moengage.com/v1/customer/SMALL?x=1');
    expect(request.headers['x-custom']).toBe('yes');
    expect(new TextDecoder().decode(request.body ?? undefined)).toBe('{"a":1}');
    expect(request.bodyExceededLimit).toBeUndefined();
  });

  it('hands an empty body over as null', async () => {
    const request = await toEngineRequest(
      post('https://api-01.moengage.com/v1/customer/SMALL', null),
      engine,
    );
    expect(request.body).toBeNull();
  });

  it('removes the path prefix of a custom base URL so the engine sees /v1/...', async () => {
    const request = await toEngineRequest(
      post('http://localhost:3000/moengage/v1/customer/SMALL', '{}'),
      engine,
      '/moengage',
    );
    expect(new URL(request.url).pathname).toBe('/v1/customer/SMALL');
  });

  it('flags a body over the workspace limit and passes on only limit + 1 bytes', async () => {
    const request = await toEngineRequest(
      post('https://api-01.moengage.com/v1/customer/SMALL', 'x'.repeat(100)),
      engine,
    );
    expect(request.bodyExceededLimit).toBe(true);
    expect(request.body?.byteLength).toBe(17);
  });
});

describe('MSW request → engine request at the real 128 KB limit', () => {
  const standard = createEngine({ workspaces: { WS: { apiKey: 'k' } } });
  const bytes = (size: number) => new Uint8Array(size).fill(0x20);
  const at = (size: number, headers: Record<string, string> = {}) =>
    toEngineRequest(
      new Request('https://api-01.moengage.com/v1/customer/WS', {
        method: 'POST',
        headers: { Authorization: `Basic ${btoa('WS:k')}`, ...headers },
        body: bytes(size),
      }),
      standard,
    );

  it('passes a body of exactly 131,072 bytes on whole and unflagged', async () => {
    const framings: Record<string, string>[] = [{}, { 'content-length': '131072' }];
    for (const headers of framings) {
      const request = await at(131_072, headers);
      expect(request.bodyExceededLimit).toBeFalsy();
      expect(request.body?.byteLength).toBe(131_072);
    }
  });

  it('flags a body of 131,073 bytes, read or only announced', async () => {
    const read = await at(131_073);
    expect(read.bodyExceededLimit).toBe(true);
    expect(read.body?.byteLength).toBe(131_073);
    // Announced only: the header alone decides, before the (here short) body is read.
    const announced = await at(10, { 'content-length': '131073' });
    expect(announced).toMatchObject({ bodyExceededLimit: true, body: null });
  });
});

describe('engine response → MSW response', () => {
  it('keeps the status, every header and the JSON body', async () => {
    const response = toHttpResponse({
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'content-type': 'application/json' },
      body: { status: 'fail' },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await response.json()).toEqual({ status: 'fail' });
  });
});

describe('custom base URLs', () => {
  it('drop a trailing slash and keep their path prefix', () => {
    expect(parseBaseUrl('http://localhost:3000/moengage/')).toEqual({
      base: 'http://localhost:3000/moengage',
      pathPrefix: '/moengage',
    });
    expect(parseBaseUrl('http://127.0.0.1:4010')).toEqual({ base: 'http://127.0.0.1:4010', pathPrefix: '' });
  });
});
