import { describe, expect, it } from 'vitest';
import { checkElement, MAX_ELEMENT_BYTES } from './validate.ts';

describe('checkElement', () => {
  it('accepts a valid customer, event and device element', () => {
    for (const element of [
      { type: 'customer', customer_id: 'u1', attributes: { name: 'Ada' } },
      { type: 'event', customer_id: 'u1', actions: [{ action: 'Purchase' }] },
      {
        type: 'device',
        customer_id: 'u1',
        device_id: 'd1',
        attributes: { platform: 'ANDROID', push_id: 'p' },
      },
    ]) {
      expect(checkElement(element)).toEqual({ ok: true, element, warnings: [] });
    }
  });

  it('names the field the spec rejects', () => {
    expect(checkElement({ type: 'event', customer_id: 'u1', actions: [{}] })).toEqual({
      ok: false,
      problem: expect.stringMatching(/^actions\[0\]\.action: /),
    });
    expect(checkElement({ type: 'customer', customer_id: 'u1', attributes: { mobile: 9188 } })).toEqual({
      ok: false,
      problem: expect.stringMatching(/^attributes\.mobile: .*string/),
    });
  });

  it('explains what a line must be when it is not an element', () => {
    expect(checkElement([1])).toEqual({ ok: false, problem: expect.stringContaining('got an array') });
    expect(checkElement({ type: 'transition', elements: [] })).toEqual({
      ok: false,
      problem: expect.stringContaining('each of its elements on its own line'),
    });
    expect(checkElement({ type: 'user' })).toMatchObject({ ok: false });
  });

  it('rejects an element too large for one Bulk Import request', () => {
    const element = {
      type: 'customer',
      customer_id: 'u1',
      attributes: { blob: 'x'.repeat(MAX_ELEMENT_BYTES) },
    };
    expect(checkElement(element)).toEqual({
      ok: false,
      problem: expect.stringContaining('Split its attributes'),
    });
  });

  it('warns about data MoEngage accepts but drops, without rejecting it', () => {
    const result = checkElement({ type: 'customer', customer_id: 'guest', attributes: { moe_score: 1 } });
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      expect.stringMatching(/^customer_id: /),
      expect.stringMatching(/^attributes\.moe_score: /),
    ]);
  });
});
