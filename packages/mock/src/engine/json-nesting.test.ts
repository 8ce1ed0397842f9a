import { describe, expect, it } from 'vitest';
import { limitAttributeNesting, MAX_JSON_DEPTH, nestsDeeperThan } from './json-nesting.ts';

/** `[[[…]]]` `depth` levels deep, parsed from text (building it by recursion is what we avoid). */
const nestedArrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, the value itself being level 1 and a scalar level 0', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 3)).toBe(true);
  });

  it('measures 100,000 levels without overflowing the call stack', () => {
    const deep = nestedArrays(100_000);
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(deep, 100_000)).toBe(false);
  });
});

describe('limitAttributeNesting', () => {
  it('returns a value with at most two object levels unchanged, as the same reference', () => {
    const values = [
      'plain',
      42,
      null,
      ['a', 'b'],
      { city: 'Berlin', geo: { lat: 52.5, lng: 13.4 } },
      [{ sku: 'a1', price: { amount: 100, currency: 'EUR' } }],
      {
        tags: [
          ['nested', 'arrays'],
          ['add', 'no', 'level'],
        ],
      },
    ];
    for (const value of values) expect(limitAttributeNesting(value)).toEqual({ value, changed: false });
    const object = { geo: { lat: 1 } };
    expect(limitAttributeNesting(object).value).toBe(object);
  });

  it('stores an object whose keys would be level 3 as its JSON text, leaving the input untouched', () => {
    const sent = { item: 'book', cost: { amount: { value: 100, currency: 'USD' }, tax: 7 } };
    const limited = limitAttributeNesting(sent);
    expect(limited).toEqual({
      value: { item: 'book', cost: { amount: '{"value":100,"currency":"USD"}', tax: 7 } },
      changed: true,
    });
    expect(sent.cost.amount).toEqual({ value: 100, currency: 'USD' });
  });

  it('lets arrays add no level: an array of objects keeps two object levels', () => {
    const sent = [{ sku: 'a1', price: { amount: 1, parts: [{ tax: 0.19 }] } }];
    expect(limitAttributeNesting(sent).value).toEqual([
      { sku: 'a1', price: { amount: 1, parts: ['{"tax":0.19}'] } },
    ]);
  });

  it('keeps a __proto__ key as an own key of the copy', () => {
    const sent = JSON.parse('{"__proto__":{"x":{"y":{"z":1}}}}') as unknown;
    const limited = limitAttributeNesting(sent).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(limited)).toBe(Object.prototype);
    expect(Object.hasOwn(limited, '__proto__')).toBe(true);
    expect(JSON.stringify(limited)).toBe('{"__proto__":{"x":"{\\"y\\":{\\"z\\":1}}"}}');
  });
});
