import { describe, expect, it } from 'vitest';
import { GetUserRequest, getUserExamples } from './get-user.ts';

const identifier = (n: number) => ({ identifier_type: 'customer_id', identifier: `user-${n}` });

describe('GetUserRequest', () => {
  it.each(Object.entries(getUserExamples))('accepts the official example "%s"', (_name, example) => {
    expect(GetUserRequest.safeParse(example.value).success).toBe(true);
  });

  it('accepts both names of the MoEngage ID and exactly 20 identifiers', () => {
    const identifiers = Array.from({ length: 18 }, (_, n) => identifier(n));
    identifiers.push(
      { identifier_type: 'id', identifier: 'a' },
      { identifier_type: 'moengage_id', identifier: 'b' },
    );
    expect(GetUserRequest.safeParse({ data: { identifiers } }).success).toBe(true);
  });

  it.each([
    ['identifiers at the root instead of inside data', { identifiers: [identifier(1)] }, ['data']],
    [
      '21 identifiers',
      { data: { identifiers: Array.from({ length: 21 }, (_, n) => identifier(n)) } },
      ['data', 'identifiers'],
    ],
    ['no identifiers', { data: { identifiers: [] } }, ['data', 'identifiers']],
    [
      'an unknown identifier type',
      { data: { identifiers: [{ identifier_type: 'email', identifier: 'a' }] } },
      ['data', 'identifiers', 0, 'identifier_type'],
    ],
  ])('rejects %s', (_case, body, path) => {
    const result = GetUserRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
