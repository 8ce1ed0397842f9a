/**
 * Merge Users: folds each merged user into its retained user, as MoEngage's FAQ describes: the merged
 * user's events of the last 30 days, its devices and the attributes the retained user lacks move over
 * (the retained user's value wins a conflict); the merged user keeps only its MoEngage ID.
 */
import { MergeUsersRequest } from '@moedata/spec';
import { MERGE_EVENT_WINDOW_DAYS } from '@moedata/spec/rules';
import { validateBody } from '../validation.ts';
import type { OperationContext, OperationHandler } from './context.ts';
import { eventHappenedAt } from './event-time.ts';

const DAY_MS = 86_400_000;

function skip(
  context: OperationContext,
  index: number,
  pair: MergeUsersRequest['merge_data'][number],
  why: string,
) {
  context.drop('mergePairSkipped', `Merge pair skipped: ${why}`, `merge_data[${index}]`, pair);
}

/** The Merge Users operation. */
export const mergeUsers: OperationHandler<MergeUsersRequest> = {
  prepare(body, context) {
    if (context.workspace.identityResolution) {
      return { ok: false, failure: { errorId: 'mergeDisabledIdentityResolution' } };
    }
    const validation = validateBody(MergeUsersRequest, body, 'mergeUsers');
    if (!validation.ok) return validation;
    return { ok: true, request: validation.data, demand: { users: validation.data.merge_data.length } };
  },
  apply(request, context) {
    const workspaceId = context.workspace.workspaceId;
    for (const [index, pair] of request.merge_data.entries()) {
      if (pair.merged_user === pair.retained_user) {
        skip(context, index, pair, `merged_user and retained_user are both '${pair.merged_user}'`);
        continue;
      }
      const merged = context.store.users.get(workspaceId, pair.merged_user);
      const retained = context.store.users.get(workspaceId, pair.retained_user);
      if (!merged || !retained) {
        const missing = !merged ? pair.merged_user : pair.retained_user;
        skip(context, index, pair, `no user with customer_id '${missing}'; create it first or check the id`);
        continue;
      }
      const since = context.now - MERGE_EVENT_WINDOW_DAYS * DAY_MS;
      const recent = context.store.events
        .list(workspaceId, { moengageId: merged.moengageId })
        .filter((event) => eventHappenedAt(event) >= since)
        .map((event) => event.eventId);
      const eventsMoved = context.store.events.reassign(
        workspaceId,
        merged.moengageId,
        { moengageId: retained.moengageId, customerId: retained.customerId },
        recent,
      );
      for (const device of context.store.devices.list(workspaceId, merged.moengageId)) {
        context.store.devices.put({
          ...device,
          moengageId: retained.moengageId,
          customerId: retained.customerId,
        });
      }
      context.store.users.put({
        ...retained,
        attributes: { ...merged.attributes, ...retained.attributes },
        updatedAt: context.now,
      });
      // MoEngage deletes this shell after 30 days without new data; the emulator keeps it (no timers).
      context.store.users.put({ ...merged, customerId: null, attributes: {}, updatedAt: context.now });
      context.store.merges.add({
        workspaceId,
        mergedCustomerId: pair.merged_user,
        retainedCustomerId: pair.retained_user,
        mergedMoengageId: merged.moengageId,
        retainedMoengageId: retained.moengageId,
        eventsMoved,
        at: context.now,
        requestId: context.requestId,
      });
    }
    return { ok: true, body: { status: 'success', operation: 'created' } };
  },
};
