/**
 * Every operation used as documented: data goes in under this run's prefix, is read back, and is
 * deleted at the end of the run. Reads poll, because MoEngage processes writes asynchronously.
 */
import { MAX_VALUE_LENGTH } from '@moedata/spec/rules';
import { equalityCheck, rateLimitChecks } from '../expectations.ts';
import type { Scenario, ScenarioContext } from '../scenario.ts';
import type { Check, WireResponse } from '../types.ts';
import { trackUserBody } from './request-errors.ts';

/** How many times a read is sent while MoEngage processes the write before it. */
const READ_ATTEMPTS = 5;
/** Long enough to be cut by any truncation rule the service applies (the reference mentions 512). */
const LONG_VALUE_LENGTH = 2_000;

/** A write the service refused: the steps that build on it are skipped (a dry run goes on, to print them). */
const refused = (response: WireResponse | undefined) => response !== undefined && response.status !== 200;

/** The user_attributes of the user Get User returned for a customer_id, if any. */
function exportedUser(response: WireResponse, customerId: string): Record<string, unknown> | undefined {
  const body = response.body as { data?: { users?: { user_attributes?: Record<string, unknown> }[] } };
  return body.data?.users?.find((user) => user.user_attributes?.customer_id === customerId)?.user_attributes;
}

function getUserRequest(context: ScenarioContext, customerId: string) {
  return context.request('getUser', {
    data: { identifiers: [{ identifier_type: 'customer_id', identifier: customerId }] },
  });
}

/** Reads a user back until it shows up, checking it with `checks`. */
function readBack(
  context: ScenarioContext,
  label: string,
  customerId: string,
  checks: (user: Record<string, unknown> | undefined) => Check[],
) {
  return context.step(
    label,
    getUserRequest(context, customerId),
    { kind: 'success', operationId: 'getUser' },
    {
      until: {
        done: (response) => exportedUser(response, customerId) !== undefined,
        attempts: READ_ATTEMPTS,
      },
      checks: (response) => {
        const user = exportedUser(response, customerId);
        return [equalityCheck('user found', true, user !== undefined), ...checks(user)];
      },
    },
  );
}

const success = (
  operationId: 'trackUser' | 'createEvent' | 'trackDevice' | 'mergeUsers' | 'deleteUser' | 'bulkImport',
) => ({ kind: 'success', operationId }) as const;

export const flowScenarios: readonly Scenario[] = [
  {
    id: 'track-user-get-user-round-trip',
    title:
      'Track User, then Get User: standard attributes under their public names, long values truncated to 512',
    async run(context) {
      const customerId = context.userId('round-trip');
      const attributes = {
        name: 'Conformance Check',
        email: context.email('round-trip'),
        conformance_long_value: 'x'.repeat(LONG_VALUE_LENGTH),
      };
      const written = await context.step(
        'Track User with name, email and a long custom value',
        context.request('trackUser', trackUserBody(context, 'round-trip', attributes)),
        success('trackUser'),
      );
      if (refused(written)) return;
      await readBack(context, 'Get User of the tracked user', customerId, (user) => [
        // Get User answers under the public names, as MoEngage's own example does.
        equalityCheck('user_attributes.name', attributes.name, user?.name),
        equalityCheck('user_attributes.email', attributes.email, user?.email),
        // The spec's data-type rules: a value over 512 characters is stored truncated to 512.
        equalityCheck(
          'length of user_attributes.conformance_long_value',
          MAX_VALUE_LENGTH,
          typeof user?.conformance_long_value === 'string'
            ? user.conformance_long_value.length
            : user?.conformance_long_value,
        ),
      ]);
    },
  },
  {
    id: 'rate-limit-headers',
    title: 'A successful Track User carries the three rate-limit headers in the documented format',
    async run(context) {
      await context.step(
        'Track User',
        context.request('trackUser', trackUserBody(context, 'rate-limit')),
        success('trackUser'),
        { checks: rateLimitChecks },
      );
    },
  },
  {
    id: 'create-event',
    title: 'Create Event for a user of this run',
    async run(context) {
      await context.step(
        'Create Event',
        context.request('createEvent', {
          type: 'event',
          customer_id: context.userId('event'),
          actions: [{ action: 'moedata_conformance', attributes: { step: 1 } }],
        }),
        success('createEvent'),
      );
    },
  },
  {
    id: 'track-device',
    title: 'Track Device on an existing user of this run',
    async run(context) {
      const created = await context.step(
        'Track User (the device owner)',
        context.request('trackUser', trackUserBody(context, 'device-owner')),
        success('trackUser'),
      );
      if (refused(created)) return;
      await context.step(
        'Track Device',
        context.request('trackDevice', {
          type: 'device',
          customer_id: context.userId('device-owner'),
          device_id: context.userId('device'),
          attributes: { platform: 'ANDROID', push_id: context.userId('push') },
        }),
        success('trackDevice'),
      );
    },
  },
  {
    id: 'merge-users',
    title: 'Merge Users folds one user of this run into another',
    async run(context) {
      for (const name of ['merge-retained', 'merge-merged']) {
        const created = await context.step(
          `Track User ${name}`,
          context.request('trackUser', trackUserBody(context, name)),
          success('trackUser'),
        );
        if (refused(created)) return;
      }
      await readBack(context, 'Get User of the user to merge', context.userId('merge-merged'), () => []);
      await context.step(
        'Merge Users',
        context.request('mergeUsers', {
          merge_data: [
            { merged_user: context.userId('merge-merged'), retained_user: context.userId('merge-retained') },
          ],
        }),
        success('mergeUsers'),
      );
    },
  },
  {
    id: 'delete-user',
    title: 'Delete User removes a user of this run',
    async run(context) {
      const customerId = context.userId('delete');
      const created = await context.step(
        'Track User',
        context.request('trackUser', trackUserBody(context, 'delete')),
        success('trackUser'),
      );
      if (refused(created)) return;
      await readBack(context, 'Get User before deleting', customerId, () => []);
      await context.step(
        'Delete User',
        context.request('deleteUser', { identity_type: 'customer_id', identity_value: customerId }),
        success('deleteUser'),
        { deletes: [customerId] },
      );
    },
  },
  {
    id: 'bulk-import-mixed',
    title: 'Bulk Import with good and bad elements: accepted, the good ones stored',
    async run(context) {
      const good = context.userId('bulk-good');
      const imported = await context.step(
        'Bulk Import: a user, an event, a user without customer_id, an unknown element type',
        context.request('bulkImport', {
          type: 'transition',
          elements: [
            trackUserBody(context, 'bulk-good'),
            { type: 'event', customer_id: good, actions: [{ action: 'moedata_conformance' }] },
            { type: 'customer', attributes: { name: 'no customer_id' } },
            { type: 'moedata_conformance_unknown', customer_id: context.userId('bulk-bad-type') },
          ],
        }),
        success('bulkImport'),
      );
      if (refused(imported)) return;
      await readBack(context, 'Get User of the good element', good, () => []);
    },
  },
];
