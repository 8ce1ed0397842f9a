/**
 * The operation table: one entry per Data API operation, keyed by operationId. The document, the
 * client and the mock are all built from it.
 */
import type { ZodType } from 'zod';
import { operationDescription } from './descriptions.ts';
import type { OperationId } from './operation-ids.ts';
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

/** One Data API operation. */
export interface OperationDefinition {
  readonly operationId: OperationId;
  readonly method: 'post';
  /** OpenAPI path template, e.g. `/v1/customer/{app_id}`. */
  readonly path: string;
  /** `core`: `https://api-{dc}.moengage.com`; `fileImports`: `https://fileimports-data-api-{dc}.moengage.com`. */
  readonly server: 'core' | 'fileImports';
  /** Where the workspace id goes; path-style operations also accept it in the query. */
  readonly appIdIn: 'path' | 'query' | 'none';
  /** Accepts the Portfolio `project_code` query parameter. */
  readonly acceptsProjectCode: boolean;
  /** `MOE-APPKEY` header is required (it is optional on the other operations). */
  readonly requiresMoeAppKey: boolean;
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
    operationId: 'trackUser',
    method: 'post',
    path: '/v1/customer/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
    tag: 'User',
    summary: 'Track User: create or update a user',
    description: operationDescription('trackUser'),
    requestBody: TrackUserRequest,
    requestExamples: trackUserExamples,
    successResponse: SuccessResponse,
  },
  getUser: {
    operationId: 'getUser',
    method: 'post',
    path: '/v1/customers/export',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
    tag: 'User',
    summary: 'Get User: look up users by id',
    description: operationDescription('getUser'),
    requestBody: GetUserRequest,
    requestExamples: getUserExamples,
    successResponse: GetUserResponse,
  },
  mergeUsers: {
    operationId: 'mergeUsers',
    method: 'post',
    path: '/v1/customer/merge',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
    tag: 'User',
    summary: 'Merge Users: fold users into others',
    description: operationDescription('mergeUsers'),
    requestBody: MergeUsersRequest,
    requestExamples: mergeUsersExamples,
    successResponse: MergeUsersResponse,
  },
  deleteUser: {
    operationId: 'deleteUser',
    method: 'post',
    path: '/v1/customer/delete',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
    tag: 'User',
    summary: 'Delete User: delete one user',
    description: operationDescription('deleteUser'),
    requestBody: DeleteUserRequest,
    requestExamples: deleteUserExamples,
    successResponse: SuccessResponse,
  },
  trackDevice: {
    operationId: 'trackDevice',
    method: 'post',
    path: '/v1/device/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
    tag: 'Device',
    summary: 'Track Device: create or update a device',
    description: operationDescription('trackDevice'),
    requestBody: TrackDeviceRequest,
    requestExamples: trackDeviceExamples,
    successResponse: SuccessResponse,
  },
  createEvent: {
    operationId: 'createEvent',
    method: 'post',
    path: '/v1/event/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
    tag: 'Event',
    summary: 'Create Event: record events of a user',
    description: operationDescription('createEvent'),
    requestBody: CreateEventRequest,
    requestExamples: createEventExamples,
    successResponse: SuccessResponse,
  },
  bulkImport: {
    operationId: 'bulkImport',
    method: 'post',
    path: '/v1/transition/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
    tag: 'Bulk',
    summary: 'Bulk Import: users, devices and events in one request',
    description: operationDescription('bulkImport'),
    requestBody: BulkImportRequest,
    requestExamples: bulkImportExamples,
    successResponse: SuccessResponse,
  },
  triggerFileImport: {
    operationId: 'triggerFileImport',
    method: 'post',
    path: '/v1.0/data/fileimports/trigger/{schedule_id}',
    server: 'fileImports',
    appIdIn: 'none',
    acceptsProjectCode: false,
    requiresMoeAppKey: true,
    tag: 'File Imports',
    summary: 'Trigger File Imports: run a periodic import now',
    description: operationDescription('triggerFileImport'),
    successResponse: FileImportSuccessResponse,
  },
} as const satisfies Readonly<Record<OperationId, OperationDefinition>>;
