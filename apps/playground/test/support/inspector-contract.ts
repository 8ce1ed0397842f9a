/**
 * What the state panel relies on, run against both ways of reading the emulator: the engine in the
 * page and the standalone server's `/_mock/*` endpoints. Each test starts from an empty emulator.
 */
import { DEMO_WORKSPACE } from '@moedata/mock';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/connection/connect.ts';

/** Declares the contract's tests; `connection()` is read inside each test, after the hooks ran. */
export function describeInspectorContract(name: string, connection: () => Connection): void {
  const { workspaceId } = DEMO_WORKSPACE;
  const client = () => connection().createClient(DEMO_WORKSPACE, true);
  const inspector = () => connection().inspector;

  describe(`reading the emulator through ${name}`, () => {
    it('lists the users with their attributes under internal keys, their devices and events', async () => {
      await client().trackUser({
        type: 'customer',
        customer_id: 'john',
        attributes: { name: 'John', plan: 'gold' },
      });
      await client().trackDevice({
        type: 'device',
        customer_id: 'john',
        device_id: 'phone-1',
        attributes: { platform: 'ANDROID', push_id: 'token-1' },
      });
      await client().createEvent({
        type: 'event',
        customer_id: 'john',
        actions: [{ action: 'Purchased', attributes: { price: 10 } }],
      });

      const state = await inspector().state(workspaceId);

      expect(state.users).toEqual([
        expect.objectContaining({ customerId: 'john', attributes: { u_n: 'John', plan: 'gold' } }),
      ]);
      expect(state.devices).toEqual([expect.objectContaining({ deviceId: 'phone-1', customerId: 'john' })]);
      expect(state.events).toEqual([
        expect.objectContaining({ action: 'Purchased', attributes: { price: 10 } }),
      ]);
      expect(state.requests.map((entry) => [entry.operationId, entry.status])).toEqual([
        ['trackUser', 200],
        ['trackDevice', 200],
        ['createEvent', 200],
      ]);
    });

    it('shows what was accepted with 200 but dropped, and why', async () => {
      await client().trackUser({ type: 'customer', customer_id: 'john', attributes: { moe_score: 3 } });

      const { drops } = await inspector().state(workspaceId);

      expect(drops).toEqual([
        expect.objectContaining({
          operationId: 'trackUser',
          reason: 'reservedPrefix',
          path: 'attributes.moe_score',
        }),
      ]);
    });

    it('shows merges and deletions', async () => {
      await client().trackUser({ type: 'customer', customer_id: 'guest-1', attributes: {} });
      await client().trackUser({ type: 'customer', customer_id: 'john', attributes: {} });
      await client().mergeUsers({ merge_data: [{ merged_user: 'guest-1', retained_user: 'john' }] });
      await client().deleteUser({ identity_type: 'customer_id', identity_value: 'john' });

      const state = await inspector().state(workspaceId);

      expect(state.merges).toEqual([
        expect.objectContaining({ mergedCustomerId: 'guest-1', retainedCustomerId: 'john' }),
      ]);
      expect(state.deletes).toEqual([expect.objectContaining({ identityValue: 'john' })]);
      // The merged user stays as MoEngage keeps it: its MoEngage ID only.
      expect(state.users).toEqual([expect.objectContaining({ customerId: null, attributes: {} })]);
    });

    it('lowers one budget, keeps the others, and the emulator enforces it', async () => {
      await inspector().setRateLimit(workspaceId, 'trackUser', 'users', 2);

      const budgets = await inspector().rateLimits(workspaceId);
      expect(budgets.trackUser).toEqual({ users: 2 });
      expect(budgets.createEvent).toEqual({ events: 30_000 });

      const user = { type: 'customer' as const, customer_id: 'john', attributes: {} };
      await client().trackUser(user);
      await client().trackUser(user);
      await expect(client().trackUser(user, { retry: false })).rejects.toMatchObject({ status: 429 });
    });

    it('empties the store and the rate-limit windows on reset', async () => {
      await inspector().setRateLimit(workspaceId, 'trackUser', 'users', 1);
      await client().trackUser({ type: 'customer', customer_id: 'john', attributes: {} });

      await inspector().reset();

      expect(await inspector().state(workspaceId)).toMatchObject({ users: [], requests: [] });
      const again = await client().trackUser({ type: 'customer', customer_id: 'john', attributes: {} });
      expect(again.rateLimit).toMatchObject({ limit: 1, remaining: 0 });
    });

    it('names a workspace it does not know, and how to get one it serves', async () => {
      await expect(inspector().rateLimits('NOPE')).rejects.toThrow(/no workspace "NOPE": .*--workspace/);
      await expect(inspector().setRateLimit('NOPE', 'trackUser', 'users', 1)).rejects.toThrow(
        /no workspace "NOPE"/,
      );
    });
  });
}
