import { describe, expect, it } from 'vitest';
import { collectWarnings } from './warnings.ts';

describe('collectWarnings', () => {
  it('flags moe_ user attributes but not MoEngage’s own writable ones', () => {
    const warnings = collectWarnings('trackUser', {
      type: 'customer',
      customer_id: 'u-1',
      attributes: { moe_score: 3, moe_unsubscribe: true, moe_mobile: '+91', first_name: 'Ada' },
    });
    expect(warnings).toEqual([
      {
        code: 'reservedPrefix',
        operationId: 'trackUser',
        path: 'attributes.moe_score',
        value: 'moe_score',
        message: expect.stringMatching(/reserved prefix "moe_".*Rename it/),
      },
    ]);
  });

  it('flags moe_ attributes inside array operators', () => {
    const warnings = collectWarnings('trackUser', {
      type: 'customer',
      customer_id: 'u-1',
      attributes: { addValueToArrayField: { moe_tags: ['a'] }, removeValueFromArrayField: { tags: ['b'] } },
    });
    expect(warnings.map((warning) => warning.path)).toEqual(['attributes.addValueToArrayField.moe_tags']);
  });

  it('flags moe_ event names and event attributes', () => {
    const warnings = collectWarnings('createEvent', {
      type: 'event',
      customer_id: 'u-1',
      actions: [{ action: 'Purchase', attributes: { moe_price: 1, price: 2 } }, { action: 'moe_opened' }],
    });
    expect(warnings.map((warning) => warning.path)).toEqual([
      'actions[0].attributes.moe_price',
      'actions[1].action',
    ]);
  });

  it('flags blocklisted customer_id values in any casing', () => {
    expect(collectWarnings('trackDevice', { type: 'device', customer_id: 'NULL' })).toEqual([
      expect.objectContaining({
        code: 'blocklistedCustomerId',
        path: 'customer_id',
        value: 'NULL',
        message: expect.stringMatching(/blocklist.*Send the user's real id/),
      }),
    ]);
  });

  it('leaves the empty customer_id to the request validator (the server answers 400, not a silent drop)', () => {
    expect(collectWarnings('trackUser', { type: 'customer', customer_id: '' })).toEqual([]);
  });

  it('walks every Bulk Import element with the rules of its type', () => {
    const warnings = collectWarnings('bulkImport', {
      type: 'transition',
      elements: [
        { type: 'customer', customer_id: 'guest', attributes: { moe_x: 1 } },
        { type: 'device', customer_id: 'u-2', attributes: { moe_push_opted: 'True' } },
        { type: 'event', customer_id: 'u-3', actions: [{ action: 'moe_y' }] },
      ],
    });
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['blocklistedCustomerId', 'elements[0].customer_id'],
      ['reservedPrefix', 'elements[0].attributes.moe_x'],
      ['reservedPrefix', 'elements[2].actions[0].action'],
    ]);
  });

  it('ignores operations that write no attributes and bodies it cannot read', () => {
    expect(collectWarnings('getUser', { data: { identifiers: [] } })).toEqual([]);
    expect(collectWarnings('trackUser', 'not an object')).toEqual([]);
    expect(collectWarnings('bulkImport', { elements: 'nope' })).toEqual([]);
  });

  it('flags what MoEngage would truncate, with the rule names the emulator records', () => {
    const warnings = collectWarnings('trackUser', {
      type: 'customer',
      customer_id: 'u-1',
      attributes: {
        bio: 'b'.repeat(513),
        [`n${'x'.repeat(200)}`]: 1,
        scores: Array.from({ length: 51 }, (_, i) => i),
        avatar: `https://cdn.example.com/${'a'.repeat(500)}`,
      },
    });
    expect(warnings.map((warning) => [warning.code, warning.path.slice(0, 24)])).toEqual([
      ['valueTruncated', 'attributes.bio'],
      ['nameTruncated', `attributes.n${'x'.repeat(12)}`],
      ['listTooLong', 'attributes.scores'],
      ['urlTooLong', 'attributes.avatar'],
    ]);
    expect(warnings[0]?.message).toContain('truncated to 512');
  });

  it('flags reserved SDK keywords, mixed lists, nulls and object limits in user attributes', () => {
    const warnings = collectWarnings('trackUser', {
      type: 'customer',
      customer_id: 'u-1',
      attributes: {
        USER_ATTRIBUTE_UNIQUE_ID: 'u-1',
        source: 'ads',
        mixed: [1, 'a'],
        gone: null,
        obj: { 'a.b': 1 },
      },
    });
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['reservedName', 'attributes.USER_ATTRIBUTE_UNIQUE_ID'],
      ['reservedName', 'attributes.source'],
      ['mixedList', 'attributes.mixed'],
      ['unsupportedValue', 'attributes.gone'],
      ['objectKeyCharacters', 'attributes.obj'],
    ]);
  });

  it('flags event names over 200 characters and attributes past the 100th of one event', () => {
    const attributes = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i]));
    const warnings = collectWarnings('createEvent', {
      type: 'event',
      customer_id: 'u-1',
      actions: [{ action: 'E'.repeat(201), attributes }],
    });
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['nameTruncated', 'actions[0].action'],
      ['eventAttributeLimit', 'actions[0].attributes.a100'],
    ]);
  });

  it("flags custom device attributes and the other platform's advertising id, in Bulk Import too", () => {
    const warnings = collectWarnings('bulkImport', {
      type: 'transition',
      elements: [
        {
          type: 'device',
          customer_id: 'u-1',
          device_id: 'd-1',
          attributes: { platform: 'iOS', push_id: 't', moe_gaid: 'g', colour: 'red' },
        },
      ],
    });
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['platformForeignIdentifier', 'elements[0].attributes.moe_gaid'],
      ['customDeviceAttribute', 'elements[0].attributes.colour'],
    ]);
  });
});
