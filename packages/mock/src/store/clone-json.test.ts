import { describe, expect, it } from 'vitest';
import { cloneJson } from './clone-json.ts';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('cloneJson', () => {
  it('gives what a JSON round trip gives, for records and for values JSON changes', () => {
    const values: unknown[] = [
      {
        workspaceId: 'WS1',
        customerId: null,
        attributes: { u_n: 'John', tags: ['a', 'b'], nested: { x: 1 } },
      },
      [1, 'two', true, null, { three: [3] }],
      { missing: undefined, fn: () => 1, nan: Number.NaN, inf: Number.POSITIVE_INFINITY, kept: 0 },
      [undefined, () => 1, Number.NaN],
      { at: new Date(Date.UTC(2024, 0, 15)), custom: { toJSON: () => 'custom' } },
      'text',
      7,
      null,
    ];
    for (const value of values) expect(cloneJson(value)).toEqual(roundTrip(value));
  });

  it('shares no object with its input', () => {
    const record = { attributes: { list: [{ a: 1 }] } };
    const copy = cloneJson(record);
    copy.attributes.list[0] = { a: 2 };
    expect(record.attributes.list[0]).toEqual({ a: 1 });
  });

  it('keeps a __proto__ key as an own key, not as the prototype', () => {
    const record = JSON.parse('{"attributes":{"__proto__":{"polluted":true}}}') as {
      attributes: Record<string, unknown>;
    };
    const copy = cloneJson(record);
    expect(Object.getPrototypeOf(copy.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.attributes, '__proto__')).toBe(true);
    expect(JSON.stringify(copy)).toBe('{"attributes":{"__proto__":{"polluted":true}}}');
  });

  it('throws like JSON.stringify on a cycle instead of walking forever', () => {
    const record: Record<string, unknown> = { name: 'loop' };
    record.self = { back: record };
    expect(() => cloneJson(record)).toThrow(TypeError);
  });

  it('copies 100,000 nested levels without overflowing the call stack', () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown[];
    let node = cloneJson(deep);
    let levels = 1;
    while (Array.isArray(node[0])) {
      node = node[0] as unknown[];
      levels += 1;
    }
    expect(levels).toBe(depth);
  });
});
