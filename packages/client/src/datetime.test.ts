import { describe, expect, it } from 'vitest';
import { toMoEngageDatetime } from './datetime.ts';

describe('toMoEngageDatetime', () => {
  it('formats a Date in UTC without milliseconds', () => {
    expect(toMoEngageDatetime(new Date('2019-03-12T23:06:05.789+05:30'))).toBe('2019-03-12T17:36:05Z');
  });

  it('reads 13-digit numbers as epoch milliseconds and shorter ones as epoch seconds', () => {
    expect(toMoEngageDatetime(1_708_939_453_396)).toBe('2024-02-26T09:24:13Z');
    expect(toMoEngageDatetime(1_590_404_615)).toBe('2020-05-25T11:03:35Z');
    expect(toMoEngageDatetime('1708939453396')).toBe('2024-02-26T09:24:13Z');
  });

  it('keeps MoEngage date values (YYYY-MM-DD) as they are', () => {
    expect(toMoEngageDatetime('2022-01-22')).toBe('2022-01-22');
  });

  it('converts ISO strings with an offset to UTC', () => {
    expect(toMoEngageDatetime('2020-10-16T13:40:12.791+05:30')).toBe('2020-10-16T08:10:12Z');
    expect(toMoEngageDatetime('2019-03-12T17:36:05Z')).toBe('2019-03-12T17:36:05Z');
  });

  it('reads other date strings that name their time zone', () => {
    expect(toMoEngageDatetime('Thu Mar 24 2016 17:46:45 GMT+0000 (UTC)')).toBe('2016-03-24T17:46:45Z');
  });

  it('refuses ISO strings without a time zone, since their meaning depends on where they are read', () => {
    expect(() => toMoEngageDatetime('2020-05-31T16:33:35')).toThrow(/has no time zone: add "Z" for UTC/);
  });

  it.each([[new Date('nope')], ['tomorrow'], [Number.NaN], ['2022-13-45'], ['2022-02-30']])(
    'refuses %o with a RangeError that says what to pass',
    (value) => {
      expect(() => toMoEngageDatetime(value)).toThrow(RangeError);
      expect(() => toMoEngageDatetime(value)).toThrow(
        /pass a Date, epoch milliseconds, or an ISO 8601 string/,
      );
    },
  );

  it('refuses years MoEngage cannot read as datetimes', () => {
    expect(() => toMoEngageDatetime(new Date('+012345-01-01T00:00:00Z'))).toThrow(
      /outside the years 0000–9999/,
    );
  });
});
