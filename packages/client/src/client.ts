import type {
  BulkImportData,
  BulkImportResponses,
  CreateEventData,
  CreateEventResponses,
  DeleteUserData,
  DeleteUserResponses,
  GetUserData,
  GetUserResponses,
  MergeUsersData,
  MergeUsersResponses,
  TrackDeviceData,
  TrackDeviceResponses,
  TrackUserData,
  TrackUserResponses,
  TriggerFileImportResponses,
} from './generated/types.gen.ts';
import type { Ingestor, IngestorOptions } from './ingest/types.ts';
import type { MoEngageSettings } from './options.ts';
import type { CallOptions, MoEngageResult, PortfolioCallOptions } from './result.ts';

/** Body of a Track User request (`type: 'customer'`). */
export type TrackUserBody = TrackUserData['body'];
/** Body of a Get User request. */
export type GetUserBody = GetUserData['body'];
/** Body of a Merge Users request. */
export type MergeUsersBody = MergeUsersData['body'];
/** Body of a Delete User request. */
export type DeleteUserBody = DeleteUserData['body'];
/** Body of a Track Device request (`type: 'device'`). */
export type TrackDeviceBody = TrackDeviceData['body'];
/** Body of a Create Event request (`type: 'event'`). */
export type CreateEventBody = CreateEventData['body'];
/** Body of a Bulk Import request (`type: 'transition'`). */
export type BulkImportBody = BulkImportData['body'];

/** The 200 body of each operation. */
export type TrackUserAnswer = TrackUserResponses[200];
export type GetUserAnswer = GetUserResponses[200];
export type MergeUsersAnswer = MergeUsersResponses[200];
export type DeleteUserAnswer = DeleteUserResponses[200];
export type TrackDeviceAnswer = TrackDeviceResponses[200];
export type CreateEventAnswer = CreateEventResponses[200];
export type BulkImportAnswer = BulkImportResponses[200];
export type TriggerFileImportAnswer = TriggerFileImportResponses[200];

/** Which periodic import to run. */
export interface TriggerFileImportParams {
  /** The Import ID from Data > Imports History > Actions > View import (or the set-up e-mail). */
  scheduleId: string;
}

/**
 * A MoEngage Data API client: one method per operation. Every method resolves with a
 * {@link MoEngageResult} or rejects with a `MoEngageError` subclass after the retries the policy allows.
 */
export interface MoEngageClient {
  /** The settings this client runs with (no API key). */
  readonly settings: MoEngageSettings;
  /** Creates or updates one user (`POST /v1/customer/{app_id}`); 10,000 users/min per workspace. */
  trackUser(body: TrackUserBody, options?: PortfolioCallOptions): Promise<MoEngageResult<TrackUserAnswer>>;
  /** Looks up at most 20 users by id (`POST /v1/customers/export`); 1,000 users/min. */
  getUser(body: GetUserBody, options?: CallOptions): Promise<MoEngageResult<GetUserAnswer>>;
  /** Folds at most 50 users into others (`POST /v1/customer/merge`); disabled with Identity Resolution. */
  mergeUsers(body: MergeUsersBody, options?: CallOptions): Promise<MoEngageResult<MergeUsersAnswer>>;
  /** Deletes one user (`POST /v1/customer/delete`); an unknown user is a `BadRequestError` ("Not Found"). */
  deleteUser(body: DeleteUserBody, options?: CallOptions): Promise<MoEngageResult<DeleteUserAnswer>>;
  /** Creates or updates a device of an existing user (`POST /v1/device/{app_id}`). */
  trackDevice(body: TrackDeviceBody, options?: CallOptions): Promise<MoEngageResult<TrackDeviceAnswer>>;
  /** Records events of one user (`POST /v1/event/{app_id}`); 30,000 events/min. */
  createEvent(
    body: CreateEventBody,
    options?: PortfolioCallOptions,
  ): Promise<MoEngageResult<CreateEventAnswer>>;
  /** Sends users, devices and events in one request (`POST /v1/transition/{app_id}`); at most 128 KB. */
  bulkImport(body: BulkImportBody, options?: PortfolioCallOptions): Promise<MoEngageResult<BulkImportAnswer>>;
  /** Runs a periodic file import now (file-imports host); once per 5 minutes per schedule. */
  triggerFileImport(
    params: TriggerFileImportParams,
    options?: CallOptions,
  ): Promise<MoEngageResult<TriggerFileImportAnswer>>;
  /**
   * Creates a batching ingestor on this client: `createIngestor({ ...options, client })`. Hand it
   * users, devices and events one at a time; it packs them into Bulk Import requests under the
   * payload and rate limits, and reports what it could not deliver to `onError`.
   * @example
   * const ingestor = moengage.ingest({ onError: (elements, reason) => console.error(elements.length, reason) });
   * await ingestor.trackUser({ customer_id: 'u-42', attributes: { first_name: 'Ada' } });
   * const { sent, failed, dropped } = await ingestor.close({ timeoutMs: 30_000 });
   */
  ingest(options?: Omit<IngestorOptions, 'client'>): Ingestor;
}
