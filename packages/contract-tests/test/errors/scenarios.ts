/**
 * For every error-catalogue row, a client call that makes the mock answer it. Keyed by row id; the
 * catalogue test loops over `errorCatalog`, so a row added to the spec without a scenario here fails
 * by name. Broken requests are sent through the real client: with request validation off for
 * invalid bodies, or with a tampering fetch for what the client never sends (no Authorization, a
 * wrong Content-Type, a truncated body).
 */
import type { MoEngageClient } from '@moedata/client';
import type { WorkspaceConfig } from '@moedata/mock';
import type { Tamper } from '../../src/contract-client.ts';
import { WS2 } from '../../src/contract-mock.ts';
import { basic, withBody, withHeaders, withMethod, withUrl } from '../../src/tamper.ts';

/** How to make the mock answer one row. */
export interface ErrorScenario {
  /** The client method to call. */
  operationId: keyof Omit<MoEngageClient, 'settings'>;
  /** Settings of a fresh workspace the call is made in (its API key is set unless `apiKey: undefined`). */
  workspace?: WorkspaceConfig;
  /** Credentials the client is built with, when not the workspace's. */
  credentials?: { workspaceId?: string; apiKey?: string };
  /** Send invalid bodies as they are (the client would refuse them). */
  skipRequestValidation?: boolean;
  tamper?: Tamper;
  /** Runs first (e.g. the first of two triggers). */
  before?: (client: MoEngageClient) => Promise<unknown>;
  /** The call that must fail with the row. */
  call: (client: MoEngageClient) => Promise<unknown>;
}

const trackUser = (client: MoEngageClient, body: unknown = { type: 'customer', customer_id: 'ada' }) =>
  client.trackUser(body as never);
const createEvent = (client: MoEngageClient, body: unknown) => client.createEvent(body as never);
const mergeUsers = (
  client: MoEngageClient,
  body: unknown = { merge_data: [{ merged_user: 'a', retained_user: 'b' }] },
) => client.mergeUsers(body as never);
const deleteUser = (client: MoEngageClient) =>
  client.deleteUser({ identity_type: 'customer_id', identity_value: 'ada' });
const getUser = (client: MoEngageClient, count = 1) =>
  client.getUser({
    data: {
      identifiers: Array.from({ length: count }, (_, i) => ({
        identifier_type: 'customer_id',
        identifier: `u${i}`,
      })),
    },
  } as never);
const trigger = (client: MoEngageClient, scheduleId = 'daily-users') =>
  client.triggerFileImport({ scheduleId });
const bigText = 'x'.repeat(140_000);
const fault = (status: 500 | 502 | 503 | 504): WorkspaceConfig => ({ faults: { status } });

