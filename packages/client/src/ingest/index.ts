/**
 * The batching ingestor: hand it users, devices and events one at a time; it delivers them through
 * Bulk Import as fast as the workspace's limits allow, and reports anything it could not deliver.
 */

// Clock (inject a fake one in tests)
export { type IngestClock, realIngestClock, type TimerHandle } from './clock.ts';

// Errors
export {
  CloseTimeoutError,
  ElementOverBudgetError,
  ElementTooLargeError,
  IngestError,
  IngestorClosedError,
  InvalidElementError,
  QueueFullError,
} from './errors.ts';
// Factory
export { createIngestor } from './ingestor.ts';

// Types
export type {
  BackpressurePolicy,
  BudgetHeadroom,
  BulkElement,
  BulkImportCallOptions,
  BulkImportClient,
  IngestDevice,
  IngestEvent,
  IngestFailureDetails,
  Ingestor,
  IngestorCloseResult,
  IngestorOptions,
  IngestorStats,
  IngestUser,
} from './types.ts';
