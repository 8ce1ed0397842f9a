import { describe, expect, it } from 'vitest';
import { operationIds } from '../operation-ids.ts';
import { errorCatalog } from './catalog.ts';

// The overview's "Response Codes" table, verbatim (its duplicate "Empty request body" row appears once).
const overviewTable = [
  [400, 'Missing header value', 'The Content-Type Header is required'],
  [400, 'Empty request body', 'A valid JSON document is required'],
  [
    400,
    'Malformed JSON',
    'Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.',
  ],
  [400, 'Blacklisted', 'Your account is blacklisted, Please contact MoEngage.'],
  [400, 'InvalidParams', 'Given app_id is invalid.'],
  [400, 'ParamsRequired', 'app_id is required in path/query params.'],
  [400, 'Body type is not JSON', 'A valid JSON document is required.'],
  [400, 'MissingAttributeError', '{{key}} is expected to be {{datatype}}'],
  [401, 'Authentication Required', 'Authentication Header Required'],
  [401, 'Authentication required', 'No identity information found'],
  [401, 'Authentication required', 'Invalid identity information found'],
  [401, 'Authentication required', 'APP_KEY missing in the authentication header'],
  [401, 'Authentication required', 'APP_SECRET missing in the authentication header'],
  [401, 'Authentication required', 'App Secret key mismatch. Please login to the dashboard to verify key'],
  [401, 'Authentication required', 'Invalid APP_ID used in Authentication Header'],
  [403, 'Account Suspended', 'Account Suspended'],
  [403, 'Account Temporarily Suspended', 'Account Temporarily Suspended'],
  [409, 'Authentication Mismatch', 'App key mismatch in params and authentication'],
  [409, 'Authentication required', 'App Secret key is not set. Please login to the dashboard to set a key'],
  [413, 'Payload too large', 'The payload can not exceed 128KB'],
  [415, 'Unsupported Media Type', 'Unsupported Media Type'],
  [429, 'Rate Limit Exceeded', 'Rate Limits for User / Event exceeded'],
] as const;

// Ids other packages import (team brief); they may never be renamed.
const contractIds = [
  'missingContentType',
  'emptyBody',
  'bodyNotJson',
  'malformedJson',
  'blacklisted',
  'invalidAppId',
  'appIdRequired',
  'attributeWrongType',
  'customerIdMissing',
  'customerIdEmpty',
  'fieldMissing',
  'fieldEmpty',
  'arrayFieldConflict',
  'invalidPlatform',
  'bulkElementType',
  'bulkElementsEmpty',
  'invalidType',
  'getUserLimitBreached',
  'mergeLimitBreached',
  'mergeDisabledIdentityResolution',
  'deleteUserNotFound',
  'authHeaderMissing',
  'authHeaderEmpty',
  'authUndecodable',
  'authAppKeyMissing',
  'authAppSecretMissing',
  'authSecretMismatch',
  'authInvalidAppId',
  'moeAppKeyMismatch',
  'moeAppKeyMissing',
  'accountSuspended',
  'accountTemporarilySuspended',
  'appKeyMismatch',
  'secretNotSet',
  'payloadTooLarge',
  'unsupportedMediaType',
  'rateLimitExceeded',
  'serverError',
  'badGateway',
  'serviceUnavailable',
  'gatewayTimeout',
  'fileImportNotFound',
  'fileImportAlreadyRun',
  'routeNotFound',
  'methodNotAllowed',
];

describe('errorCatalog', () => {
  it('has unique ids', () => {
    const ids = errorCatalog.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every id the other packages import', () => {
    const ids = new Set(errorCatalog.map((row) => row.id));
    expect(contractIds.filter((id) => !ids.has(id as never))).toEqual([]);
  });

  it.each(overviewTable)('holds the overview row %i %s with its exact message', (status, type, message) => {
    const matches = errorCatalog.filter(
      (row) =>
        row.status === status && row.type === type && row.message === message && row.source === 'overview',
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]?.envelope).toBe('standard');
  });

  it('covers the overview 5xx "Server Error" row at 500, 502, 503 and 504 for every operation', () => {
    // The overview's message column says "Any other exception", i.e. any text; the rows carry MoEngage's documented one.
    for (const status of [500, 502, 503, 504]) {
      const rows = errorCatalog.filter((row) => row.status === status && row.type === 'Server Error');
      expect(rows.some((row) => row.operations === undefined)).toBe(true);
    }
  });

  it('lists only known operationIds and documents when each error happens', () => {
    for (const row of errorCatalog) {
      for (const operationId of row.operations ?? []) expect(operationIds).toContain(operationId);
      expect(row.when.length).toBeGreaterThan(10);
    }
  });

  it('gives example values for every placeholder so the document can show a real body', () => {
    for (const row of errorCatalog) {
      const placeholders = [...`${row.message} ${row.attribute ?? ''}`.matchAll(/\{\{(\w+)\}\}/g)].map(
        (m) => m[1],
      );
      for (const name of placeholders) expect(row.exampleParams, row.id).toHaveProperty(name as string);
    }
  });

  it('uses the file-import envelopes only on triggerFileImport and Delete User', () => {
    for (const row of errorCatalog.filter((r) => r.envelope !== 'standard')) {
      expect(
        row.operations?.every((id) => id === 'triggerFileImport' || id === 'deleteUser'),
        row.id,
      ).toBe(true);
    }
  });
});
