import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.ts';

describe('constantTimeEqual', () => {
  it('accepts identical secrets, including non-ASCII ones', () => {
    expect(constantTimeEqual('s3cr3t-KEY', 's3cr3t-KEY')).toBe(true);
    expect(constantTimeEqual('clé-ünïcode', 'clé-ünïcode')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('rejects secrets that differ in one character, in case, or in length', () => {
    expect(constantTimeEqual('s3cr3t-KEY', 's3cr3t-KEZ')).toBe(false);
    expect(constantTimeEqual('s3cr3t-key', 's3cr3t-KEY')).toBe(false);
    expect(constantTimeEqual('s3cr3t', 's3cr3t-KEY')).toBe(false);
    expect(constantTimeEqual('s3cr3t-KEY-longer', 's3cr3t-KEY')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });

  it('rejects a prefix padded with NUL bytes (length is part of the comparison)', () => {
    expect(constantTimeEqual('abc\u0000', 'abc')).toBe(false);
  });
});
