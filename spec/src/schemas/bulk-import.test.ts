import { describe, expect, it } from 'vitest';
import { BulkElement, BulkImportRequest, bulkImportExamples } from './bulk-import.ts';

describe('BulkImportRequest', () => {
  it.each(Object.entries(bulkImportExamples))('accepts the official example "%s"', (_name, example) => {
    expect(BulkImportRequest.safeParse(example.value).success).toBe(true);
  });

  it('tells elements apart by type', () => {
    const device = {
      type: 'device',
      customer_id: 'a',
      device_id: 'd',
      attributes: { platform: 'web', push_id: 'p' },
    };
    expect(BulkElement.parse(device).type).toBe('device');
  });

  it.each([
    [
      'an element of an unknown type',
      { type: 'transition', elements: [{ type: 'user', customer_id: 'a' }] },
      ['elements', 0, 'type'],
    ],
    ['an empty elements array', { type: 'transition', elements: [] }, ['elements']],
    ['no elements', { type: 'transition' }, ['elements']],
    [
      'a capitalised type',
      { type: 'Transition', elements: [{ type: 'customer', customer_id: 'a' }] },
      ['type'],
    ],
    [
      'an event element without actions',
      { type: 'transition', elements: [{ type: 'event', customer_id: 'a' }] },
      ['elements', 0, 'actions'],
    ],
  ])('rejects %s', (_case, body, path) => {
    const result = BulkImportRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
