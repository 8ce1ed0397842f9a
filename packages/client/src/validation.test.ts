import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of validation.ts, with nothing loaded yet. */
async function freshValidation() {
  vi.resetModules();
  return import('./validation.ts');
}

afterEach(() => {
  vi.doUnmock('./validators.ts');
  vi.resetModules();
});

describe('loading the validators', () => {
  it('loads them once, then hands them out synchronously', async () => {
    const validation = await freshValidation();
    expect(validation.loadedValidators()).toBeUndefined();
    const [first, second] = await Promise.all([validation.loadValidators(), validation.loadValidators()]);
    expect(first).toBe(second);
    expect(validation.loadedValidators()).toBe(first);
  });

  it('says what to do when they cannot be loaded, and tries again on the next call', async () => {
    vi.doMock('./validators.ts', () => {
      throw new Error('Failed to fetch dynamically imported module validators-X1.js');
    });
    const validation = await freshValidation();
    const failed = validation.loadValidators();
    await expect(failed).rejects.toThrow(/could not load its validators/);
    await expect(failed).rejects.toThrow(
      /validateRequests: false in createMoEngage, validate: false in ingest/,
    );
    expect(validation.loadedValidators()).toBeUndefined();

    vi.doUnmock('./validators.ts');
    await expect(validation.loadValidators()).resolves.toHaveProperty('parseRequest');
  });

  it('turns a failed load into a RequestValidationError that nothing was sent for', async () => {
    vi.doMock('./validators.ts', () => {
      throw new Error('chunk missing');
    });
    vi.resetModules();
    const { createMoEngage } = await import('./create-client.ts');
    const { createFakeFetch, respond, successBody } = await import('./testing/fake-fetch.ts');
    const fetch = createFakeFetch(respond(200, successBody()));
    const client = createMoEngage({ workspaceId: 'WS', apiKey: 'key', baseUrl: 'http://127.0.0.1:1', fetch });
    const call = client.trackUser({ type: 'customer', customer_id: 'u-1' });
    await expect(call).rejects.toMatchObject({
      name: 'RequestValidationError',
      attempts: 0,
      issues: [expect.stringMatching(/could not load its validators .*deployed next to your code/)],
    });
    expect(fetch.requests).toHaveLength(0);
  });
});

describe('the generated request validators', () => {
  it('reject a schedule_id made only of dots or holding a slash, as the spec pattern says', async () => {
    const { requestValidator } = await freshValidation();
    const validate = requestValidator('triggerFileImport');
    for (const id of ['.', '..', '%2e', '%2E.', 'a/b', 'a\\b']) {
      await expect(validate({ path: { schedule_id: id } }), id).rejects.toThrow(/made only of dots|pattern/);
    }
    await expect(validate({ path: { schedule_id: '6512a3b4c5d6e7f8a9b0c1d2' } })).resolves.toBeUndefined();
  });
});
