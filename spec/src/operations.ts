/**
 * The operation table: one entry per Data API operation, keyed by operationId. The document, the
 * client and the mock are all built from it. Each entry starts with the operation's route from
 * `routes.ts` (`@moedata/spec/routes`, no zod), so the two can never disagree.
 */
import type { ZodType } from 'zod';
import { operationDescription } from './descriptions.ts';
import type { OperationId } from './operation-ids.ts';
import { type OperationRoute, routes } from './routes.ts';
import { BulkImportRequest, bulkImportExamples } from './schemas/bulk-import.ts';
import { CreateEventRequest, createEventExamples } from './schemas/create-event.ts';
import { DeleteUserRequest, deleteUserExamples } from './schemas/delete-user.ts';
import { GetUserRequest, getUserExamples } from './schemas/get-user.ts';
import { MergeUsersRequest, mergeUsersExamples } from './schemas/merge-users.ts';
import {
  FileImportSuccessResponse,
  GetUserResponse,
  MergeUsersResponse,
  SuccessResponse,
} from './schemas/responses.ts';
import { TrackDeviceRequest, trackDeviceExamples } from './schemas/track-device.ts';
import { TrackUserRequest, trackUserExamples } from './schemas/track-user.ts';

export { type OperationId, operationIds } from './operation-ids.ts';

/** Tag of an operation in the reference. */
export type OperationTag = 'User' | 'Event' | 'Device' | 'Bulk' | 'File Imports';

/** A named request example: a short summary and the body. */
export interface RequestExample {
  readonly summary: string;
  readonly value: unknown;
}

/** One Data API operation: its route (from `routes.ts`, zod-free) plus schemas and documentation. */
export interface OperationDefinition extends OperationRoute {
  readonly tag: OperationTag;
  readonly summary: string;
  /** Markdown: behaviour, limits, rate limit, async semantics. */
  readonly description: string;
  readonly requestBody?: ZodType;
  /** Named request examples (official ones first). */
  readonly requestExamples?: Readonly<Record<string, RequestExample>>;
  readonly successResponse: ZodType;
}

/** The 8 Data API operations, keyed by operationId. */
export const operations = {
  trackUser: {
    ...routes.trackUser,
    tag: 'User',
    summary: 'Track User: create or update a user',
    description: operationDescription('trackUser'),
    requestBody: TrackUserRequest,
    requestExamples: trackUserExamples,
    successResponse: SuccessResponse,
  },
  getUser: {
    ...routes.getUser,
    tag: 'User',
    summary: 'Get User: look up users by id',
    description: operationDescription('getUser'),
    requestBody: GetUserRequest,
    requestExamples: getUserExamples,
    successResponse: GetUserResponse,
  },
  mergeUsers: {
    ...routes.mergeUsers,
    tag: 'User',
    summary: 'Merge Users: fold users into others',
    description: operationDescription('mergeUsers'),
    requestBody: MergeUsersRequest,
    requestExamples: mergeUsersExamples,
    successResponse: MergeUsersResponse,
  },
  deleteUser: {
    ...routes.deleteUser,
    tag: 'User',
    summary: 'Delete User: delete one user',
    description: operationDescription('deleteUser'),
    requestBody: DeleteUserRequest,
    requestExamples: deleteUserExamples,
    successResponse: SuccessResponse,
  },
  trackDevice: {
    ...routes.trackDevice,
    tag: 'Device',
    summary: 'Track Device: create or update a device',
    description: operationDescription('trackDevice'),
    requestBody: TrackDeviceRequest,
    requestExamples: trackDeviceExamples,
    successResponse: SuccessResponse,
  },
  createEvent: {
    ...routes.createEvent,
    tag: 'Event',
    summary: 'Create Event: record events of a user',
    description: operationDescription('createEvent'),
    requestBody: CreateEventRequest,
    requestExamples: createEventExamples,
    successResponse: SuccessResponse,
  },
  bulkImport: {
    ...routes.bulkImport,
    tag: 'Bulk',
    summary: 'Bulk Import: users, devices and events in one request',
    description: operationDescription('bulkImport'),
    requestBody: BulkImportRequest,
    requestExamples: bulkImportExamples,
    successResponse: SuccessResponse,
  },
  triggerFileImport: {
    ...routes.triggerFileImport,
    tag: 'File Imports',
    summary: 'Trigger File Imports: run a periodic import now',
    description: operationDescription('triggerFileImport'),
    successResponse: FileImportSuccessResponse,
  },
} as const satisfies Readonly<Record<OperationId, OperationDefinition>>;
