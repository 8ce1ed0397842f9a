/**
 * The limit: a bare `node:http` server that reads the body, `JSON.parse`s it and answers the fixed
 * success body. No routing, auth, validation, rate limiting or state: nothing a Node server can skip.
 * Run as a child process: `node bench/lib/servers/bare.ts`; prints `{"port":N}` when listening.
 */
import { createServer } from 'node:http';

const SUCCESS_BODY = JSON.stringify({
  status: 'success',
  message: 'Your request has been accepted and will be processed soon.',
  request_id: 'AbCdEfGh',
});

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(SUCCESS_BODY);
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end('{"status":"fail"}');
    }
  });
});
server.keepAliveTimeout = 30_000;

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(JSON.stringify({ port: address.port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
