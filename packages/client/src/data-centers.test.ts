import { describe, expect, it } from 'vitest';
import {
  DATA_CENTERS,
  hostsForBaseUrl,
  hostsForDataCenter,
  isDataCenter,
  suggestDataCenter,
} from './data-centers.ts';

describe('data centers', () => {
  it.each(DATA_CENTERS)('data center %s has its core and file-import hosts', (dc) => {
    expect(hostsForDataCenter(dc)).toEqual({
      core: `https://api-${dc}.moengage.com`,
      fileImports: `https://fileimports-data-api-${dc}.moengage.com`,
    });
  });

  it('knows the seven data centers, 101 included', () => {
    expect(DATA_CENTERS).toEqual(['01', '02', '03', '04', '05', '06', '101']);
    expect(isDataCenter('101')).toBe(true);
    expect(isDataCenter('1')).toBe(false);
    expect(isDataCenter(1)).toBe(false);
  });

  it('sends every operation to a single baseUrl', () => {
    expect(hostsForBaseUrl('http://127.0.0.1:4010')).toEqual({
      core: 'http://127.0.0.1:4010',
      fileImports: 'http://127.0.0.1:4010',
    });
  });

  it('suggests the data center a user most likely meant', () => {
    expect(suggestDataCenter(3)).toBe('03');
    expect(suggestDataCenter('DC-101')).toBe('101');
    expect(suggestDataCenter('eu')).toBeUndefined();
    expect(suggestDataCenter(9)).toBeUndefined();
    expect(suggestDataCenter(null)).toBeUndefined();
  });
});
