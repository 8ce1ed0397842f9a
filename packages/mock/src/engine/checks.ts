/**
 * The request-level checks of decisions.md, each returning the failure it finds (first failure wins;
 * the order is in `pipeline.ts`).
 */
import { ContentTypeHeader, type OperationId, operations } from '@moedata/spec';
import { dataCenterOfHost } from '@moedata/spec/rules';
import { parseBasicAuth } from './basic-auth.ts';
import { constantTimeEqual } from './constant-time.ts';
import { type Failure, rowFor } from './error-rows.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-nesting.ts';
import { rememberRecent } from './recent.ts';
import type { EngineRequest, ResolvedWorkspace, WorkspaceRegistry } from './types.ts';

/** Authentication: 401 rows, then 409 when the workspace has no key, then the key comparison. */
export function authenticate(
  headers: Record<string, string>,
  workspaces: WorkspaceRegistry,
  operationId: OperationId,
  url: string,
): { ok: true; workspace: ResolvedWorkspace } | { ok: false; failure: Failure } {
  const header = headers.authorization;
  const value = header?.trim() ?? '';
  if (value !== '' && !/^basic(\s|$)/i.test(value)) {
    return { ok: false, failure: { errorId: rowFor('authNotBasic', operationId) } };
  }
  const credentials = parseBasicAuth(header);
  if (!credentials.ok) return { ok: false, failure: { errorId: credentials.errorId } };
  const workspace = workspaces.get(credentials.username);
  if (!workspace || !servedAt(workspace, url, operationId)) {
    return { ok: false, failure: { errorId: 'authInvalidAppId' } };
  }
  if (workspace.apiKey === undefined) return { ok: false, failure: { errorId: 'secretNotSet' } };
  if (!constantTimeEqual(credentials.password, workspace.apiKey)) {
    return { ok: false, failure: { errorId: rowFor('authSecretMismatch', operationId) } };
  }
  return { ok: true, workspace };
}

/**
 * Whether a request to `url` reaches the workspace: a workspace bound to a data center exists only on
 * that center's host of the operation's API (MoEngage's data centers share no workspaces); local and
 * custom hosts reach every workspace.
 */
function servedAt(workspace: ResolvedWorkspace, url: string, operationId: OperationId): boolean {
  if (workspace.dataCenter === undefined) return true;
  const host = dataCenterOfHost(new URL(url, 'http://emulator.invalid').hostname);
  if (host === undefined) return true;
  return (
    host.dataCenter === workspace.dataCenter &&
    host.api === (operations[operationId].server === 'fileImports' ? 'fileImports' : 'core')
  );
}

/**
 * app_id from the path and/or the query: present (400 ParamsRequired), a known workspace (400
 * InvalidParams), and equal to the authenticated workspace (409), path and query alike.
 */
export function checkAppId(
  operationId: OperationId,
  params: Record<string, string>,
  query: URLSearchParams,
  workspace: ResolvedWorkspace,
  workspaces: WorkspaceRegistry,
): Failure | undefined {
  if (operations[operationId].appIdIn === 'none') return undefined;
  // Every value counts: `?app_id=WS1&app_id=WS2` names two workspaces, and each one is checked.
  const sent = query.size === 0 ? [params.app_id] : [params.app_id, ...query.getAll('app_id')];
  const given = sent.filter((value): value is string => value !== undefined && value !== '');
  if (given.length === 0) return { errorId: 'appIdRequired' };
  if (given.some((appId) => !workspaces.has(appId))) return { errorId: rowFor('invalidAppId', operationId) };
  if (given.some((appId) => appId !== workspace.workspaceId)) return { errorId: 'appKeyMismatch' };
  return undefined;
}

