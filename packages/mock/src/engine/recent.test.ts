import { describe, expect, it } from 'vitest';
import { rememberRecent } from './recent.ts';

describe('rememberRecent', () => {
  it('computes each key once while it is remembered, undefined answers included', () => {
    const computed: string[] = [];
    const lengthOf = rememberRecent((key) => {
      computed.push(key);
      return key === '' ? undefined : key.length;
    });
    expect([lengthOf('abc'), lengthOf('abc'), lengthOf(''), lengthOf('')]).toEqual([
      3,
      3,
      undefined,
      undefined,
    ]);
    expect(computed).toEqual(['abc', '']);
  });

  it('never holds more than its limit: when full it starts afresh and still answers right', () => {
    const computed: string[] = [];
    const upper = rememberRecent((key) => {
      computed.push(key);
      return key.toUpperCase();
    }, 2);
    expect(['a', 'b', 'c', 'a'].map(upper)).toEqual(['A', 'B', 'C', 'A']);
    // 'c' arrived with the cache full (a, b): it was emptied, so 'a' is computed again.
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
