import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dataApiHeaders,
  getUser,
  getUserBody,
  TEST_WORKSPACE,
  trackUser,
  trackUserBody,
} from '../../test/support/data-api.ts';
import { type MockServer, startMockServer } from './mock-server.ts';

let server: MockServer;
/** Server-side sockets, to see how many connections were used and how much each one read. */
let serverSockets: Socket[];

beforeEach(async () => {
  server = await startMockServer({
    port: 0,
    engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
  });
  serverSockets = [];
  server.httpServer.on('connection', (socket) => serverSockets.push(socket));
});

afterEach(async () => {
  await server.close();
});

/** Sends a raw HTTP/1.1 request whose body is streamed in 64 KB chunks, honouring backpressure. */
function streamLargeBody(size: number, headers: string): Promise<{ response: string; written: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let response = '';
    const pump = () => {
      while (written < size && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      socket.write(
        `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`,
      );
      pump();
    });
    socket.on('data', (data) => {
      response += data.toString();
    });
    // Writing into a connection the server closed ends in EPIPE/ECONNRESET: expected here.
    socket.on('error', () => {});
    socket.on('close', () => (response ? resolve({ response, written }) : reject(new Error('no response'))));
  });
}

const authLines = (contentLength?: number) =>
  [
    `Authorization: ${dataApiHeaders().authorization}`,
    'Content-Type: application/json',
    contentLength === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${contentLength}`,
    '',
  ].join('\r\n');

describe('standalone server over real HTTP', () => {
  it('stores a Track User and returns it from Get User, as the MSW handlers do', async () => {
    expect((await trackUser(server.url, trackUserBody('john'))).status).toBe(200);
    const response = await getUser(server.url, getUserBody('john'));
    const body = (await response.json()) as {
      data: { users: Array<{ user_attributes: Record<string, unknown> }> };
    };
    expect(body.data.users[0]?.user_attributes).toMatchObject({ customer_id: 'john', name: 'John Doe' });
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000; w=60');
  });

  it('answers a streamed 10 MB body with 413 after reading only a little of it, then closes the connection', async () => {
    const size = 10 * 1024 * 1024;
    const { response } = await streamLargeBody(size, authLines(size));
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(response).toContain('"status":"fail"');
    // The server read the headers and at most a few socket buffers, never the whole body.
    expect(serverSockets[0]?.bytesRead).toBeLessThan(1024 * 1024);
    expect(server.engine.store.users.count()).toBe(0);
  });

  it('stops reading a chunked body (no Content-Length) once it passes the limit', async () => {
    const size = 10 * 1024 * 1024;
    const chunkedHeaders = authLines();
    const { response } = await new Promise<{ response: string }>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      const piece = `${(64 * 1024).toString(16)}\r\n${' '.repeat(64 * 1024)}\r\n`;
      let sent = 0;
      const pump = () => {
        while (sent < size && !socket.destroyed) {
          sent += 64 * 1024;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
      };
      socket.on('connect', () => {
        socket.write(
          `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: x\r\n${chunkedHeaders}\r\n`,
        );
        pump();
      });
      socket.on('data', (data) => {
        answer += data.toString();
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve({ response: answer }));
    });
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(serverSockets[0]?.bytesRead).toBeLessThan(1024 * 1024);
  });

  it('answers Expect: 100-continue with 413 at once for a body announced over the limit, and invites one within it', async () => {
    const exchange = (contentLength: number, body: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(server.port, '127.0.0.1');
        let answer = '';
        let bodySent = false;
        socket.on('connect', () =>
          socket.write(
            `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n` +
              `Connection: close\r\n${authLines(contentLength)}\r\n`,
          ),
        );
        socket.on('data', (data) => {
          answer += data.toString();
          if (!bodySent && answer.startsWith('HTTP/1.1 100 Continue')) {
            bodySent = true;
            socket.write(body);
          }
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve(answer));
      });
    const tooBig = await exchange(10 * 1024 * 1024, '');
    expect(tooBig).toMatch(/^HTTP\/1\.1 413 /);

    const body = JSON.stringify(trackUserBody('invited'));
    const invited = await exchange(Buffer.byteLength(body), body);
    expect(invited).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('serves several requests over one keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (customerId: string) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const body = JSON.stringify(trackUserBody(customerId));
        const req = httpRequest(
          `${server.url}/v1/customer/${TEST_WORKSPACE.workspaceId}`,
          {
            method: 'POST',
            agent,
            headers: { ...dataApiHeaders(), 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const results = [];
    for (const id of ['a', 'b', 'c', 'd']) results.push(await send(id));
    agent.destroy();

    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    expect(results.map((result) => result.reused)).toEqual([false, true, true, true]);
    expect(serverSockets).toHaveLength(1);
  });

  it('answers 50 concurrent clients, each with its own result', async () => {
    const ids = Array.from({ length: 50 }, (_, index) => `user-${index}`);
    const responses = await Promise.all(
      ids.map((id) => trackUser(server.url, trackUserBody(id, { index: id }))),
    );
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 200));
    const requestIds = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { request_id: string }).request_id),
    );
    expect(new Set(requestIds).size).toBe(50);
    for (const id of ids) {
      expect(server.engine.store.users.get(TEST_WORKSPACE.workspaceId, id)?.attributes.index).toBe(id);
    }
  });

  it('lets a request in flight finish during a graceful close, then refuses new connections', async () => {
    const body = JSON.stringify(trackUserBody('late'));
    const half = Math.floor(body.length / 2);
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString();
    });
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: x\r\n${authLines(body.length)}\r\n${body.slice(0, half)}`,
    );
    // Wait until the server has the request open, then start closing while its body is incomplete.
    await new Promise<void>((resolve) => server.httpServer.once('request', () => resolve()));
    const closed = server.close();
    await expect(fetch(`${server.url}/_mock/health`)).rejects.toThrow();

    socket.write(body.slice(half));
    await closed;
    await socketClosed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(server.engine.store.users.get(TEST_WORKSPACE.workspaceId, 'late')).toBeDefined();
  });

  it('answers /docs with a hint on how to build the reference when no docs folder was given', async () => {
    const response = await fetch(`${server.url}/docs/`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain(
      'pnpm --filter @moedata/docs build',
    );
  });
});
