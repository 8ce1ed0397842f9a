/**
 * How each Data API operation is called: method, path template, host, where the workspace id goes and
 * which optional parameters it takes. Free of dependencies (no zod), so a client can route requests
 * without bundling the schemas; the operation table (`operations`) spreads these entries into its own.
 */
import type { OperationId } from './operation-ids.ts';

export { type OperationId, operationIds } from './operation-ids.ts';

/** How one operation is called over HTTP. */
export interface OperationRoute {
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
}

/** The route of each of the 8 Data API operations, keyed by operationId. */
export const routes = {
  trackUser: {
    operationId: 'trackUser',
    method: 'post',
    path: '/v1/customer/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
  },
  getUser: {
    operationId: 'getUser',
    method: 'post',
    path: '/v1/customers/export',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
  },
  mergeUsers: {
    operationId: 'mergeUsers',
    method: 'post',
    path: '/v1/customer/merge',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
  },
  deleteUser: {
    operationId: 'deleteUser',
    method: 'post',
    path: '/v1/customer/delete',
    server: 'core',
    appIdIn: 'query',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
  },
  trackDevice: {
    operationId: 'trackDevice',
    method: 'post',
    path: '/v1/device/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: false,
    requiresMoeAppKey: false,
  },
  createEvent: {
    operationId: 'createEvent',
    method: 'post',
    path: '/v1/event/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
  },
  bulkImport: {
    operationId: 'bulkImport',
    method: 'post',
    path: '/v1/transition/{app_id}',
    server: 'core',
    appIdIn: 'path',
    acceptsProjectCode: true,
    requiresMoeAppKey: false,
  },
  triggerFileImport: {
    operationId: 'triggerFileImport',
    method: 'post',
    path: '/v1.0/data/fileimports/trigger/{schedule_id}',
    server: 'fileImports',
    appIdIn: 'none',
    acceptsProjectCode: false,
    requiresMoeAppKey: true,
  },
} as const satisfies Readonly<Record<OperationId, OperationRoute>>;
