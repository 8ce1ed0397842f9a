/** Each operation's documented field errors: missing, empty or mistyped fields and over-limit lists. */

import type { OperationId } from '@moedata/spec/routes';
import { GET_USER_MAX_IDENTIFIERS, MERGE_MAX_PAIRS } from '@moedata/spec/rules';
import type { Expectation } from '../expectations.ts';
import type { Scenario, ScenarioContext } from '../scenario.ts';
import { trackUserBody } from './request-errors.ts';

/** A scenario of one request whose body is built for this run. */
function fieldScenario(
  id: string,
  title: string,
  operationId: OperationId,
  body: (context: ScenarioContext) => unknown,
  expectation: Expectation,
): Scenario {
  return {
    id,
    title,
    async run(context) {
      await context.step(title, context.request(operationId, body(context)), expectation);
    },
  };
}

const fieldMissing = (key: string): Expectation => ({
  kind: 'error',
  errorId: 'fieldMissing',
  params: { key },
});

export const fieldErrorScenarios: readonly Scenario[] = [
  fieldScenario(
    'track-user-customer-id-missing',
    'Track User without customer_id',
    'trackUser',
    () => ({ type: 'customer', attributes: { name: 'nobody' } }),
    { kind: 'error', errorId: 'customerIdMissing' },
  ),
  fieldScenario(
    'track-user-customer-id-empty',
    'Track User with an empty customer_id',
    'trackUser',
    () => ({ type: 'customer', customer_id: '', attributes: { name: 'nobody' } }),
    { kind: 'error', errorId: 'customerIdEmpty' },
  ),
  fieldScenario(
    'track-user-type-wrong',
    'Track User with type "event"',
    'trackUser',
    (context) => ({ ...trackUserBody(context, 'type-wrong'), type: 'event' }),
    { kind: 'error', errorId: 'invalidType', params: { expected: 'customer' } },
  ),
  fieldScenario(
    'create-event-actions-missing',
    'Create Event without actions',
    'createEvent',
    (context) => ({ type: 'event', customer_id: context.userId('no-actions') }),
    fieldMissing('actions'),
  ),
  fieldScenario(
    'create-event-actions-empty',
    'Create Event with an empty actions array',
    'createEvent',
    (context) => ({ type: 'event', customer_id: context.userId('empty-actions'), actions: [] }),
    { kind: 'error', errorId: 'fieldEmpty', params: { key: 'actions', datatype: 'Array' } },
  ),
  fieldScenario(
    'track-device-customer-id-missing',
    'Track Device without customer_id',
    'trackDevice',
    (context) => ({
      type: 'device',
      device_id: context.userId('device'),
      attributes: { platform: 'ANDROID', push_id: context.userId('push') },
    }),
    // Track Device's own wording in MoEngage's document: "'customer_id' is not found in the payload".
    { kind: 'error', errorId: 'deviceFieldMissing', params: { key: 'customer_id' } },
  ),
  fieldScenario(
    'track-device-device-id-missing',
    'Track Device without device_id',
    'trackDevice',
    (context) => ({
      type: 'device',
      customer_id: context.userId('no-device-id'),
      attributes: { platform: 'ANDROID', push_id: context.userId('push') },
    }),
    { kind: 'error', errorId: 'deviceFieldMissing', params: { key: 'device_id' } },
  ),
  fieldScenario(
    'get-user-data-missing',
    'Get User without data',
    'getUser',
    () => ({}),
    fieldMissing('data'),
  ),
  fieldScenario(
    'get-user-too-many-identifiers',
    `Get User with ${GET_USER_MAX_IDENTIFIERS + 1} identifiers`,
    'getUser',
    (context) => ({
      data: {
        identifiers: Array.from({ length: GET_USER_MAX_IDENTIFIERS + 1 }, (_, index) => ({
          identifier_type: 'customer_id',
          identifier: context.userId(`lookup-${index}`),
        })),
      },
    }),
    { kind: 'error', errorId: 'getUserLimitBreached' },
  ),
  fieldScenario(
    'merge-users-merge-data-missing',
    'Merge Users without merge_data',
    'mergeUsers',
    () => ({}),
    fieldMissing('merge_data'),
  ),
  fieldScenario(
    'merge-users-too-many-pairs',
    `Merge Users with ${MERGE_MAX_PAIRS + 1} pairs`,
    'mergeUsers',
    (context) => ({
      merge_data: Array.from({ length: MERGE_MAX_PAIRS + 1 }, (_, index) => ({
        merged_user: context.userId(`merged-${index}`),
        retained_user: context.userId(`retained-${index}`),
      })),
    }),
    { kind: 'error', errorId: 'mergeLimitBreached' },
  ),
  fieldScenario(
    'merge-users-merged-user-not-string',
    'Merge Users with a numeric merged_user',
    'mergeUsers',
    (context) => ({ merge_data: [{ merged_user: 12345, retained_user: context.userId('retained') }] }),
    { kind: 'error', errorId: 'mergedUserWrongType' },
  ),
  fieldScenario(
    'delete-user-identity-value-missing',
    'Delete User without identity_value',
    'deleteUser',
    () => ({ identity_type: 'customer_id' }),
    fieldMissing('identity_value'),
  ),
  {
    id: 'delete-user-not-found',
    title: 'Delete User of a user that does not exist',
    async run(context) {
      const identityValue = context.userId('never-created');
      const request = context.request('deleteUser', {
        identity_type: 'customer_id',
        identity_value: identityValue,
      });
      await context.step('Delete User of an unknown customer_id', request, {
        kind: 'error',
        errorId: 'deleteUserNotFound',
        params: { identity_value: identityValue },
      });
    },
  },
  fieldScenario(
    'bulk-import-elements-missing',
    'Bulk Import without elements',
    'bulkImport',
    () => ({ type: 'transition' }),
    fieldMissing('elements'),
  ),
  fieldScenario(
    'bulk-import-elements-empty',
    'Bulk Import with an empty elements array',
    'bulkImport',
    () => ({ type: 'transition', elements: [] }),
    { kind: 'error', errorId: 'bulkElementsEmpty' },
  ),
  {
    id: 'trigger-file-import-moe-appkey-missing',
    title: 'Trigger File Imports without MOE-APPKEY (no import runs: the request fails authentication)',
    async run(context) {
      const request = context.request('triggerFileImport', undefined, {
        scheduleId: context.userId('schedule'),
        headers: { 'content-type': undefined },
      });
      await context.step('Trigger File Imports without MOE-APPKEY', request, {
        kind: 'error',
        errorId: 'moeAppKeyMissing',
      });
    },
  },
  {
    id: 'trigger-file-import-wrong-method',
    title: 'Trigger File Imports with GET',
    async run(context) {
      const request = context.request('triggerFileImport', undefined, {
        scheduleId: context.userId('schedule'),
        method: 'GET',
        headers: { 'content-type': undefined, 'moe-appkey': context.workspace },
      });
      await context.step('GET on Trigger File Imports', request, {
        kind: 'error',
        errorId: 'methodNotAllowed',
      });
    },
  },
];
