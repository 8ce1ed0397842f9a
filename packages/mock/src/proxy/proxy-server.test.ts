import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../server/mock-server.ts';
import type { Divergence } from './divergences.ts';
import { fileImportsOrigin, type ProxyServer, startProxyServer } from './proxy-server.ts';

const auth = `Basic ${btoa('WS:secret')}`;
let emulator: MockServer;
let proxy: ProxyServer;
const seen: Divergence[] = [];

beforeAll(async () => {
  emulator = await startMockServer({ port: 0, engineOptions: { workspaces: { WS: { apiKey: 'secret' } } } });
  proxy = await startProxyServer({ upstream: emulator.url, port: 0, onDivergence: (d) => seen.push(d) });
});
afterAll(async () => {
  await proxy.close();
  await emulator.close();
});

const trackUser = (body: unknown, base = proxy.url) =>
  fetch(`${base}/v1/customer/WS`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('passes requests and answers through unchanged and finds nothing wrong with the emulator', async () => {
  seen.length = 0;
  const response = await trackUser({ type: 'customer', customer_id: 'john', attributes: { name: 'John' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-ratelimit-limit')).toBe('10000; w=60');
  expect(await response.json()).toMatchObject({ status: 'success' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen).toEqual([]);
});

it('logs a bad request without blocking it: the caller gets the upstream answer', async () => {
  seen.length = 0;
  const response = await trackUser({ type: 'customer', customer_id: 7 });
  expect(response.status).toBe(400);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen.map((divergence) => divergence.field)).toEqual(['request.body.customer_id']);
});

it('logs an upstream answer that leaves the contract', async () => {
  const wrong = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
  const found: Divergence[] = [];
  const wrongProxy = await startProxyServer({
    upstream: `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`,
    port: 0,
    onDivergence: (d) => found.push(d),
  });
  try {
    const response = await trackUser({ type: 'customer', customer_id: 'john' }, wrongProxy.url);
    expect(await response.json()).toEqual({ status: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(found.map((divergence) => divergence.field)).toEqual([
      'response.body.status',
      'response.body.message',
      'response.headers',
    ]);
  } finally {
    await wrongProxy.close();
    wrong.close();
  }
});

it('sends Trigger File Imports to the data center file-imports host', () => {
  expect(fileImportsOrigin('https://api-03.moengage.com')).toBe(
    'https://fileimports-data-api-03.moengage.com',
  );
  expect(fileImportsOrigin('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
});
