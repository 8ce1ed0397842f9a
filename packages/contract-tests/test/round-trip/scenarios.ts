/**
 * One end-to-end scenario per operation: valid requests through the real client succeed, and the
 * state the mock stored is what Get User and the inspection API both report. Keyed by operationId;
 * the round-trip tests loop over the document's operations, so an operation added to the spec
 * without a scenario here fails them by name.
 */
import { BadRequestError, type MoEngageClient } from '@moedata/client';
import { expect } from 'vitest';
import { WS1 } from '../../src/contract-mock.ts';
import { record } from '../../src/coverage-registry.ts';
import type { Inspector } from '../../src/inspector.ts';

/** What a scenario gets. */
export interface RoundTripContext {
  client: MoEngageClient;
  inspect: Inspector;
}

/** Drives one operation and checks the state it leaves. */
export type RoundTripScenario = (context: RoundTripContext) => Promise<void>;

/** The user as Get User exports it, or undefined when Get User does not find it. */
async function exported(client: MoEngageClient, customerId: string) {
  const { data } = await client.getUser({
    data: { identifiers: [{ identifier_type: 'customer_id', identifier: customerId }] },
  });
  return data.data.users[0]?.user_attributes;
}

async function createUser(client: MoEngageClient, customerId: string, attributes: Record<string, unknown>) {
  const result = await client.trackUser({ type: 'customer', customer_id: customerId, attributes });
  expect(result.data).toMatchObject({ status: 'success' });
}

