/**
 * `@moedata/mock`: a stateful emulator of the MoEngage Data API. This entry point runs anywhere
 * (Node, browsers, workers): the engine, the in-memory store and the MSW handlers. Node-only helpers
 * (setupServer, the standalone server, the SQLite store) are in `@moedata/mock/node`; the browser's
 * setupWorker helpers in `@moedata/mock/browser`.
 */

// The demo workspace the CLI creates (also exported by `./node`: the same object)
export { DEMO_WORKSPACE } from './cli/demo-workspace.ts';
// The engine
export { basicAuthHeader } from './engine/basic-auth.ts';
export { createEngine } from './engine/engine.ts';
export type {
  AccountState,
  Clock,
  Engine,
  EngineFixtures,
  EngineOptions,
  EngineRequest,
  EngineResponse,
  FaultConfig,
  FaultContext,
  FaultStatus,
  IdentityResolutionConfig,
  RateLimitOverrides,
  RateLimits,
  ResolvedWorkspace,
  UserFixture,
  WorkspaceConfig,
  WorkspaceRegistry,
} from './engine/types.ts';
// Typed per-operation overrides for `server.use()` / `worker.use()`, generated from the spec: each takes a
// response body typed from the spec, or an MSW resolver, and matches on every host unless given a baseUrl.
export {
  handleBulkImport,
  handleCreateEvent,
  handleDeleteUser,
  handleGetUser,
  handleMergeUsers,
  handleTrackDevice,
  handleTrackUser,
  handleTriggerFileImport,
} from './generated/msw.gen.ts';
// MSW handlers
export { type CreateHandlersOptions, createHandlers } from './handlers/create-handlers.ts';
// The store
export { createMemoryStore, type MemoryStoreOptions, seedInto } from './store/memory.ts';
export { DEFAULT_REQUEST_LOG_LIMIT } from './store/request-log-limit.ts';
export type {
  DeleteRecord,
  DeviceCollection,
  DroppedItem,
  DropReason,
  EventCollection,
  EventFilter,
  FileImportRun,
  FileImportRunLog,
  JsonObject,
  JsonValue,
  MergeRecord,
  RecordLog,
  RequestLog,
  RequestLogEntry,
  RequestLogFilter,
  Store,
  StoredDevice,
  StoredEvent,
  StoredUser,
  StoreFixtures,
  StoreSnapshot,
  UserCollection,
} from './store/types.ts';
