/** Test targets: the emulator on a free port, and a stub that answers one catalogue row differently. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer } from '@moedata/mock/node';
import { getError } from '@moedata/spec/errors';

export const WORKSPACE = 'CONFORMANCEWS';
export const KEY = 'conformance-secret';

export function startEmulator(): Promise<MockServer> {
  return startMockServer({ port: 0, engineOptions: { workspaces: { [WORKSPACE]: { apiKey: KEY } } } });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A deliberately wrong server: forwards everything to `upstream`, but answers the "Malformed JSON"
 * row with another message, as a regression in an emulator (or a change at MoEngage) would. Without
 * `mockApi` it hides the emulator's `/_mock` API, so the kit takes it for a real service.
 */
export async function startWrongStub(
  upstream: string,
  options: { readonly mockApi: boolean },
): Promise<{ url: string; close: () => Promise<void> }> {
  const malformed = getError('malformedJson');
  const server = createServer(async (request, response) => {
    if (!options.mockApi && request.url?.startsWith('/_mock')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const body = await readBody(request);
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([name, value]) =>
        typeof value === 'string' && name !== 'host' && name !== 'content-length' ? [[name, value]] : [],
      ),
    );
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method,
      headers,
      ...(body.length === 0 && request.method === 'GET' ? {} : { body: new Uint8Array(body) }),
    });
    let text = await answer.text();
    const parsed = JSON.parse(text) as { error?: { type?: string; message?: string } };
    if (parsed.error?.type === malformed.type) {
      parsed.error.message = 'The request body is not JSON';
      text = JSON.stringify(parsed);
    }
    const outHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'content-encoding') outHeaders[name] = value;
    });
    response.writeHead(answer.status, outHeaders).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
