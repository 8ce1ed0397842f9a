import { describe, expect, it, vi } from 'vitest';
import { abortableFetch } from './fetch.ts';

describe('abortableFetch', () => {
  it('passes the request through and resolves with the response', async () => {
    const inner = vi.fn(async () => new Response('ok'));
    const request = new Request('http://127.0.0.1/x', { method: 'POST' });
    const response = await abortableFetch(() => inner as typeof fetch)(request);
    expect(await response.text()).toBe('ok');
    expect(inner).toHaveBeenCalledWith(request);
  });

  it('rejects with the abort reason even when the implementation never settles', async () => {
    const controller = new AbortController();
    const pending = abortableFetch(() => (() => new Promise<Response>(() => {})) as typeof fetch)(
      new Request('http://127.0.0.1/x', { signal: controller.signal }),
    );
    controller.abort(new Error('too slow'));
    await expect(pending).rejects.toThrow('too slow');
  });

  it('does not call the implementation for an already aborted request', async () => {
    const inner = vi.fn();
    const request = new Request('http://127.0.0.1/x', { signal: AbortSignal.abort(new Error('gone')) });
    await expect(abortableFetch(() => inner as typeof fetch)(request)).rejects.toThrow('gone');
    expect(inner).not.toHaveBeenCalled();
  });

  it('passes network errors through', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    await expect(abortableFetch(() => failing)(new Request('http://127.0.0.1/x'))).rejects.toThrow(
      'fetch failed',
    );
  });
});
