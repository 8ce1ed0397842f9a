import { describe, expect, it } from 'vitest';
import {
  assertPrefixed,
  BudgetExhaustedError,
  createSender,
  type SenderOptions,
  UnprefixedIdError,
} from './sender.ts';
import type { WireRequest } from './types.ts';

const prefix = 'moedata-conformance-test-';
const trackUser = (customerId: string): WireRequest => ({
  origin: 'core',
  method: 'POST',
  path: '/v1/customer/WS',
  headers: { authorization: 'Basic V1M6a2V5', 'content-type': 'application/json' },
  body: JSON.stringify({ type: 'customer', customer_id: customerId }),
});

function recordingSender(overrides: Partial<SenderOptions> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const sender = createSender({
    origins: { core: 'https://core.test', fileImports: 'https://files.test', emulator: 'https://core.test' },
    prefix,
    maxRequests: 10,
    intervalMs: 0,
    dryRun: false,
    fetch: async (input, init) => {
      calls.push({ url: String(input), init });
      return Response.json({ status: 'success' });
    },
    ...overrides,
  });
  return { sender, calls };
}

describe('assertPrefixed', () => {
  it('refuses a body naming a user outside the run prefix, at any depth', () => {
    expect(() => assertPrefixed(JSON.stringify({ elements: [{ customer_id: 'john' }] }), prefix)).toThrow(
      UnprefixedIdError,
    );
    expect(() => assertPrefixed(JSON.stringify({ merge_data: [{ merged_user: 'jane' }] }), prefix)).toThrow(
      /merged_user "jane"/,
    );
  });

  it('lets through prefixed ids, empty and non-string ids (error scenarios) and bodies that are not JSON', () => {
    expect(() =>
      assertPrefixed(JSON.stringify({ customer_id: `${prefix}a`, identity_value: `${prefix}b` }), prefix),
    ).not.toThrow();
    expect(() =>
      assertPrefixed(JSON.stringify({ customer_id: '', merge_data: [{ merged_user: 1 }] }), prefix),
    ).not.toThrow();
    expect(() => assertPrefixed('{"customer_id":"john"', prefix)).not.toThrow();
  });
});

describe('createSender', () => {
  it('never sends an unprefixed user id', async () => {
    const { sender, calls } = recordingSender();
    await expect(sender.send(trackUser('john'))).rejects.toThrow(UnprefixedIdError);
    expect(calls).toEqual([]);
  });

  it('keeps one request per created user for the clean-up out of --max-requests', async () => {
    const { sender, calls } = recordingSender({ maxRequests: 4 });
    await sender.send(trackUser(`${prefix}a`), { creates: [`${prefix}a`] });
    await sender.send(trackUser(`${prefix}b`), { creates: [`${prefix}b`] });
    // 2 sent + 2 deletes reserved: a third request would leave no room to delete a or b.
    await expect(sender.send(trackUser(`${prefix}a`))).rejects.toThrow(BudgetExhaustedError);
    await sender.sendCleanup(trackUser(`${prefix}a`), `${prefix}a`);
    await sender.sendCleanup(trackUser(`${prefix}b`), `${prefix}b`);
    expect(calls).toHaveLength(4);
    expect(sender.pending()).toEqual([]);
  });

  it('sends bodies as bytes, so a request without Content-Type gets none', async () => {
    const { sender, calls } = recordingSender();
    await sender.send({ origin: 'core', method: 'POST', path: '/v1/customer/WS', headers: {}, body: '{}' });
    const sent = new Request(calls[0]?.url ?? '', calls[0]?.init);
    expect(sent.headers.get('content-type')).toBeNull();
  });

  it('spaces requests by the interval', async () => {
    let clock = 0;
    const waits: number[] = [];
    const { sender } = recordingSender({
      intervalMs: 1_000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await sender.send(trackUser(`${prefix}a`));
    clock += 250;
    await sender.send(trackUser(`${prefix}a`));
    expect(waits).toEqual([750]);
  });

  it('prints a dry run with the credentials hidden and counts it against the budget', async () => {
    const printed: string[] = [];
    const { sender, calls } = recordingSender({
      dryRun: true,
      maxRequests: 1,
      print: (line) => printed.push(line),
    });
    expect(await sender.send(trackUser(`${prefix}a`))).toBeUndefined();
    expect(calls).toEqual([]);
    expect(printed).toEqual([
      `[dry-run] POST https://core.test/v1/customer/WS {"authorization":"<redacted>","content-type":"application/json"} {"type":"customer","customer_id":"${prefix}a"}`,
    ]);
    await expect(sender.send(trackUser(`${prefix}a`))).rejects.toThrow(BudgetExhaustedError);
  });
});
