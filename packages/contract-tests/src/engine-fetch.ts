/**
 * A fetch that hands each request straight to an engine, for property tests that send thousands of
 * requests: the MSW and node:http adapters cost 10-20 ms a request on a busy 2-core machine, the
 * engine well under one. It converts like the adapters do (lower-case headers, the body as bytes);
 * the adapters themselves are covered by the round-trip tests and by a sample of every property run
 * over MSW and over HTTP (see test/fuzz).
 */
import type { Engine } from '@moedata/mock';

/** Answers `fetch` calls from `engine` without any network or interception. */
export function engineFetch(engine: Engine): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const bytes = new Uint8Array(await request.arrayBuffer());
    const answer = await engine.handle({
      method: request.method,
      url: request.url,
      headers,
      body: bytes.byteLength === 0 ? null : bytes,
    });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };
}
