/** Get User (`POST /v1/customers/export?app_id=`): look up to 20 users by id. */
import { z } from 'zod';
import { GET_USER_MAX_IDENTIFIERS } from '../rules.ts';

/** How a user is identified in Get User. */
export const IdentifierType = z.enum(['customer_id', 'id', 'moengage_id']).meta({
  id: 'IdentifierType',
  description:
    '`customer_id` (your id, "ID" in the dashboard) or the MoEngage ID. MoEngage\'s documents name the MoEngage ID ' +
    'both `id` and `moengage_id`; both are accepted.',
  example: 'customer_id',
});

/** One user to look up. */
export const UserIdentifier = z
  .object({
    identifier_type: IdentifierType,
    identifier: z.string().min(1).meta({ description: 'The id value.' }),
  })
  .meta({
    id: 'UserIdentifier',
    description: 'A user to look up.',
    example: { identifier_type: 'customer_id', identifier: 'john_doe' },
  });

/** Official examples of Get User bodies, by name. */
export const getUserExamples = {
  byCustomerIdAndMoEngageId: {
    summary: 'Two users, by customer_id and by MoEngage ID, returning three fields',
    value: {
      data: {
        identifiers: [
          { identifier_type: 'customer_id', identifier: '6416d1a318r98264512c0f89' },
          { identifier_type: 'id', identifier: '62e79fb15ada55x123g987bu' },
        ],
        user_fields_to_export: ['last_name', 'customer_id', 'name'],
      },
    },
  },
  allFields: {
    summary: 'One user, all exportable attributes',
    value: { data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'person-1' }] } },
  },
};

/** Get User request body. */
export const GetUserRequest = z
  .object({
    data: z
      .object({
        identifiers: z
          .array(UserIdentifier)
          .min(1)
          .max(GET_USER_MAX_IDENTIFIERS)
          .meta({
            description: `Users to look up: 1 to ${GET_USER_MAX_IDENTIFIERS} (more: 400 LimitBreached "max limit allowed is ${GET_USER_MAX_IDENTIFIERS}").`,
          }),
        user_fields_to_export: z
          .array(z.string().min(1))
          .meta({
            description:
              'Attribute keys to return. Omitted: every custom attribute and every exportable standard attribute.',
          })
          .optional(),
      })
      .meta({
        description:
          'Wrapper of the query. The identifiers must sit inside `data`, not at the root (missing: 400 "data is not found in the payload").',
      }),
  })
  .meta({
    id: 'GetUserRequest',
    description: 'Looks up specific users; there is no "export all" mode.',
    examples: Object.values(getUserExamples).map((example) => example.value),
  });

/** Get User request body. */
export type GetUserRequest = z.infer<typeof GetUserRequest>;
/** One user to look up. */
export type UserIdentifier = z.infer<typeof UserIdentifier>;
