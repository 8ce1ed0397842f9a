import { beforeAll, describe, expect, it } from 'vitest';
import { loadValidators, type Validators } from '../validation.ts';
import { elementCost, snapshotElement, utf8ByteLength, validateElement } from './element.ts';
import { InvalidElementError } from './errors.ts';
import type { BulkElement } from './types.ts';

const options = { countDevicesAsUsers: true };
let validators: Validators;
beforeAll(async () => {
  validators = await loadValidators();
});

describe('utf8ByteLength', () => {
  it.each([
    ['ASCII', 'customer-42'],
    ['Latin accents', 'Ångström café naïve'],
    ['CJK', '東京都の顧客 北京 서울'],
    ['emoji (surrogate pairs)', '🚀🎉👍🏽'],
    ['a ZWJ family emoji', '👨‍👩‍👧‍👦'],
    ['mixed', 'a é 中 🚀 z'],
  ])('counts %s exactly as UTF-8 encodes it', (_name, text) => {
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('counts a lone surrogate as the three bytes of U+FFFD, as TextEncoder does', () => {
    const text = 'x\ud83dy\ude80';
    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('matches Buffer.byteLength on pseudo-random strings from every plane', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        const plane = random();
        const code =
          plane < 0.4
            ? Math.floor(random() * 0x80)
            : plane < 0.6
              ? 0x80 + Math.floor(random() * 0x780)
              : plane < 0.8
                ? 0x4e00 + Math.floor(random() * 0x5000)
                : 0x1f300 + Math.floor(random() * 0x300);
        text += String.fromCodePoint(code);
      }
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});

describe('snapshotElement', () => {
  it('measures the exact UTF-8 size of the JSON that will be sent', () => {
    const element = {
      type: 'customer',
      customer_id: 'u-1',
      attributes: { name: '山田 太郎 🎌', city: 'Zürich' },
    };
    const item = snapshotElement(element, 1, 0, options);
    expect(item.bytes).toBe(Buffer.byteLength(JSON.stringify(element)));
  });

  it('snapshots the element so later changes to the tracked object are not sent', () => {
    const element = { type: 'customer' as const, customer_id: 'u-1', attributes: { plan: 'free' } };
    const item = snapshotElement(element, 1, 0, options);
    element.attributes.plan = 'a much longer plan name that would change the size';
    expect(item.element).toEqual({ type: 'customer', customer_id: 'u-1', attributes: { plan: 'free' } });
  });

  it('sends a Date as its ISO string and a bigint as a string, like the client serializer', () => {
    const item = snapshotElement(
      {
        type: 'customer',
        customer_id: 'u-1',
        attributes: { since: new Date(Date.UTC(2024, 0, 2)), big: 10n },
      },
      1,
      0,
      options,
    );
    expect(item.element).toEqual({
      type: 'customer',
      customer_id: 'u-1',
      attributes: { since: '2024-01-02T00:00:00.000Z', big: '10' },
    });
  });

  it('rejects an element that is not JSON with an InvalidElementError', () => {
    const circular: Record<string, unknown> = { type: 'customer', customer_id: 'u-1' };
    circular.self = circular;
    expect(() => snapshotElement(circular, 1, 0, options)).toThrow(InvalidElementError);
    expect(() => snapshotElement('customer', 1, 0, options)).toThrow(/must be a JSON object/);
  });
});

describe('validateElement', () => {
  it('accepts Identity Resolution elements without customer_id', () => {
    expect(() =>
      validateElement(
        { type: 'customer', attributes: { moe_mobile: '+919876500000', first_name: 'John' } },
        validators,
      ),
    ).not.toThrow();
    expect(() =>
      validateElement(
        {
          type: 'event',
          user_identifiers: { moe_mobile: '+919876500000' },
          actions: [{ action: 'AddToCart' }],
        },
        validators,
      ),
    ).not.toThrow();
  });

  it('names the path of the problem inside the element', () => {
    expect(() =>
      validateElement({ type: 'event', customer_id: 'u-1', actions: [{ action: '' }] }, validators),
    ).toThrow(/at `actions\.0\.action`/);
  });

  it('says what is wrong in words, not just "Invalid input"', () => {
    expect(() => validateElement({ type: 'customer', customer_id: 42 }, validators)).toThrow(
      /at `customer_id`: Invalid input: expected string, received number/,
    );
  });

  it('rejects an unknown element type, naming the three it takes', () => {
    expect(() => validateElement({ type: 'transition', customer_id: 'u-1' }, validators)).toThrow(
      InvalidElementError,
    );
    expect(() => validateElement({ customer_id: 'u-1' }, validators)).toThrow(
      /at `type`: type must be "customer", "event" or "device"/,
    );
  });
});

describe('elementCost', () => {
  it('counts a customer as one user and an event element as one event per action', () => {
    expect(elementCost({ type: 'customer', customer_id: 'u' } as BulkElement, true)).toEqual({
      users: 1,
      events: 0,
    });
    const event = {
      type: 'event',
      customer_id: 'u',
      actions: [{ action: 'a' }, { action: 'b' }, { action: 'c' }],
    };
    expect(elementCost(event as BulkElement, true)).toEqual({ users: 0, events: 3 });
  });

  it('counts a device as a user only when countDevicesAsUsers is on', () => {
    const device = { type: 'device', customer_id: 'u', device_id: 'd', attributes: { platform: 'ANDROID' } };
    expect(elementCost(device as BulkElement, true)).toEqual({ users: 1, events: 0 });
    expect(elementCost(device as BulkElement, false)).toEqual({ users: 0, events: 0 });
  });
});
