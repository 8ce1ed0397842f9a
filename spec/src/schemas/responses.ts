/** Response bodies of the Data API: success shapes and the four error envelopes. */
import { z } from 'zod';
import { RequestId } from '../primitives.ts';
import { UserIdentifier } from './get-user.ts';

/** Generic success: the request was accepted for asynchronous processing. */
export const SuccessResponse = z
  .object({
    status: z.literal('success'),
    message: z
      .string()
      .meta({ description: 'Always "Your request has been accepted and will be processed soon."' }),
    request_id: RequestId.optional(),
  })
  .meta({
    id: 'SuccessResponse',
    description:
      'Accepted for asynchronous processing: a 200 does not mean the data was ingested. Records MoEngage drops ' +
      '(blocklisted customer_id, `moe_` keys, devices of unknown users, future-dated events) still get this answer.',
    example: {
      status: 'success',
      message: 'Your request has been accepted and will be processed soon.',
      request_id: 'kXwpDESb',
    },
  });

/** One user returned by Get User. */
export const ExportedUser = z
  .object({
    user_attributes: z
      .object({
        id: z
          .string()
          .meta({
            description: 'MoEngage ID, a 24-character hexadecimal string assigned when the user was created.',
          })
          .optional(),
        customer_id: z.string().meta({ description: 'Your id for the user.' }).optional(),
        uid: z
          .string()
          .meta({
            description: 'Your id for the user, only when `user_fields_to_export` asks for it as `uid`.',
          })
          .optional(),
      })
      .catchall(z.unknown())
      .meta({
        description:
          'The requested attributes under the names they were asked by, or, without `user_fields_to_export`, every ' +
          'attribute under its public name: standard ones as `name first_name last_name email mobile gender birthday` ' +
          "(MoEngage's own example answers `last_name` and `name`; decisions.md, revised 2026-12-03), custom ones as " +
          'written, other system keys (`cr_t`, `moe_ip_city`, ...) as MoEngage names them. A field asked by its internal ' +
          'key (`u_ln`) is answered under that key.',
      }),
  })
  .meta({
    id: 'ExportedUser',
    description: 'One user found by Get User.',
    example: {
      user_attributes: { id: '62e79fb15ada55a123b987bc', customer_id: 'john_doe', last_name: 'Doe' },
    },
  });

/** Get User success. */
export const GetUserResponse = z
  .object({
    status: z.literal('success'),
    type: z.literal('export_users'),
    data: z.object({
      users: z.array(ExportedUser).meta({ description: 'Users found.' }),
      users_not_found: z
        .array(UserIdentifier)
        .meta({ description: 'Identifiers that matched no user.' })
        .optional(),
    }),
  })
  .meta({
    id: 'GetUserResponse',
    description: 'Users found and identifiers that matched nobody.',
    example: {
      status: 'success',
      type: 'export_users',
      data: {
        users_not_found: [{ identifier_type: 'customer_id', identifier: 'john_doe' }],
        users: [
          {
            user_attributes: {
              last_name: 'Doe',
              customer_id: 'jane_doe',
              name: 'Jane',
              custom_user_attr: 12345,
              id: '62e79fb15ada55a123b987bc',
            },
          },
        ],
      },
    },
  });

/** Merge Users success. */
export const MergeUsersResponse = z
  .object({
    status: z.literal('success'),
    operation: z.string().meta({ description: 'What was done; MoEngage documents `created`.' }),
  })
  .meta({
    id: 'MergeUsersResponse',
    description: 'The merges were accepted; pairs with unknown users were skipped.',
    example: { status: 'success', operation: 'created' },
  });

/** Trigger File Imports success. */
export const FileImportSuccessResponse = z
  .object({
    status: z.literal('success'),
    message: z.string().meta({ description: 'Always "Triggered Import Successfully".' }),
  })
  .meta({
    id: 'FileImportSuccessResponse',
    description: 'The import run was started.',
    example: { status: 'success', message: 'Triggered Import Successfully' },
  });

/** Standard error envelope of the core API. */
export const ErrorResponse = z
  .object({
    status: z.literal('fail'),
    error: z.object({
      type: z
        .string()
        .meta({ description: 'Error category, e.g. `MissingAttributeError`, `Malformed JSON`.' }),
      message: z.string().meta({ description: 'What went wrong.' }),
      attribute: z
        .string()
        .meta({ description: 'The request field at fault (field-level errors only).' })
        .optional(),
      request_id: RequestId,
    }),
  })
  .meta({
    id: 'ErrorResponse',
    description: 'Standard failure body of the Data API.',
    example: {
      status: 'fail',
      error: {
        type: 'MissingAttributeError',
        message: 'customer_id is not found in the payload',
        attribute: 'customer_id',
        request_id: 'ZbPXtKFL',
      },
    },
  });

/** Title/description error envelope (file-import auth and 5xx; Delete User 429/500 as documented). */
export const TitleErrorResponse = z
  .object({
    status: z.literal('fail').optional(),
    title: z.string().meta({ description: 'Error category, e.g. `HeaderMissing`.' }),
    description: z.string().meta({ description: 'What went wrong.' }),
    code: z.string().meta({ description: 'Error code (5xx only).' }).optional(),
  })
  .meta({
    id: 'TitleErrorResponse',
    description:
      'Failure body used by Trigger File Imports (401, 5xx) and documented for some Delete User answers.',
    example: { title: 'HeaderMissing', description: 'MOE-APPKEY is missing in Header' },
  });

/** error_type envelope of Trigger File Imports 400s. */
export const FileImportErrorResponse = z
  .object({
    status: z.literal('fail'),
    error_type: z.string().meta({ description: '`NOT_FOUND` or `ALREADY_EXISTS`.' }),
    message: z.string().meta({ description: 'What went wrong.' }),
  })
  .meta({
    id: 'FileImportErrorResponse',
    description: 'Failure body of Trigger File Imports 400s.',
    example: {
      status: 'fail',
      error_type: 'NOT_FOUND',
      message: 'This import is either deleted or expired.',
    },
  });

/** Plain envelope of Trigger File Imports 404/405. */
export const PlainFailResponse = z
  .object({
    status: z.literal('fail'),
    message: z.string().meta({ description: 'What went wrong.' }),
  })
  .meta({
    id: 'PlainFailResponse',
    description: 'Failure body for an unknown resource (404) or a wrong method (405).',
    example: { status: 'fail', message: 'Resource not found' },
  });

/** Generic success body. */
export type SuccessResponse = z.infer<typeof SuccessResponse>;
/** Get User success body. */
export type GetUserResponse = z.infer<typeof GetUserResponse>;
/** Merge Users success body. */
export type MergeUsersResponse = z.infer<typeof MergeUsersResponse>;
/** Trigger File Imports success body. */
export type FileImportSuccessResponse = z.infer<typeof FileImportSuccessResponse>;
/** Standard failure body. */
export type ErrorResponse = z.infer<typeof ErrorResponse>;
/** Title/description failure body. */
export type TitleErrorResponse = z.infer<typeof TitleErrorResponse>;
/** error_type failure body. */
export type FileImportErrorResponse = z.infer<typeof FileImportErrorResponse>;
/** Plain failure body. */
export type PlainFailResponse = z.infer<typeof PlainFailResponse>;
