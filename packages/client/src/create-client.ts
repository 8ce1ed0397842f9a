import { type OperationId, routes } from '@moedata/spec/routes';
import { SCHEDULE_ID_PATTERN } from '@moedata/spec/rules';
import { credentialsFor, defaultHeaders } from './auth.ts';
import type { MoEngageClient } from './client.ts';
import { RequestValidationError } from './errors.ts';
import {
  type ExecutionContext,
  executeOperation,
  type OperationRequest,
  type SdkFunction,
} from './execute.ts';
import { abortableFetch } from './fetch.ts';
import { createClient, createConfig } from './generated/client/index.ts';
import * as sdk from './generated/sdk.gen.ts';
import { createIngestor } from './ingest/ingestor.ts';
import { type MoEngageOptions, type MoEngageSettings, resolveOptions } from './options.ts';
import type { CallOptions, MoEngageResult, PortfolioCallOptions } from './result.ts';
import { preloadValidators } from './validation.ts';

/**
 * Creates a MoEngage Data API client.
 *
 * It signs every request with Basic auth and `MOE-APPKEY`, puts `app_id` where each operation expects
 * it, sends each operation to its data center's host, validates request bodies against the spec,
 * retries 5xx answers, network errors and timeouts every 2 s (at most 5 times), and waits out 429s.
 * `ingest()` returns a batching ingestor that sends users, devices and events through Bulk Import.
 *
 * @throws MoEngageOptionsError when an option is wrong (unknown data center, empty key, both or
 * neither of dataCenter and baseUrl), saying what to fix.
 * @example
 * const moengage = createMoEngage({ workspaceId: 'WS123', apiKey: process.env.MOENGAGE_KEY!, dataCenter: '01' });
 * await moengage.trackUser({ type: 'customer', customer_id: 'u-42', attributes: { first_name: 'Ada' } });
 */
export function createMoEngage(options: MoEngageOptions): MoEngageClient {
  const { settings, apiKey, fetch, logger, onWarning } = resolveOptions(options);
  // The validators are a separate chunk (validation.ts): fetch it now so the first call need not wait.
  if (settings.validateRequests || settings.validateResponses) preloadValidators();
  const context: ExecutionContext = {
    settings,
    client: createClient(
      createConfig({
        fetch: abortableFetch(fetch) as typeof globalThis.fetch,
        auth: credentialsFor(settings.workspaceId, apiKey),
        headers: defaultHeaders(settings.workspaceId),
        throwOnError: false,
      }),
    ),
    logger,
    onWarning,
  };

  const run = <T>(
    operationId: OperationId,
    send: SdkFunction,
    request: OperationRequest,
    callOptions: CallOptions | undefined,
  ) =>
    executeOperation<T>(context, {
      operationId,
      send,
      origin: originOf(operationId, settings),
      request,
      options: callOptions,
    });

  // Generic in the answer type so each method takes its own types from MoEngageClient; the generated
  // function is passed in by name, checked against the operationId by its type.
  const withBody =
    <K extends Exclude<OperationId, 'triggerFileImport'>>(operationId: K, generated: (typeof sdk)[K]) =>
    <T>(body: unknown, callOptions?: PortfolioCallOptions): Promise<MoEngageResult<T>> =>
      run<T>(
        operationId,
        generated as unknown as SdkFunction,
        { body, ...workspaceParameters(operationId, settings.workspaceId, callOptions) },
        callOptions,
      );

  const client: MoEngageClient = Object.freeze({
    settings,
    trackUser: withBody('trackUser', sdk.trackUser),
    getUser: withBody('getUser', sdk.getUser),
    mergeUsers: withBody('mergeUsers', sdk.mergeUsers),
    deleteUser: withBody('deleteUser', sdk.deleteUser),
    trackDevice: withBody('trackDevice', sdk.trackDevice),
    createEvent: withBody('createEvent', sdk.createEvent),
    bulkImport: withBody('bulkImport', sdk.bulkImport),
    triggerFileImport: (params, callOptions) => {
      const scheduleId = (params as { scheduleId?: unknown } | undefined)?.scheduleId;
      const problem = scheduleIdProblem(scheduleId);
      if (problem !== undefined) {
        // Checked even with validateRequests: false, since it becomes part of the URL.
        return Promise.reject(
          new RequestValidationError({
            operationId: 'triggerFileImport',
            attribute: 'scheduleId',
            issues: [problem],
            alwaysChecked: true,
          }),
        );
      }
      const send = sdk.triggerFileImport as unknown as SdkFunction;
      return run('triggerFileImport', send, { path: { schedule_id: scheduleId as string } }, callOptions);
    },
    ingest: (ingestOptions) => createIngestor({ ...ingestOptions, client }),
  } satisfies MoEngageClient);
  return client;
}

/** The spec's ScheduleId pattern: one path segment that URL normalisation leaves in place. */
const SCHEDULE_ID = new RegExp(SCHEDULE_ID_PATTERN);

/**
 * Why `scheduleId` cannot be put in the URL, or `undefined` when it can. A dot segment (`.`, `..`,
 * `%2e`) would be normalised away and the request would reach another path, answered with a 404
 * that blames the base URL.
 */
function scheduleIdProblem(scheduleId: unknown): string | undefined {
  const where = 'the Import ID of a periodic import (Data > Imports History > View import)';
  if (typeof scheduleId !== 'string' || scheduleId.trim() === '') return `scheduleId must be ${where}`;
  if (SCHEDULE_ID.test(scheduleId)) return undefined;
  return (
    `scheduleId ${JSON.stringify(scheduleId)} cannot be sent: a URL drops path segments made only of dots ` +
    `(".", "..", "%2e") and splits at "/" and "\\", so the request would reach another path. Pass ${where}`
  );
}

function originOf(operationId: OperationId, settings: MoEngageSettings): string {
  return routes[operationId].server === 'fileImports' ? settings.hosts.fileImports : settings.hosts.core;
}

/** `app_id` in the path or the query, as the spec says for the operation, plus the Portfolio `project_code`. */
function workspaceParameters(
  operationId: OperationId,
  workspaceId: string,
  callOptions: PortfolioCallOptions | undefined,
): Pick<OperationRequest, 'path' | 'query'> {
  const { appIdIn, acceptsProjectCode } = routes[operationId];
  const projectCode = acceptsProjectCode ? callOptions?.projectCode : undefined;
  const portfolio = projectCode === undefined ? {} : { project_code: projectCode };
  switch (appIdIn) {
    case 'path':
      return projectCode === undefined
        ? { path: { app_id: workspaceId } }
        : { path: { app_id: workspaceId }, query: portfolio };
    case 'query':
      return { query: { app_id: workspaceId, ...portfolio } };
    default:
      return projectCode === undefined ? {} : { query: portfolio };
  }
}
