/**
 * `@moedata/spec`: the MoEngage Data API contract as zod schemas and the operation table.
 * Errors, rate-limit headers, rules and routes have their own dependency-free entry points
 * (`@moedata/spec/errors`, `/rate-limit`, `/rules`, `/routes`); the document is `@moedata/spec/openapi.json`.
 */

// Shared wire types and header values
export {
  ContentTypeHeader,
  ForwardedForHeader,
  MoeAppKeyHeader,
  RateLimitLimitValue,
  RateLimitRemainingValue,
  RateLimitResetValue,
} from './headers.ts';
// Operations
export {
  type OperationDefinition,
  type OperationId,
  type OperationTag,
  operationIds,
  operations,
  type RequestExample,
} from './operations.ts';
export {
  CustomerId,
  DevicePlatform,
  EventTime,
  ProjectCode,
  RequestId,
  ScheduleId,
  UserPlatform,
  WorkspaceId,
} from './primitives.ts';
export { type OperationRoute, routes } from './routes.ts';
// Request bodies
export {
  BulkCustomerElement,
  BulkDeviceElement,
  BulkElement,
  BulkEventElement,
  BulkImportRequest,
  bulkImportExamples,
} from './schemas/bulk-import.ts';
export {
  CreateEventRequest,
  createEventExamples,
  EventAction,
  UserIdentifiers,
} from './schemas/create-event.ts';
export { DeleteUserRequest, deleteUserExamples } from './schemas/delete-user.ts';
export { GetUserRequest, getUserExamples, IdentifierType, UserIdentifier } from './schemas/get-user.ts';
export { MergePair, MergeUsersRequest, mergeUsersExamples } from './schemas/merge-users.ts';

// Response bodies
export {
  ErrorResponse,
  ExportedUser,
  FileImportErrorResponse,
  FileImportSuccessResponse,
  GetUserResponse,
  MergeUsersResponse,
  PlainFailResponse,
  SuccessResponse,
  TitleErrorResponse,
} from './schemas/responses.ts';
export { DeviceAttributes, TrackDeviceRequest, trackDeviceExamples } from './schemas/track-device.ts';
export {
  ArrayFieldOperation,
  PlatformEntry,
  TrackUserRequest,
  trackUserExamples,
  UnsetAttributeRule,
  UserAttributes,
} from './schemas/track-user.ts';