/** Scenarios by row id. */
export const errorScenarios: Record<string, ErrorScenario> = {
  // 400: request shape
  missingContentType: {
    operationId: 'trackUser',
    tamper: withHeaders({ 'content-type': null }),
    call: trackUser,
  },
  emptyBody: { operationId: 'trackUser', tamper: withBody(''), call: trackUser },
  bodyNotJson: { operationId: 'trackUser', tamper: withBody('["customer"]'), call: trackUser },
  malformedJson: { operationId: 'trackUser', tamper: withBody('{"type":"customer",'), call: trackUser },
  // 400: workspace and app_id
  blacklisted: { operationId: 'trackUser', workspace: { accountState: 'blacklisted' }, call: trackUser },
  invalidAppId: {
    operationId: 'trackUser',
    tamper: withUrl((url) => {
      url.pathname = '/v1/customer/NO-SUCH-WORKSPACE';
    }),
    call: trackUser,
  },
  appIdRequired: {
    operationId: 'getUser',
    tamper: withUrl((url) => url.searchParams.delete('app_id')),
    call: getUser,
  },
  // 400: body schema
  attributeWrongType: {
    operationId: 'trackUser',
    skipRequestValidation: true,
    call: (client) => trackUser(client, { type: 'customer', customer_id: 42 }),
  },
  customerIdMissing: {
    operationId: 'createEvent',
    call: (client) => createEvent(client, { type: 'event', actions: [{ action: 'Viewed' }] }),
  },
  customerIdEmpty: {
    operationId: 'trackUser',
    skipRequestValidation: true,
    call: (client) => trackUser(client, { type: 'customer', customer_id: '' }),
  },
  fieldMissing: {
    operationId: 'createEvent',
    skipRequestValidation: true,
    call: (client) => createEvent(client, { type: 'event', customer_id: 'ada' }),
  },
  fieldEmpty: {
    operationId: 'createEvent',
    skipRequestValidation: true,
    call: (client) => createEvent(client, { type: 'event', customer_id: 'ada', actions: [] }),
  },
  invalidType: {
    operationId: 'trackUser',
    skipRequestValidation: true,
    call: (client) => trackUser(client, { type: 'Customer', customer_id: 'ada' }),
  },
  arrayFieldConflict: {
    operationId: 'trackUser',
    call: (client) =>
      trackUser(client, {
        type: 'customer',
        customer_id: 'ada',
        attributes: { addValueToArrayField: { tags: ['a'] }, removeValueFromArrayField: { tags: ['b'] } },
      }),
  },
  invalidPlatform: {
    operationId: 'trackDevice',
    skipRequestValidation: true,
    call: (client) =>
      client.trackDevice({
        type: 'device',
        customer_id: 'ada',
        device_id: 'd-1',
        attributes: { platform: 'Symbian', push_id: 'token' },
      }),
  },
  bulkElementType: {
    operationId: 'bulkImport',
    workspace: { strictBulk: true },
    skipRequestValidation: true,
    call: (client) =>
      client.bulkImport({ type: 'transition', elements: [{ type: 'user', customer_id: 'ada' }] } as never),
  },
  deviceFieldMissing: {
    operationId: 'trackDevice',
    skipRequestValidation: true,
    call: (client) =>
      client.trackDevice({
        type: 'device',
        device_id: 'd-1',
        attributes: { platform: 'iOS', push_id: 't' },
      } as never),
  },
  deviceAttributeMissing: {
    operationId: 'trackDevice',
    skipRequestValidation: true,
    call: (client) =>
      client.trackDevice({
        type: 'device',
        customer_id: 'ada',
        device_id: 'd-1',
        attributes: { platform: 'iOS' },
      } as never),
  },
  bulkElementFieldMissing: {
    operationId: 'bulkImport',
    workspace: { strictBulk: true },
    skipRequestValidation: true,
    call: (client) => client.bulkImport({ type: 'transition', elements: [{ type: 'customer' }] } as never),
  },
  bulkElementFieldEmpty: {
    operationId: 'bulkImport',
    workspace: { strictBulk: true },
    skipRequestValidation: true,
    call: (client) =>
      client.bulkImport({
        type: 'transition',
        elements: [{ type: 'event', customer_id: 'ada', actions: [{ action: '' }] }],
      } as never),
  },
  bulkElementsEmpty: {
    operationId: 'bulkImport',
    skipRequestValidation: true,
    call: (client) => client.bulkImport({ type: 'transition', elements: [] } as never),
  },
  getUserLimitBreached: {
    operationId: 'getUser',
    skipRequestValidation: true,
    call: (client) => getUser(client, 21),
  },
  mergeLimitBreached: {
    operationId: 'mergeUsers',
    skipRequestValidation: true,
    call: (client) =>
      mergeUsers(client, {
        merge_data: Array.from({ length: 51 }, (_, i) => ({ merged_user: `a${i}`, retained_user: `b${i}` })),
      }),
  },
  mergedUserWrongType: {
    operationId: 'mergeUsers',
    skipRequestValidation: true,
    call: (client) => mergeUsers(client, { merge_data: [{ merged_user: 7, retained_user: 'ada' }] }),
  },
  mergeDisabledIdentityResolution: {
    operationId: 'mergeUsers',
    workspace: { identityResolution: { identifiers: ['moe_mobile'] } },
    call: (client) => mergeUsers(client),
  },
  deleteUserNotFound: { operationId: 'deleteUser', call: deleteUser },
  // 400: Trigger File Imports
  fileImportNotFound: {
    operationId: 'triggerFileImport',
    workspace: { fileImportSchedules: ['known-schedule'] },
    call: (client) => trigger(client, 'unknown-schedule'),
  },
  fileImportAlreadyRun: { operationId: 'triggerFileImport', before: trigger, call: trigger },
  // 401
  authHeaderMissing: {
    operationId: 'trackUser',
    tamper: withHeaders({ authorization: null }),
    call: trackUser,
  },
  authHeaderEmpty: { operationId: 'trackUser', tamper: withHeaders({ authorization: '' }), call: trackUser },
  authUndecodable: {
    operationId: 'trackUser',
    tamper: withHeaders({ authorization: 'Basic %%%' }),
    call: trackUser,
  },
  authAppKeyMissing: {
    operationId: 'trackUser',
    tamper: withHeaders({ authorization: basic(':key') }),
    call: trackUser,
  },
  authAppSecretMissing: {
    operationId: 'trackUser',
    tamper: withHeaders({ authorization: basic('WS1:') }),
    call: trackUser,
  },
  authSecretMismatch: { operationId: 'trackUser', credentials: { apiKey: 'not-the-key' }, call: trackUser },
  authInvalidAppId: { operationId: 'trackUser', credentials: { workspaceId: 'GHOST' }, call: trackUser },
  moeAppKeyMismatch: {
    operationId: 'trackUser',
    tamper: withHeaders({ 'moe-appkey': WS2 }),
    call: trackUser,
  },
  authNotBasic: {
    operationId: 'mergeUsers',
    tamper: withHeaders({ authorization: 'Bearer some-token' }),
    call: (client) => mergeUsers(client),
  },
  moeAppKeyMissing: {
    operationId: 'triggerFileImport',
    tamper: withHeaders({ 'moe-appkey': null }),
    call: trigger,
  },
  fileImportMoeAppKeyMismatch: {
    operationId: 'triggerFileImport',
    tamper: withHeaders({ 'moe-appkey': WS2 }),
    call: trigger,
  },
  fileImportAuthInvalid: {
    operationId: 'triggerFileImport',
    credentials: { apiKey: 'not-the-key' },
    call: trigger,
  },
  // 403
  accountSuspended: { operationId: 'trackUser', workspace: { accountState: 'suspended' }, call: trackUser },
  accountTemporarilySuspended: {
    operationId: 'trackUser',
    workspace: { accountState: 'temporarilySuspended' },
    call: trackUser,
  },
  blockedClient: {
    operationId: 'triggerFileImport',
    workspace: { accountState: 'suspended' },
    call: trigger,
  },
  appIdBlocked: {
    operationId: 'deleteUser',
    tamper: withUrl((url) => url.searchParams.set('app_id', 'NO-SUCH-WORKSPACE')),
    call: deleteUser,
  },
  // 409
  appKeyMismatch: {
    operationId: 'trackUser',
    tamper: withUrl((url) => {
      url.pathname = `/v1/customer/${WS2}`;
    }),
    call: trackUser,
  },
  secretNotSet: {
    operationId: 'trackUser',
    workspace: { apiKey: undefined },
    credentials: { apiKey: 'any-key' },
    call: trackUser,
  },
  // 413, 415
  payloadTooLarge: {
    operationId: 'trackUser',
    call: (client) =>
      trackUser(client, { type: 'customer', customer_id: 'ada', attributes: { notes: bigText } }),
  },
  eventPayloadTooLarge: {
    operationId: 'createEvent',
    call: (client) =>
      createEvent(client, {
        type: 'event',
        customer_id: 'ada',
        actions: [{ action: 'Wrote', attributes: { text: bigText } }],
      }),
  },
  unsupportedMediaType: {
    operationId: 'trackUser',
    tamper: withHeaders({ 'content-type': 'text/plain' }),
    call: trackUser,
  },
  eventUnsupportedMediaType: {
    operationId: 'createEvent',
    tamper: withHeaders({ 'content-type': 'application/xml' }),
    call: (client) =>
      createEvent(client, { type: 'event', customer_id: 'ada', actions: [{ action: 'Viewed' }] }),
  },
  mergeContentTypeMissing: {
    operationId: 'mergeUsers',
    tamper: withHeaders({ 'content-type': 'text/plain' }),
    call: (client) => mergeUsers(client),
  },
  // 429 (budgets of zero: every request is over them)
  rateLimitExceeded: {
    operationId: 'trackUser',
    workspace: { rateLimits: { trackUser: { users: 0 } } },
    call: trackUser,
  },
  customersRateLimitExceeded: {
    operationId: 'createEvent',
    workspace: { rateLimits: { createEvent: { events: 0 } } },
    call: (client) => createEvent(client, { type: 'event', customer_id: 'ada', actions: [{ action: 'A' }] }),
  },
  mergeRateLimitExceeded: {
    operationId: 'mergeUsers',
    workspace: { rateLimits: { mergeUsers: { users: 0 } } },
    call: (client) => mergeUsers(client),
  },
  deleteUserRateLimitExceeded: {
    operationId: 'deleteUser',
    workspace: { rateLimits: { deleteUser: { requests: 0 } } },
    call: deleteUser,
  },
  // 5xx (injected faults)
  serverError: { operationId: 'trackUser', workspace: fault(500), call: trackUser },
  badGateway: {
    operationId: 'createEvent',
    workspace: fault(502),
    call: (client) => createEvent(client, { type: 'event', customer_id: 'ada', actions: [{ action: 'A' }] }),
  },
  serviceUnavailable: { operationId: 'getUser', workspace: fault(503), call: getUser },
  gatewayTimeout: {
    operationId: 'bulkImport',
    workspace: fault(504),
    call: (client) =>
      client.bulkImport({ type: 'transition', elements: [{ type: 'customer', customer_id: 'ada' }] }),
  },
  deleteUserServerError: { operationId: 'deleteUser', workspace: fault(500), call: deleteUser },
  fileImportServerError: { operationId: 'triggerFileImport', workspace: fault(500), call: trigger },
  // 404, 405
  routeNotFound: {
    operationId: 'triggerFileImport',
    tamper: withUrl((url) => {
      url.pathname = '/v1.0/data/fileimports/trigger/';
    }),
    call: trigger,
  },
  methodNotAllowed: { operationId: 'triggerFileImport', tamper: withMethod('GET'), call: trigger },
};
