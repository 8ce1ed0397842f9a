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
import { createEngine } from '../engine/engine.ts';
import { createSqliteStore } from '../store/sqlite.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';
import { createLogger } from './logger.ts';
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

describe('a store that cannot write', () => {
  it('answers 503 and logs the SQLite message at error level, once per failed request', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const engine = createEngine({
      store,
      workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } },
    });
    const errors: string[] = [];
    const failing = await startMockServer({
      port: 0,
      engine,
      logger: createLogger('error', { out: () => {}, err: (line) => errors.push(line) }),
    });
    try {
      const originalPut = store.users.put;
      store.users.put = () => {
        throw new StoreUnavailableError('The data file failed: database or disk is full (SQLite code 13).', {
          cause: new Error('database or disk is full'),
        });
      };
      const response = await trackUser(failing.url, trackUserBody('john'));
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('database or disk is full');
      expect(errors).toEqual([
        expect.stringMatching(/^POST \/v1\/customer\/\S+ → 503: .*database or disk is full/),
      ]);

      store.users.put = originalPut;
      expect((await trackUser(failing.url, trackUserBody('john'))).status).toBe(200);
      expect(errors).toHaveLength(1);
    } finally {
      await failing.close();
      store.close();
    }
  });
});

describe('a cap on connections', () => {
  /** A connected raw socket that has sent nothing (or `head`, a request whose body never comes). */
  const openSocket = (port: number, head?: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        if (head) socket.write(head);
        resolve(socket);
      });
      socket.on('error', reject);
    });
  const closed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

  it('closes the oldest idle connection to serve a new one when at the cap', async () => {
    const capped = await startMockServer({
      port: 0,
      maxConnections: 3,
      engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
    });
    const idle = [
      await openSocket(capped.port),
      await openSocket(capped.port),
      await openSocket(capped.port),
    ];
    try {
      const oldestClosed = closed(idle[0] as Socket);
      expect((await trackUser(capped.url, trackUserBody('john'))).status).toBe(200);
      await oldestClosed;
      expect(idle.map((socket) => socket.destroyed)).toEqual([true, false, false]);
    } finally {
      for (const socket of idle) socket.destroy();
      await capped.close();
    }
  });

  it('refuses a new connection when every connection has a request in flight, and finishes those', async () => {
    const capped = await startMockServer({
      port: 0,
      maxConnections: 2,
      engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
    });
    const body = JSON.stringify(trackUserBody('slow'));
    const head = `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: 127.0.0.1\r\n${authLines(body.length)}\r\n`;
    const busy = [await openSocket(capped.port, head), await openSocket(capped.port, head)];
    try {
      // Both requests are being read (their bodies have not arrived): the server counts them in flight.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await openSocket(capped.port);
      await closed(refused);
      const answers = busy.map(
        (socket) =>
          new Promise<string>((resolve) => {
            let text = '';
            socket.on('data', (chunk) => {
              text += chunk.toString();
              if (text.includes('\r\n\r\n')) resolve(text);
            });
          }),
      );
      for (const socket of busy) socket.write(body);
      for (const answer of await Promise.all(answers)) expect(answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const socket of busy) socket.destroy();
      await capped.close();
    }
  });
});

describe('a client that goes away mid-body', () => {
  it('is logged at debug level, not as an error', async () => {
    const lines: { level: 'out' | 'err'; line: string }[] = [];
    const logged = await startMockServer({
      port: 0,
      engineOptions: { workspaces: { [TEST_WORKSPACE.workspaceId]: { apiKey: TEST_WORKSPACE.apiKey } } },
      logger: createLogger('debug', {
        out: (line) => lines.push({ level: 'out', line }),
        err: (line) => lines.push({ level: 'err', line }),
      }),
    });
    try {
      const socket = connect(logged.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /v1/customer/${TEST_WORKSPACE.workspaceId} HTTP/1.1\r\nHost: 127.0.0.1\r\n${authLines(1000)}\r\n{"type":`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await expect.poll(() => lines.some(({ line }) => line.includes('went away'))).toBe(true);
      expect(lines.filter(({ level }) => level === 'err')).toEqual([]);
      expect(lines.find(({ line }) => line.includes('went away'))?.level).toBe('out');
    } finally {
      await logged.close();
    }
  });
});
