import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { createCsvMapper, detectValue } from './mapping.ts';

const row = (cells: Record<string, string>) => new Map(Object.entries(cells));

describe('detectValue', () => {
  it.each([
    ['42', 42],
    ['-1.5', -1.5],
    ['1e3', 1000],
    ['true', true],
    ['FALSE', false],
    ['02134', '02134'],
    ['9007199254740993', '9007199254740993'],
    ['12abc', '12abc'],
    [' 7', ' 7'],
  ])('reads %j as %j', (cell, value) => {
    expect(detectValue(cell)).toEqual(value);
  });
});

describe('createCsvMapper', () => {
  it('maps a customer row: customer_id, standard and custom attributes typed from the spec', () => {
    const map = createCsvMapper('customer');
    expect(
      map(
        row({
          customer_id: '1001',
          name: 'Ada',
          mobile: '918888444411',
          points: '20',
          vip: 'true',
          'attr.type': 'admin',
          'zip:string': '123',
          'tags:json': '["a","b"]',
          moe_unsubscribe: 'false',
          platforms: '[{"platform":"ANDROID","active":"true"}]',
          empty: '',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        type: 'customer',
        customer_id: '1001',
        attributes: {
          name: 'Ada',
          mobile: '918888444411',
          points: 20,
          vip: true,
          type: 'admin',
          zip: '123',
          tags: ['a', 'b'],
          moe_unsubscribe: false,
          platforms: [{ platform: 'ANDROID', active: 'true' }],
        },
      },
    });
  });

  it('maps an event row to one action: action, time, platform and the rest as event attributes', () => {
    const map = createCsvMapper('event');
    expect(
      map(
        row({
          customer_id: 'u1',
          action: 'Purchase',
          time: '2024-01-15T10:00:00Z',
          user_timezone_offset: '19800',
          platform: 'web',
          app_version: '1.2',
          amount: '42.5',
          sku: 'A-1',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        type: 'event',
        customer_id: 'u1',
        actions: [
          {
            action: 'Purchase',
            current_time: '2024-01-15T10:00:00Z',
            user_timezone_offset: 19800,
            platform: 'web',
            app_version: '1.2',
            attributes: { amount: 42.5, sku: 'A-1' },
          },
        ],
      },
    });
  });

  it('puts identifier.<name> columns of an event in user_identifiers (Identity Resolution)', () => {
    const map = createCsvMapper('event');
    expect(map(row({ 'identifier.moe_mobile': '919876500000', action: 'Login' }))).toEqual({
      ok: true,
      value: {
        type: 'event',
        user_identifiers: { moe_mobile: '919876500000' },
        actions: [{ action: 'Login' }],
      },
    });
  });

  it('maps a device row: device_id on the element, push_id stays text, the rest are device attributes', () => {
    const map = createCsvMapper('device');
    expect(
      map(
        row({
          customer_id: 'u1',
          device_id: '42',
          platform: 'ANDROID',
          push_id: '123456',
          active: 'true',
          created_time: '143383676',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        type: 'device',
        customer_id: 'u1',
        device_id: '42',
        attributes: { platform: 'ANDROID', push_id: '123456', active: true, created_time: 143383676 },
      },
    });
  });

  it('takes each row’s type from a type column when --type is not given', () => {
    const map = createCsvMapper(undefined);
    expect(map(row({ type: 'customer', customer_id: 'u1', action: '' }))).toEqual({
      ok: true,
      value: { type: 'customer', customer_id: 'u1' },
    });
    expect(map(row({ type: 'user', customer_id: 'u1', action: '' }))).toEqual({
      ok: false,
      problem: 'type must be customer, event or device; got "user"',
    });
  });

  it('refuses a row whose type column disagrees with --type', () => {
    expect(createCsvMapper('event')(row({ type: 'customer', customer_id: 'u1' }))).toEqual({
      ok: false,
      problem: 'the row\'s type is "customer" but --type is event',
    });
  });

  it('reports a cell that does not match its column’s type hint', () => {
    expect(createCsvMapper('customer')(row({ customer_id: 'u1', 'age:number': 'old' }))).toEqual({
      ok: false,
      problem: 'column "age:number": "old" is not a number',
    });
  });

  it('asks for --type or a type column when there is neither', () => {
    expect(() => createCsvMapper(undefined)(row({ customer_id: 'u1' }))).toThrow(UsageError);
  });

  it('stores a column named __proto__ as plain data', () => {
    const result = createCsvMapper('customer')(
      new Map([
        ['customer_id', 'u1'],
        ['__proto__', 'x'],
      ]),
    );
    expect(result.ok && Object.getPrototypeOf(result.value.attributes)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value.attributes as object)).toEqual(['__proto__']);
  });
});
