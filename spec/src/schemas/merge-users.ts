/** Merge Users (`POST /v1/customer/merge?app_id=`): fold users into others. */
import { z } from 'zod';
import { MERGE_MAX_PAIRS } from '../rules.ts';

/** One pair of users to merge. */
export const MergePair = z
  .object({
    merged_user: z
      .string()
      .min(1)
      .meta({
        description:
          'customer_id of the user folded into `retained_user`; it keeps only its MoEngage ID and is deleted after 30 days of inactivity. ' +
          'A non-string is a 400 "merged_user is expected to be String or Unicode String."',
      }),
    retained_user: z
      .string()
      .min(1)
      .meta({ description: 'customer_id of the user that survives and absorbs the data.' }),
  })
  .meta({
    id: 'MergePair',
    description: 'One merge; a pair whose users are unknown is skipped (the request still answers 200).',
    example: { merged_user: '4eb021e9-a2af-4926-ae82-fe996d12f3c5', retained_user: '12345' },
  });

/** Official examples of Merge Users bodies, by name. */
export const mergeUsersExamples = {
  onePair: {
    summary: 'Merge one user into another',
    value: { merge_data: [{ merged_user: '4eb021e9-a2af-4926-ae82-fe996d12f3c5', retained_user: '12345' }] },
  },
  twoPairs: {
    summary: 'Two independent merges in one call',
    value: {
      merge_data: [
        { merged_user: 'guest-1001', retained_user: 'john@example.com' },
        { merged_user: 'guest-1002', retained_user: 'jane@example.com' },
      ],
    },
  },
};

/** Merge Users request body. */
export const MergeUsersRequest = z
  .object({
    merge_data: z
      .array(MergePair)
      .min(1)
      .max(MERGE_MAX_PAIRS)
      .meta({
        description: `Pairs to merge: 1 to ${MERGE_MAX_PAIRS} (more: 400 LimitBreached). Merges are not transitive.`,
      }),
  })
  .meta({
    id: 'MergeUsersRequest',
    description: 'Merges each `merged_user` into its `retained_user`.',
    examples: Object.values(mergeUsersExamples).map((example) => example.value),
  });

/** Merge Users request body. */
export type MergeUsersRequest = z.infer<typeof MergeUsersRequest>;
/** One pair of users to merge. */
export type MergePair = z.infer<typeof MergePair>;