/** Scenarios by operationId. */
export const roundTripScenarios: Record<string, RoundTripScenario> = {
  async trackUser({ client, inspect }) {
    const result = await client.trackUser({
      type: 'customer',
      customer_id: 'ada',
      attributes: { first_name: 'Ada', email: 'ada@example.com', plan: 'pro', visits: 3 },
    });
    expect(result.data).toMatchObject({ status: 'success' });
    expect(result.requestId).toMatch(/^[A-Za-z]{8}$/);
    expect(result.rateLimit).toMatchObject({ windowSeconds: 60 });

    const stored = await inspect.user(WS1, 'ada');
    expect(stored?.attributes).toMatchObject({
      u_fn: 'Ada',
      u_em: 'ada@example.com',
      plan: 'pro',
      visits: 3,
    });
    expect(await exported(client, 'ada')).toEqual({
      first_name: 'Ada',
      email: 'ada@example.com',
      plan: 'pro',
      visits: 3,
      customer_id: 'ada',
      id: stored?.moengageId,
    });
  },

  async getUser({ client, inspect }) {
    await createUser(client, 'ada', { first_name: 'Ada' });
    await createUser(client, 'bob', { first_name: 'Bob', tier: 2 });
    const bob = await inspect.user(WS1, 'bob');
    const { data } = await client.getUser({
      data: {
        identifiers: [
          { identifier_type: 'customer_id', identifier: 'ada' },
          { identifier_type: 'moengage_id', identifier: bob?.moengageId ?? '' },
          { identifier_type: 'customer_id', identifier: 'nobody' },
        ],
        user_fields_to_export: ['first_name'],
      },
    });
    const stored = await inspect.users(WS1);
    expect(stored.map((user) => user.customerId).sort()).toEqual(['ada', 'bob']);
    expect(data.data.users).toEqual(
      ['ada', 'bob'].map((id) => {
        const user = stored.find((candidate) => candidate.customerId === id);
        return { user_attributes: { first_name: user?.attributes.u_fn, id: user?.moengageId } };
      }),
    );
    expect(data.data.users_not_found).toEqual([{ identifier_type: 'customer_id', identifier: 'nobody' }]);
  },

  async mergeUsers({ client, inspect }) {
    await createUser(client, 'old-id', { first_name: 'Ada', legacy_score: 7 });
    await createUser(client, 'new-id', { first_name: 'Ada L.' });
    await client.createEvent({ type: 'event', customer_id: 'old-id', actions: [{ action: 'Signed Up' }] });
    const result = await client.mergeUsers({
      merge_data: [{ merged_user: 'old-id', retained_user: 'new-id' }],
    });
    expect(result.data).toEqual({ status: 'success', operation: 'created' });

    expect(await exported(client, 'old-id')).toBeUndefined();
    const retained = await inspect.user(WS1, 'new-id');
    // The retained user keeps its own attributes and gains the ones it lacked.
    expect(retained?.attributes).toMatchObject({ u_fn: 'Ada L.', legacy_score: 7 });
    expect(await exported(client, 'new-id')).toMatchObject({ first_name: 'Ada L.', legacy_score: 7 });
    expect(await inspect.merges(WS1)).toMatchObject([
      { mergedCustomerId: 'old-id', retainedCustomerId: 'new-id', eventsMoved: 1 },
    ]);
    expect((await inspect.events(WS1, { customerId: 'new-id' })).map((event) => event.action)).toEqual([
      'Signed Up',
    ]);
  },

  async deleteUser({ client, inspect }) {
    await createUser(client, 'leaving', { first_name: 'Lee' });
    const moengageId = (await inspect.user(WS1, 'leaving'))?.moengageId;
    const result = await client.deleteUser({ identity_type: 'customer_id', identity_value: 'leaving' });
    expect(result.data).toMatchObject({ status: 'success' });

    expect(await inspect.user(WS1, 'leaving')).toBeUndefined();
    expect(await exported(client, 'leaving')).toBeUndefined();
    expect(await inspect.deletes(WS1)).toMatchObject([
      { identityType: 'customer_id', identityValue: 'leaving', moengageId },
    ]);
    // Deleting again is the documented synchronous 400 "Not Found".
    await expect(
      client.deleteUser({ identity_type: 'customer_id', identity_value: 'leaving' }),
    ).rejects.toBeInstanceOf(BadRequestError);
  },

  async trackDevice({ client, inspect }) {
    await createUser(client, 'ada', { first_name: 'Ada' });
    const result = await client.trackDevice({
      type: 'device',
      customer_id: 'ada',
      device_id: 'pixel-8',
      attributes: { platform: 'ANDROID', push_id: 'fcm-token-1', model: 'Pixel 8' },
    });
    expect(result.data).toMatchObject({ status: 'success' });

    const ada = await inspect.user(WS1, 'ada');
    expect(await inspect.devices(WS1)).toMatchObject([
      {
        deviceId: 'pixel-8',
        moengageId: ada?.moengageId,
        attributes: { platform: 'ANDROID', push_id: 'fcm-token-1', model: 'Pixel 8' },
      },
    ]);
  },

  async createEvent({ client, inspect }) {
    await createUser(client, 'ada', { first_name: 'Ada' });
    const result = await client.createEvent({
      type: 'event',
      customer_id: 'ada',
      actions: [
        { action: 'Viewed Product', attributes: { sku: 'A-1', price: 12.5 }, platform: 'web' },
        { action: 'Added to Cart', attributes: { sku: 'A-1' }, current_time: '2020-05-31T16:33:35Z' },
      ],
    });
    expect(result.data).toMatchObject({ status: 'success' });

    const ada = await inspect.user(WS1, 'ada');
    const events = await inspect.events(WS1, { customerId: 'ada' });
    expect(events).toMatchObject([
      {
        action: 'Viewed Product',
        attributes: { sku: 'A-1', price: 12.5 },
        platform: 'web',
        moengageId: ada?.moengageId,
      },
      { action: 'Added to Cart', attributes: { sku: 'A-1' }, currentTime: '2020-05-31T16:33:35Z' },
    ]);
    expect(new Set(events.map((event) => event.requestId))).toEqual(new Set([result.requestId]));
  },

  async bulkImport({ client, inspect }) {
    const result = await client.bulkImport({
      type: 'transition',
      elements: [
        { type: 'customer', customer_id: 'bulk-1', attributes: { first_name: 'Bo', tier: 'gold' } },
        { type: 'event', customer_id: 'bulk-1', actions: [{ action: 'Imported', attributes: { batch: 1 } }] },
        {
          type: 'device',
          customer_id: 'bulk-1',
          device_id: 'iphone-1',
          attributes: { platform: 'iOS', push_id: 'apns-token-1' },
        },
      ],
    });
    expect(result.data).toMatchObject({ status: 'success' });

    expect(await exported(client, 'bulk-1')).toMatchObject({
      first_name: 'Bo',
      tier: 'gold',
      customer_id: 'bulk-1',
    });
    expect(await inspect.events(WS1, { customerId: 'bulk-1' })).toMatchObject([
      { action: 'Imported', attributes: { batch: 1 } },
    ]);
    expect(await inspect.devices(WS1)).toMatchObject([
      { deviceId: 'iphone-1', attributes: { platform: 'iOS' } },
    ]);
  },

  async triggerFileImport({ client, inspect }) {
    const result = await client.triggerFileImport({ scheduleId: 'daily-users' });
    expect(result.data).toMatchObject({ status: 'success' });
    expect(result.rateLimit).toMatchObject({ limit: 1, remaining: 0 });
    expect(await inspect.fileImportRuns(WS1)).toMatchObject([{ scheduleId: 'daily-users' }]);

    // A second run inside the 5-minute cooldown is the documented 400 ALREADY_EXISTS.
    await expect(client.triggerFileImport({ scheduleId: 'daily-users' })).rejects.toMatchObject({
      status: 400,
      type: 'ALREADY_EXISTS',
    });
    expect(await inspect.fileImportRuns(WS1)).toHaveLength(1);
  },
};

/**
 * Runs the scenario of `operationId` through one adapter and records the coverage. An operation of
 * the document without a scenario fails by name.
 */
export async function runRoundTrip(
  operationId: string,
  adapter: 'http' | 'msw',
  context: RoundTripContext,
): Promise<void> {
  const scenario = roundTripScenarios[operationId];
  expect(
    scenario,
    `no round-trip scenario for ${operationId}: add one to test/round-trip/scenarios.ts`,
  ).toBeDefined();
  await scenario?.(context);
  record({ kind: 'roundTrip', operationId, adapter });
}
