import { describe, expect, it } from 'vitest';
import { DeleteUserRequest, deleteUserExamples } from './delete-user.ts';

describe('DeleteUserRequest', () => {
  it.each(Object.entries(deleteUserExamples))('accepts the official example "%s"', (_name, example) => {
    expect(DeleteUserRequest.safeParse(example.value).success).toBe(true);
  });

  it('accepts id as the rendered docs name the MoEngage ID', () => {
    expect(DeleteUserRequest.safeParse({ identity_type: 'id', identity_value: 'abc' }).success).toBe(true);
  });

  it.each([
    ['an unknown identity type', { identity_type: 'email', identity_value: 'a@b.c' }, ['identity_type']],
    ['no identity value', { identity_type: 'customer_id' }, ['identity_value']],
    ['an empty identity value', { identity_type: 'customer_id', identity_value: '' }, ['identity_value']],
  ])('rejects %s', (_case, body, path) => {
    const result = DeleteUserRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
