/**
 * Worker thread of the Node load generator: raw keep-alive TCP sockets, pre-serialised HTTP/1.1 requests
 * and a minimal response parser (status line, Content-Length or chunked), so that the generator costs far
 * less per request than any server it measures. One request in flight per connection, like wrk.
 */
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadSpec } from './types.ts';

const spec = workerData as LoadSpec;
const target = new URL(spec.url);
const port = Number(target.port || 80);
const host = target.hostname;
const headerBlock = Object.entries({ host: target.host, connection: 'keep-alive', ...spec.headers })
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');
const requests = spec.bodies.map((body) => {
  const bodyBytes = Buffer.from(body, 'utf8');
  const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\n${headerBlock}content-length: ${bodyBytes.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBytes]);
});

// Latency histogram in 10 µs buckets up to 10 s: constant memory however many requests complete.
const BUCKET_US = 10;
const histogram = new Uint32Array(1_000_000);
let completed = 0;
let errorStatuses = 0;
let socketErrors = 0;
let nextBody = 0;
const deadline = performance.now() + spec.durationSeconds * 1000;
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let open = 0;

function percentileMs(p: number): number {
  const rank = Math.ceil((p / 100) * completed);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] as number;
    if (seen >= rank) return (i * BUCKET_US) / 1000;
  }
  return Number.NaN;
}

function finish(): void {
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  parentPort?.postMessage({
    requests: completed,
    durationSeconds: elapsed,
    errorStatuses,
    socketErrors,
    latencyP50Ms: percentileMs(50),
    latencyP99Ms: percentileMs(99),
    // Process-wide CPU since the load started: the orchestrator thread is idle meanwhile.
    generatorCpuSeconds: (cpu.user + cpu.system) / 1e6,
  });
}

/** Returns the byte length of one complete response at the start of `buffer`, or -1 when incomplete. */
function completeResponseLength(buffer: Buffer): number {
  const headerEnd = buffer.indexOf('\r\n\r\n');
  if (headerEnd < 0) return -1;
  const head = buffer.toString('latin1', 0, headerEnd).toLowerCase();
  const lengthMatch = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (lengthMatch) {
    const total = headerEnd + 4 + Number(lengthMatch[1]);
    return buffer.length >= total ? total : -1;
  }
  if (head.includes('transfer-encoding: chunked')) {
    const end = buffer.indexOf('\r\n0\r\n\r\n', headerEnd);
    return end < 0 ? -1 : end + 7;
  }
  return headerEnd + 4;
}

function drive(socket: Socket): void {
  let pending: Buffer = Buffer.alloc(0);
  let sentAt = 0;
  const send = (): void => {
    if (performance.now() >= deadline) {
      socket.end();
      return;
    }
    const request = requests[nextBody] as Buffer;
    nextBody = (nextBody + 1) % requests.length;
    sentAt = performance.now();
    socket.write(request);
  };
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const length = completeResponseLength(pending);
    if (length < 0) return;
    const status = Number(pending.toString('latin1', 9, 12));
    if (!(status < 400)) errorStatuses++;
    pending = pending.subarray(length);
    const bucket = Math.min(
      histogram.length - 1,
      Math.floor(((performance.now() - sentAt) * 1000) / BUCKET_US),
    );
    histogram[bucket] = (histogram[bucket] as number) + 1;
    completed++;
    send();
  });
  socket.on('error', () => {
    socketErrors++;
  });
  socket.on('close', () => {
    open--;
    if (open === 0) finish();
  });
  send();
}

for (let i = 0; i < spec.connections; i++) {
  open++;
  const socket = connect({ host, port, noDelay: true });
  socket.once('connect', () => drive(socket));
}
