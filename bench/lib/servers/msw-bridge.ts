/**
 * MSW's `getResponse` served over `node:http`, to measure MSW handlers under the same load as the servers:
 * each request becomes a Fetch `Request` on https://api-01.moengage.com, `getResponse` finds the answer,
 * and the `Response` is written back.
 *   node bench/lib/servers/msw-bridge.ts --handlers adapter   our handlers (createHandlers over the engine)
 *   node bench/lib/servers/msw-bridge.ts --handlers static    one handler per route: parse the body, answer the fixed success body
 * Prints `{"port":N}` when listening.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createEngine, createHandlers } from '@moedata/mock';
import { getResponse, HttpResponse, http, type RequestHandler } from 'msw';
import { SUCCESS_BODY, WORKSPACE_ID } from '../fixtures.ts';
import { UNLIMITED_WORKSPACE } from './unlimited.ts';

const ORIGIN = 'https://api-01.moengage.com';
const { values } = parseArgs({ options: { handlers: { type: 'string', default: 'adapter' } } });

function staticHandlers(): RequestHandler[] {
  // Reads and parses the body like the bare server, so the ratio isolates what our adapter adds.
  const answer = async ({ request }: { request: Request }) => {
    await request.json();
    return HttpResponse.json(SUCCESS_BODY);
  };
  return [
    http.post(`${ORIGIN}/v1/customer/:app_id`, answer),
    http.post(`${ORIGIN}/v1/transition/:app_id`, answer),
  ];
}

function adapterHandlers(): RequestHandler[] {
  // The default options, as a test suite uses them: every MoEngage host of every data center.
  const engine = createEngine({ workspaces: { [WORKSPACE_ID]: UNLIMITED_WORKSPACE } });
  return createHandlers(engine);
}

const handlers = values.handlers === 'static' ? staticHandlers() : adapterHandlers();

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', async () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) headers.set(name, value.join(', '));
    }
    const request = new Request(`${ORIGIN}${incoming.url ?? '/'}`, {
      method: incoming.method ?? 'GET',
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : null,
    });
    const response = await getResponse(handlers, request);
    if (!response) {
      outgoing.writeHead(501, { 'content-type': 'text/plain' }).end('No MSW handler matched');
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(JSON.stringify({ port: address.port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