/** MOE-APPKEY: required on Trigger File Imports; wherever present it must equal the Basic username. */
export function checkMoeAppKey(
  operationId: OperationId,
  headers: Record<string, string>,
  workspace: ResolvedWorkspace,
): Failure | undefined {
  const required = operations[operationId].requiresMoeAppKey;
  const moeAppKey = headers['moe-appkey']?.trim();
  if (moeAppKey === undefined || moeAppKey === '')
    return required ? { errorId: 'moeAppKeyMissing' } : undefined;
  return moeAppKey === workspace.workspaceId
    ? undefined
    : { errorId: rowFor('moeAppKeyMismatch', operationId) };
}

/** Account state: 400 Blacklisted, 403 suspended or temporarily suspended. */
export function checkAccountState(
  operationId: OperationId,
  workspace: ResolvedWorkspace,
): Failure | undefined {
  switch (workspace.accountState) {
    case 'active':
      return undefined;
    case 'blacklisted':
      return { errorId: 'blacklisted' };
    case 'suspended':
      return { errorId: rowFor('accountSuspended', operationId) };
    case 'temporarilySuspended':
      return { errorId: 'accountTemporarilySuspended' };
  }
}

/** Content-Type: missing → 400, anything but application/json (charset allowed) → 415. */
export function checkContentType(
  operationId: OperationId,
  headers: Record<string, string>,
): Failure | undefined {
  const contentType = headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') return { errorId: 'missingContentType' };
  return isJsonContentType(contentType)
    ? undefined
    : { errorId: rowFor('unsupportedMediaType', operationId) };
}

/** Whether a Content-Type is the spec's `application/json` (charset allowed); clients repeat theirs. */
const isJsonContentType = rememberRecent((value) => ContentTypeHeader.safeParse(value).success);

/**
 * A body sent to an operation that takes none (Trigger File Imports): it must still be JSON (415) and
 * within the size limit (413), the two body rows decisions/003 documents for every operation
 * (decisions/057). No body, or an empty one, passes whatever the Content-Type says.
 */
export function checkUnexpectedBody(
  operationId: OperationId,
  request: EngineRequest,
  limitBytes: number,
): Failure | undefined {
  const exceeded =
    request.bodyExceededLimit === true || (request.body !== null && request.body.byteLength > limitBytes);
  const sent = exceeded || (request.body !== null && request.body.byteLength > 0);
  if (!sent) return undefined;
  // The missing-Content-Type 400 is a core-API row; here a body without one is just not JSON.
  const contentType = request.headers['content-type'];
  if (contentType === undefined || !isJsonContentType(contentType)) {
    return { errorId: rowFor('unsupportedMediaType', operationId) };
  }
  return exceeded ? { errorId: rowFor('payloadTooLarge', operationId) } : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body: within the size limit (413), not empty (400), UTF-8 JSON (400 Malformed JSON), an object
 * at the top level (400 Body type is not JSON), nested at most {@link MAX_JSON_DEPTH} levels (400
 * Malformed JSON).
 */
export function readJsonBody(
  operationId: OperationId,
  request: EngineRequest,
  limitBytes: number,
): { ok: true; body: Record<string, unknown> } | { ok: false; failure: Failure } {
  const bytes = request.body;
  if (request.bodyExceededLimit === true || (bytes !== null && bytes.byteLength > limitBytes)) {
    return { ok: false, failure: { errorId: rowFor('payloadTooLarge', operationId) } };
  }
  let text: string;
  try {
    text = bytes === null ? '' : utf8.decode(bytes);
  } catch {
    return { ok: false, failure: { errorId: 'malformedJson' } };
  }
  if (text.trim() === '') return { ok: false, failure: { errorId: 'emptyBody' } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, failure: { errorId: 'malformedJson' } };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, failure: { errorId: 'bodyNotJson' } };
  }
  // JSON.parse takes any depth, but what reads the value next may recurse (decisions/058). Each level
  // takes two bytes at least, so a body shorter than twice the cap cannot exceed it: no walk needed.
  if (text.length >= 2 * MAX_JSON_DEPTH && nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    return { ok: false, failure: { errorId: 'malformedJson' } };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
