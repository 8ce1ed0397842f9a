import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_ID_BLOCKLIST,
  coreHost,
  DATA_CENTERS,
  DEFAULT_RATE_LIMITS,
  fileImportsHost,
  isBlockedCustomerId,
  publicAttributeKey,
  STANDARD_ATTRIBUTE_KEYS,
  USER_ATTRIBUTE_RULES,
} from './rules.ts';

describe('rules', () => {
  it('builds both hosts for every data center, 101 included', () => {
    expect(DATA_CENTERS.map(coreHost)).toContain('https://api-101.moengage.com');
    expect(fileImportsHost('02')).toBe('https://fileimports-data-api-02.moengage.com');
  });

  it('matches blocklisted customer ids case-insensitively and leaves real ids alone', () => {
    expect(isBlockedCustomerId('Guest')).toBe(true);
    expect(isBlockedCustomerId(' NULL ')).toBe(true);
    expect(isBlockedCustomerId('john@example.com')).toBe(false);
    expect(CUSTOMER_ID_BLOCKLIST).not.toContain('');
  });

  it('maps every standard write key to an internal key that Get User can fetch', () => {
    const fetchable = new Set(USER_ATTRIBUTE_RULES.filter((rule) => rule.fetch).map((rule) => rule.key));
    for (const internalKey of Object.values(STANDARD_ATTRIBUTE_KEYS))
      expect(fetchable).toContain(internalKey);
  });

  it('names stored standard attributes by their public write key and leaves every other key as it is', () => {
    expect(publicAttributeKey('u_ln')).toBe('last_name');
    expect(publicAttributeKey('u_n')).toBe('name');
    expect(publicAttributeKey('plan')).toBe('plan');
    expect(publicAttributeKey('cr_t')).toBe('cr_t');
    expect(publicAttributeKey('constructor')).toBe('constructor');
  });

  it("uses the overview's rate limits for Bulk Import and the file-import cooldown", () => {
    expect(DEFAULT_RATE_LIMITS.bulkImport.limits).toEqual({ users: 10_000, events: 30_000 });
    expect(DEFAULT_RATE_LIMITS.triggerFileImport).toMatchObject({ windowSeconds: 300, scope: 'schedule' });
  });
});
