import { describe, expect, it } from 'vitest';
import { MergeUsersRequest, mergeUsersExamples } from './merge-users.ts';

const pair = (n: number) => ({ merged_user: `old-${n}`, retained_user: `new-${n}` });

describe('MergeUsersRequest', () => {
  it.each(Object.entries(mergeUsersExamples))('accepts the official example "%s"', (_name, example) => {
    expect(MergeUsersRequest.safeParse(example.value).success).toBe(true);
  });

  it('accepts 50 pairs', () => {
    expect(
      MergeUsersRequest.safeParse({ merge_data: Array.from({ length: 50 }, (_, n) => pair(n)) }).success,
    ).toBe(true);
  });

  it.each([
    ['51 pairs', { merge_data: Array.from({ length: 51 }, (_, n) => pair(n)) }, ['merge_data']],
    [
      'a numeric merged_user',
      { merge_data: [{ merged_user: 5, retained_user: 'a' }] },
      ['merge_data', 0, 'merged_user'],
    ],
    ['no merge_data', {}, ['merge_data']],
    [
      'a pair without retained_user',
      { merge_data: [{ merged_user: 'a' }] },
      ['merge_data', 0, 'retained_user'],
    ],
  ])('rejects %s', (_case, body, path) => {
    const result = MergeUsersRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
