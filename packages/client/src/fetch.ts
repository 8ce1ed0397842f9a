/**
 * Wraps a fetch so the returned promise settles as soon as the request's signal aborts, even when the
 * implementation ignores signals (some polyfills and test doubles do). A real fetch still receives the
 * signal and closes the connection itself.
 */
export function abortableFetch(fetchImpl: typeof globalThis.fetch): (request: Request) => Promise<Response> {
  return (request) => {
    const { signal } = request;
    if (signal.aborted) return Promise.reject(signal.reason);
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
