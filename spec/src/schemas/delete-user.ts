/** Delete User (`POST /v1/customer/delete?app_id=`): delete exactly one user. */
import { z } from 'zod';

/** Official examples of Delete User bodies, by name. */
export const deleteUserExamples = {
  byCustomerId: {
    summary: 'Delete a user by customer_id',
    value: { identity_type: 'customer_id', identity_value: '6416d1a318r98264512c0f89' },
  },
  byMoEngageId: {
    summary: 'Delete a user by MoEngage ID',
    value: { identity_type: 'moengage_id', identity_value: '62e79fb15ada55a123b987bc' },
  },
};

/** Delete User request body. */
export const DeleteUserRequest = z
  .object({
    identity_type: z.enum(['customer_id', 'moengage_id', 'id']).meta({
      description:
        "`customer_id` or the MoEngage ID (`moengage_id`; MoEngage's rendered page calls it `id`, also accepted).",
    }),
    identity_value: z.string().min(1).meta({ description: 'The id of the user to delete.' }),
  })
  .meta({
    id: 'DeleteUserRequest',
    description:
      'Deletes one user per request. An unknown user is a 400 "Not Found" (checked synchronously).',
    examples: Object.values(deleteUserExamples).map((example) => example.value),
  });

/** Delete User request body. */
export type DeleteUserRequest = z.infer<typeof DeleteUserRequest>;
