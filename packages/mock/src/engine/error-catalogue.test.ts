import { buildErrorBody, type ErrorId, errorCatalog, getError } from '@moedata/spec/errors';
import { describe, expect, it } from 'vitest';
import { type Harness, harness, KEY1, validBodies, WS1, WS2 } from './test-support/harness.ts';
import type { EngineResponse } from './types.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A request that produces the row, and the placeholder values its message is filled with. */
interface Scenario {
  run: (h: Harness) => Promise<EngineResponse>;
  params?: Record<string, string>;
  attribute?: string;
  /** Options of the harness (workspace settings). */
  options?: Parameters<typeof harness>[0];
}

const withFault = (status: 500 | 502 | 503 | 504) => ({
  options: { workspaces: { [WS1]: { apiKey: KEY1, faults: { status } } } },
});
const suspended = {
  options: { workspaces: { [WS1]: { apiKey: KEY1, accountState: 'suspended' as const } } },
};
const tightLimits = {
  options: {
    workspaces: {
      [WS1]: {
        apiKey: KEY1,
        rateLimits: {
          trackUser: { users: 0 },
          createEvent: { events: 0 },
          mergeUsers: { users: 0 },
          deleteUser: { requests: 0 },
        },
      },
    },
  },
};

/** Every catalogue row the engine can produce, with the request that produces it. */
const scenarios: Record<ErrorId, Scenario> = {
  missingContentType: {
    run: (h) => h.send('trackUser', { headers: { 'content-type': undefined }, body: validBodies.trackUser }),
  },
  emptyBody: { run: (h) => h.send('trackUser', { body: null }) },
  bodyNotJson: { run: (h) => h.send('trackUser', { body: '"customer"' }) },
  malformedJson: { run: (h) => h.send('trackUser', { body: '{' }) },
  blacklisted: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, accountState: 'blacklisted' } } },
    run: (h) => h.send('trackUser', { body: validBodies.trackUser }),
  },
  invalidAppId: {
    run: (h) => h.send('trackUser', { path: '/v1/customer/UNKNOWN', body: validBodies.trackUser }),
  },
  appIdRequired: {
    run: (h) => h.send('getUser', { path: '/v1/customers/export', body: validBodies.getUser }),
  },
  attributeWrongType: {
    run: (h) => h.send('trackUser', { body: { type: 'customer', customer_id: 42 } }),
    params: { key: 'customer_id', datatype: 'String' },
  },
  customerIdMissing: {
    run: (h) => h.send('createEvent', { body: { type: 'event', actions: [{ action: 'x' }] } }),
  },
  customerIdEmpty: { run: (h) => h.send('trackUser', { body: { type: 'customer', customer_id: '' } }) },
  fieldMissing: {
    run: (h) => h.send('createEvent', { body: { type: 'event', customer_id: 'john' } }),
    params: { key: 'actions' },
  },
  deviceFieldMissing: {
    run: (h) =>
      h.send('trackDevice', {
        body: { type: 'device', device_id: 'd', attributes: { platform: 'iOS', push_id: 't' } },
      }),
    params: { key: 'customer_id' },
  },
  deviceAttributeMissing: {
    run: (h) =>
      h.send('trackDevice', {
        body: { type: 'device', customer_id: 'john', device_id: 'd', attributes: { platform: 'iOS' } },
      }),
    params: { key: 'push_id' },
  },
  bulkElementFieldMissing: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } },
    run: (h) => h.send('bulkImport', { body: { type: 'transition', elements: [{ type: 'customer' }] } }),
    params: { key: 'customer_id' },
  },
  bulkElementFieldEmpty: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } },
    run: (h) =>
      h.send('bulkImport', {
        body: {
          type: 'transition',
          elements: [{ type: 'event', customer_id: 'j', actions: [{ action: '' }] }],
        },
      }),
    params: { key: 'action', datatype: 'Unicode string' },
  },
  fieldEmpty: {
    run: (h) => h.send('createEvent', { body: { type: 'event', customer_id: 'john', actions: [] } }),
    params: { key: 'actions', datatype: 'Array' },
  },
  invalidType: {
    run: (h) => h.send('trackUser', { body: { type: 'Customer', customer_id: 'john' } }),
    params: { expected: 'customer' },
  },
  arrayFieldConflict: {
    run: (h) =>
      h.send('trackUser', {
        body: {
          type: 'customer',
          customer_id: 'john',
          attributes: {
            addValueToArrayField: { first_name: ['a'] },
            removeValueFromArrayField: { first_name: ['b'] },
          },
        },
      }),
    params: { key: 'first_name' },
  },
  invalidPlatform: {
    run: (h) =>
      h.send('trackDevice', {
        body: {
          type: 'device',
          customer_id: 'john',
          device_id: 'd',
          attributes: { platform: 'Symbian', push_id: 't' },
        },
      }),
  },
  bulkElementType: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } },
    run: (h) =>
      h.send('bulkImport', {
        body: { type: 'transition', elements: [{ type: 'user', customer_id: 'john' }] },
      }),
  },
  bulkElementsEmpty: { run: (h) => h.send('bulkImport', { body: { type: 'transition', elements: [] } }) },
  getUserLimitBreached: {
    run: (h) =>
      h.send('getUser', {
        body: {
          data: {
            identifiers: Array.from({ length: 21 }, (_, i) => ({
              identifier_type: 'customer_id',
              identifier: `u${i}`,
            })),
          },
        },
      }),
  },
  mergeLimitBreached: {
    run: (h) =>
      h.send('mergeUsers', {
        body: {
          merge_data: Array.from({ length: 51 }, (_, i) => ({
            merged_user: `a${i}`,
            retained_user: `b${i}`,
          })),
        },
      }),
  },
  mergedUserWrongType: {
    run: (h) => h.send('mergeUsers', { body: { merge_data: [{ merged_user: 7, retained_user: 'john' }] } }),
  },
  mergeDisabledIdentityResolution: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, identityResolution: { identifiers: ['moe_mobile'] } } } },
    run: (h) => h.send('mergeUsers', { body: validBodies.mergeUsers }),
  },
  deleteUserNotFound: {
    run: (h) => h.send('deleteUser', { body: { identity_type: 'customer_id', identity_value: 'ghost' } }),
    params: { identity_value: 'ghost' },
  },
  fileImportNotFound: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, fileImportSchedules: ['KNOWN'] } } },
    run: (h) => h.send('triggerFileImport', { path: '/v1.0/data/fileimports/trigger/OTHER' }),
  },
  fileImportAlreadyRun: {
    run: async (h) => {
      await h.send('triggerFileImport');
      return h.send('triggerFileImport');
    },
  },
  authHeaderMissing: { run: (h) => h.send('trackUser', { as: null, body: validBodies.trackUser }) },
  authHeaderEmpty: {
    run: (h) =>
      h.send('trackUser', { as: null, headers: { authorization: '' }, body: validBodies.trackUser }),
  },
  authUndecodable: {
    run: (h) =>
      h.send('trackUser', { as: null, headers: { authorization: 'Basic %%%' }, body: validBodies.trackUser }),
  },
  authAppKeyMissing: {
    run: (h) =>
      h.send('trackUser', {
        as: null,
        headers: { authorization: `Basic ${b64(':k')}` },
        body: validBodies.trackUser,
      }),
  },
  authAppSecretMissing: {
    run: (h) =>
      h.send('trackUser', {
        as: null,
        headers: { authorization: `Basic ${b64('WS1:')}` },
        body: validBodies.trackUser,
      }),
  },
  authSecretMismatch: { run: (h) => h.send('trackUser', { as: [WS1, 'nope'], body: validBodies.trackUser }) },
  authInvalidAppId: { run: (h) => h.send('trackUser', { as: ['GHOST', 'k'], body: validBodies.trackUser }) },
  moeAppKeyMismatch: {
    run: (h) => h.send('trackUser', { headers: { 'moe-appkey': WS2 }, body: validBodies.trackUser }),
  },
  authNotBasic: {
    run: (h) =>
      h.send('mergeUsers', {
        as: null,
        headers: { authorization: 'Digest x' },
        body: validBodies.mergeUsers,
      }),
  },
  moeAppKeyMissing: { run: (h) => h.send('triggerFileImport', { headers: { 'moe-appkey': undefined } }) },
  fileImportMoeAppKeyMismatch: {
    run: (h) => h.send('triggerFileImport', { headers: { 'moe-appkey': WS2 } }),
  },
  fileImportAuthInvalid: { run: (h) => h.send('triggerFileImport', { as: [WS1, 'nope'] }) },
  accountSuspended: { ...suspended, run: (h) => h.send('trackUser', { body: validBodies.trackUser }) },
  accountTemporarilySuspended: {
    options: { workspaces: { [WS1]: { apiKey: KEY1, accountState: 'temporarilySuspended' } } },
    run: (h) => h.send('trackUser', { body: validBodies.trackUser }),
  },
  blockedClient: { ...suspended, run: (h) => h.send('triggerFileImport') },
  appIdBlocked: {
    run: (h) =>
      h.send('deleteUser', { path: '/v1/customer/delete?app_id=UNKNOWN', body: validBodies.deleteUser }),
  },
  appKeyMismatch: {
    run: (h) => h.send('trackUser', { path: `/v1/customer/${WS2}`, body: validBodies.trackUser }),
  },
  secretNotSet: {
    options: { workspaces: { NOKEY: {} } },
    run: (h) =>
      h.send('trackUser', { as: ['NOKEY', 'k'], path: '/v1/customer/NOKEY', body: validBodies.trackUser }),
  },
  payloadTooLarge: { run: (h) => h.send('trackUser', { body: 'x'.repeat(131_073) }) },
  eventPayloadTooLarge: { run: (h) => h.send('createEvent', { bodyExceededLimit: true, body: '{' }) },
  unsupportedMediaType: {
    run: (h) =>
      h.send('trackUser', { headers: { 'content-type': 'text/plain' }, body: validBodies.trackUser }),
  },
  eventUnsupportedMediaType: {
    run: (h) =>
      h.send('createEvent', {
        headers: { 'content-type': 'application/xml' },
        body: validBodies.createEvent,
      }),
  },
  mergeContentTypeMissing: {
    run: (h) =>
      h.send('mergeUsers', { headers: { 'content-type': 'text/plain' }, body: validBodies.mergeUsers }),
  },
  rateLimitExceeded: { ...tightLimits, run: (h) => h.send('trackUser', { body: validBodies.trackUser }) },
  customersRateLimitExceeded: {
    ...tightLimits,
    run: (h) => h.send('createEvent', { body: validBodies.createEvent }),
  },
  mergeRateLimitExceeded: {
    ...tightLimits,
    run: (h) => h.send('mergeUsers', { body: validBodies.mergeUsers }),
  },
  deleteUserRateLimitExceeded: {
    ...tightLimits,
    run: (h) => h.send('deleteUser', { body: validBodies.deleteUser }),
  },
  serverError: { ...withFault(500), run: (h) => h.send('trackUser', { body: validBodies.trackUser }) },
  badGateway: { ...withFault(502), run: (h) => h.send('trackUser', { body: validBodies.trackUser }) },
  serviceUnavailable: { ...withFault(503), run: (h) => h.send('getUser', { body: validBodies.getUser }) },
  gatewayTimeout: { ...withFault(504), run: (h) => h.send('bulkImport', { body: validBodies.bulkImport }) },
  deleteUserServerError: {
    ...withFault(500),
    run: (h) => h.send('deleteUser', { body: validBodies.deleteUser }),
  },
  fileImportServerError: { ...withFault(500), run: (h) => h.send('triggerFileImport') },
  routeNotFound: {
    run: (h) => h.send('trackUser', { path: '/v1/nothing-here', body: validBodies.trackUser }),
  },
  methodNotAllowed: { run: (h) => h.send('triggerFileImport', { method: 'GET' }) },
};

describe('error catalogue', () => {
  it.each(errorCatalog.map((row) => [row.id, row.status] as const))(
    'answers %s with status %i and the exact documented body',
    async (id) => {
      const row = getError(id);
      const scenario = scenarios[id];
      const h = harness(scenario.options);
      const response = await scenario.run(h);
      const requestId = h.engine.store.requestLog.list().at(-1)?.requestId ?? '';
      expect(response.status).toBe(row.status);
      expect(response.body).toEqual(
        buildErrorBody(row, {
          requestId,
          ...(scenario.params && { params: scenario.params }),
          ...(scenario.attribute !== undefined && { attribute: scenario.attribute }),
        }),
      );
      expect(h.engine.store.requestLog.list().at(-1)?.errorId).toBe(id);
    },
  );

  it('answers 5xx only for injected faults: no scenario without a fault gets one', async () => {
    for (const [id, scenario] of Object.entries(scenarios)) {
      const h = harness(scenario.options);
      const response = await scenario.run(h);
      const faulty = Object.values(scenario.options?.workspaces ?? {}).some((w) => w.faults !== undefined);
      if (!faulty) expect(response.status, id).toBeLessThan(500);
    }
  });
});
