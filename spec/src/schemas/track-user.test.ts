import { describe, expect, it } from 'vitest';
import { TrackUserRequest, trackUserExamples } from './track-user.ts';

const valid = { type: 'customer', customer_id: 'john@example.com', attributes: { name: 'John' } };

describe('TrackUserRequest', () => {
  it.each(Object.entries(trackUserExamples))('accepts the official example "%s"', (_name, example) => {
    expect(TrackUserRequest.safeParse(example.value).success).toBe(true);
  });

  it('keeps custom attributes of any JSON type', () => {
    const body = {
      ...valid,
      attributes: { plan: 'gold', points: 3, tags: ['a'], address: { city: 'Pune' } },
    };
    expect(TrackUserRequest.parse(body).attributes).toEqual(body.attributes);
  });

  it('accepts platform names in any case and boolean active flags', () => {
    const body = { ...valid, attributes: { platforms: [{ platform: 'android', active: true }] } };
    expect(TrackUserRequest.safeParse(body).success).toBe(true);
  });

  it('accepts a body without customer_id, for Identity Resolution workspaces', () => {
    expect(
      TrackUserRequest.safeParse({ type: 'customer', attributes: { moe_mobile: '+910000000000' } }).success,
    ).toBe(true);
  });

  it.each([
    ['a capitalised type', { ...valid, type: 'Customer' }, ['type']],
    ['an empty customer_id', { ...valid, customer_id: '' }, ['customer_id']],
    ['a numeric customer_id', { ...valid, customer_id: 42 }, ['customer_id']],
    [
      'an unknown platform',
      { ...valid, attributes: { platforms: [{ platform: 'blackberry', active: 'true' }] } },
      ['attributes', 'platforms', 0, 'platform'],
    ],
    [
      'a standard attribute of the wrong type',
      { ...valid, attributes: { email: 5 } },
      ['attributes', 'email'],
    ],
    [
      'an unknown unset rule type',
      { ...valid, unset_attributes: [{ type: 'regex', attr: 'x' }] },
      ['unset_attributes', 0, 'type'],
    ],
    [
      'array operator values that are not arrays',
      { ...valid, attributes: { addValueToArrayField: { tags: 'a' } } },
      ['attributes', 'addValueToArrayField', 'tags'],
    ],
  ])('rejects %s at the field at fault', (_case, body, path) => {
    const result = TrackUserRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
