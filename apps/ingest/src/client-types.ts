/**
 * The ingestor's types, derived from the client's public `MoEngageClient` (whose `ingest()` creates
 * the batching ingestor), so this app needs nothing beyond the package's root entry.
 */
import type { MoEngageClient } from '@moedata/client';

/** The batching ingestor `moengage.ingest()` returns. */
export type Ingestor = ReturnType<MoEngageClient['ingest']>;
/** What `ingestor.stats()` reports: counts and rate-limit headroom. */
export type IngestorStats = ReturnType<Ingestor['stats']>;
