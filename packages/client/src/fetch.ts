/**
 * Wraps the fetch that `currentFetch()` returns at each request (so a global fetch replaced after the
 * client was created, as MSW and nock do, is the one used) so the returned promise settles as soon as the request's signal aborts, even when the
 * implementation ignores signals (some polyfills and test doubles do). A real fetch still receives the
 * signal and closes the connection itself.
 */
export function abortableFetch(
  currentFetch: () => typeof globalThis.fetch,
): (request: Request) => Promise<Response> {
  return (request) => {
    const { signal } = request;
    if (signal.aborted) return Promise.reject(signal.reason);
    const fetchImpl = currentFetch();
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      fetchImpl(request).then(
        (response) => {
          signal.removeEventListener('abort', onAbort);
          resolve(response);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };
}
