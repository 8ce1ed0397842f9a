// @moedata/client: a typed client for the MoEngage Data API.
// Generated from @moedata/spec (src/generated, never edited by hand) and wrapped by the modules below.

export type {
  BulkImportAnswer,
  BulkImportBody,
  CreateEventAnswer,
  CreateEventBody,
  DeleteUserAnswer,
  DeleteUserBody,
  GetUserAnswer,
  GetUserBody,
  MergeUsersAnswer,
  MergeUsersBody,
  MoEngageClient,
  TrackDeviceAnswer,
  TrackDeviceBody,
  TrackUserAnswer,
  TrackUserBody,
  TriggerFileImportAnswer,
  TriggerFileImportParams,
} from './client.ts';
export { type Clock, systemClock } from './clock.ts';
// Creating a client
export { createMoEngage } from './create-client.ts';
// Data centers and hosts
export {
  DATA_CENTERS,
  type DataCenter,
  type Hosts,
  hostsForDataCenter,
  isDataCenter,
} from './data-centers.ts';
// Helpers for data MoEngage would mangle or drop
export { toMoEngageDatetime } from './datetime.ts';
// Errors
export {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  isMoEngageError,
  MoEngageError,
  type MoEngageErrorDetails,
  type MoEngageErrorKind,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  RequestValidationError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnsupportedMediaTypeError,
} from './errors.ts';
// Request and response shapes, generated from the spec
export type {
  BulkCustomerElement,
  BulkDeviceElement,
  BulkEventElement,
  BulkImportRequest,
  CreateEventRequest,
  DeleteUserRequest,
  EventAction,
  FileImportSuccessResponse,
  GetUserRequest,
  GetUserResponse,
  MergeUsersRequest,
  MergeUsersResponse,
  SuccessResponse,
  TrackDeviceRequest,
  TrackUserRequest,
} from './generated/types.gen.ts';
// Batching ingestor: users, devices and events through Bulk Import (also `client.ingest()`)
export {
  type BackpressurePolicy,
  type BudgetHeadroom,
  type BulkElement,
  type BulkImportCallOptions,
  type BulkImportClient,
  CloseTimeoutError,
  createIngestor,
  ElementOverBudgetError,
  ElementTooLargeError,
  type IngestClock,
  type IngestDevice,
  IngestError,
  type IngestEvent,
  type IngestFailureDetails,
  type Ingestor,
  IngestorClosedError,
  type IngestorCloseResult,
  type IngestorOptions,
  type IngestorStats,
  type IngestUser,
  InvalidElementError,
  QueueFullError,
  realIngestClock,
  type TimerHandle,
} from './ingest/index.ts';
export {
  DEFAULT_TIMEOUT_MS,
  type MoEngageLogger,
  type MoEngageOptions,
  MoEngageOptionsError,
  type MoEngageSettings,
} from './options.ts';
export { parseRateLimitHeaders, type RateLimitInfo, rateLimitWaitMs } from './rate-limit.ts';
export type { CallOptions, MoEngageResult, PortfolioCallOptions } from './result.ts';
// Retries, rate limits and time
export { DEFAULT_RETRY_OPTIONS, type RetryOptions, type RetryOverride, retryDelayMs } from './retry.ts';
export { collectWarnings, type MoEngageWarning, type MoEngageWarningCode } from './warnings.ts';
