/** The contract of a load generator: POST the given bodies in rotation over keep-alive connections. */

/** What to send. */
export interface LoadSpec {
  /** Full URL on 127.0.0.1 (path and query included). */
  url: string;
  /** Request headers (Content-Type, Authorization, ...). Content-Length is computed. */
  headers: Record<string, string>;
  /** Request bodies, sent in rotation, one per request. Each must be a single line (JSON.stringify output). */
  bodies: string[];
  /** How long to keep the load on. */
  durationSeconds: number;
  /** Concurrent keep-alive connections. */
  connections: number;
}

/** What came back. */
export interface LoadResult {
  tool: 'wrk' | 'node';
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  /** Responses with status ≥ 400 (wrk counts only those as status errors). */
  errorStatuses: number;
  /** Connect, read, write and timeout errors. */
  socketErrors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU seconds the generator itself used; with the server's CPU this shows which side was the limit. */
  generatorCpuSeconds: number | null;
}

/** Refuses any target that is not this machine's loopback interface. */
export function assertLoopback(url: string): void {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`Load may only target 127.0.0.1; got ${url}. Start the server on 127.0.0.1.`);
  }
}
