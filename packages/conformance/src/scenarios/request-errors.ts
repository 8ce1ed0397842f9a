/**
 * Errors of the request itself (credentials, app_id, Content-Type, body encoding and size): each is
 * rejected before any data is read, so they are safe against a real workspace.
 */
import { type ErrorId, errorsForOperation } from '@moedata/spec/errors';
import { type OperationId, operationIds } from '@moedata/spec/routes';
import { PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';
import type { Scenario, ScenarioContext } from '../scenario.ts';

/** The row an operation answers with for a status: its own documented wording when it has one. */
export function rowFor(operationId: OperationId, status: number): ErrorId {
  const rows = errorsForOperation(operationId, status);
  const row = rows.find((candidate) => candidate.operations !== undefined) ?? rows[0];
  if (row === undefined) throw new Error(`${operationId} documents no ${status}`);
  return row.id;
}

/** A Track User body for a user of this run. */
export const trackUserBody = (context: ScenarioContext, name: string, attributes: object = { name }) => ({
  type: 'customer',
  customer_id: context.userId(name),
  attributes,
});

const coreOperations = operationIds.filter((id) => id !== 'triggerFileImport');

/** A minimal valid body of each core operation, naming only users of this run. */
function validBody(operationId: OperationId, context: ScenarioContext): unknown {
  const customerId = context.userId('content-type');
  switch (operationId) {
    case 'trackUser':
      return trackUserBody(context, 'content-type');
    case 'getUser':
      return { data: { identifiers: [{ identifier_type: 'customer_id', identifier: customerId }] } };
    case 'mergeUsers':
      return { merge_data: [{ merged_user: customerId, retained_user: context.userId('content-type-2') }] };
    case 'deleteUser':
      return { identity_type: 'customer_id', identity_value: customerId };
    case 'trackDevice':
      return {
        type: 'device',
        customer_id: customerId,
        device_id: context.userId('device'),
        attributes: { platform: 'ANDROID', push_id: context.userId('push') },
      };
    case 'createEvent':
      return { type: 'event', customer_id: customerId, actions: [{ action: 'moedata_conformance' }] };
    case 'bulkImport':
      return { type: 'transition', elements: [trackUserBody(context, 'content-type')] };
    case 'triggerFileImport':
      return undefined;
  }
}

/** A valid Track User or Create Event body one byte over the payload limit. */
function oversizedBody(operationId: 'trackUser' | 'createEvent', context: ScenarioContext): string {
  const base =
    operationId === 'trackUser'
      ? trackUserBody(context, 'oversized', { padding: '' })
      : {
          type: 'event',
          customer_id: context.userId('oversized'),
          actions: [{ action: 'x', attributes: { padding: '' } }],
        };
  const empty = JSON.stringify(base);
  return empty.replace('"padding":""', `"padding":"${'x'.repeat(PAYLOAD_LIMIT_BYTES + 1 - empty.length)}"`);
}

export const requestErrorScenarios: readonly Scenario[] = [
  {
    id: 'auth-wrong-key',
    title: 'A wrong Data API key is rejected',
    async run(context) {
      const request = context.request('trackUser', trackUserBody(context, 'wrong-key'), {
        credentials: { workspace: context.workspace, key: `${context.key}-wrong` },
      });
      await context.step('Track User with a wrong key', request, {
        kind: 'error',
        errorId: 'authSecretMismatch',
      });
    },
  },
  {
    id: 'auth-missing',
    title: 'A request without an Authorization header is rejected',
    async run(context) {
      const request = context.request('trackUser', trackUserBody(context, 'no-auth'), {
        headers: { authorization: undefined },
      });
      await context.step('Track User without Authorization', request, {
        kind: 'error',
        errorId: 'authHeaderMissing',
      });
    },
  },
  {
    id: 'app-id-missing',
    title: 'Get User without app_id is rejected',
    async run(context) {
      const request = context.request('getUser', validBody('getUser', context), { appId: null });
      await context.step('Get User without ?app_id=', request, { kind: 'error', errorId: 'appIdRequired' });
    },
  },
  {
    id: 'app-id-unknown',
    title: 'An app_id that is no workspace is rejected',
    async run(context) {
      const request = context.request('trackUser', trackUserBody(context, 'unknown-app-id'), {
        appId: 'MOEDATACONFORMANCENOSUCHWORKSPACE',
      });
      await context.step('Track User to an unknown app_id', request, {
        kind: 'error',
        errorId: 'invalidAppId',
      });
    },
  },
  {
    id: 'content-type-missing',
    title: 'A body without Content-Type is rejected',
    async run(context) {
      const request = context.request('trackUser', trackUserBody(context, 'no-content-type'), {
        headers: { 'content-type': undefined },
      });
      await context.step('Track User without Content-Type', request, {
        kind: 'error',
        errorId: 'missingContentType',
      });
    },
  },
  ...coreOperations.map(
    (operationId): Scenario => ({
      id: `content-type-wrong-${operationId}`,
      title: `${operationId}: a text/plain body is rejected with the operation's 415`,
      async run(context) {
        const request = context.request(operationId, validBody(operationId, context), {
          headers: { 'content-type': 'text/plain' },
        });
        await context.step(`${operationId} with Content-Type: text/plain`, request, {
          kind: 'error',
          errorId: rowFor(operationId, 415),
        });
      },
    }),
  ),
  {
    id: 'malformed-json',
    title: 'A body that is not valid JSON is rejected',
    async run(context) {
      const request = context.request(
        'trackUser',
        `{"type":"customer","customer_id":"${context.userId('malformed')}"`,
      );
      await context.step('Track User with a truncated JSON body', request, {
        kind: 'error',
        errorId: 'malformedJson',
      });
    },
  },
  {
    id: 'body-not-object',
    title: 'A JSON body that is not an object is rejected',
    async run(context) {
      const request = context.request('trackUser', '["not", "an", "object"]');
      await context.step('Track User with a JSON array', request, { kind: 'error', errorId: 'bodyNotJson' });
    },
  },
  {
    id: 'body-empty',
    title: 'An empty body is rejected',
    async run(context) {
      await context.step('Track User with an empty body', context.request('trackUser', ''), {
        kind: 'error',
        errorId: 'emptyBody',
      });
    },
  },
  ...(['trackUser', 'createEvent'] as const).map(
    (operationId): Scenario => ({
      id: `oversized-body-${operationId}`,
      title: `${operationId}: a body one byte over 128 KB is rejected`,
      async run(context) {
        const request = context.request(operationId, oversizedBody(operationId, context));
        await context.step(`${operationId} with ${PAYLOAD_LIMIT_BYTES + 1} bytes`, request, {
          kind: 'error',
          errorId: rowFor(operationId, 413),
        });
      },
    }),
  ),
];
