/** Create Event: records the events of one user (also used for Bulk Import `event` elements). */
import { CreateEventRequest } from '@moedata/spec';
import { RESERVED_PREFIX, storedName, WORKSPACE_QUOTAS } from '@moedata/spec/rules';
import type { JsonObject, StoredUser } from '../../store/types.ts';
import type { Failure } from '../error-rows.ts';
import { validateBody } from '../validation.ts';
import { admitName } from '../workspace-names.ts';
import {
  accepted,
  joinPath,
  type OperationContext,
  type OperationHandler,
  recordRule,
  ruledAttribute,
  setOwn,
} from './context.ts';
import { isFutureDated } from './event-time.ts';
import { dropIfBlocked, identifiersIn, locateUser, newUser } from './identity.ts';

/** Rules of a Create Event body beyond its schema. */
export function checkCreateEvent(
  request: CreateEventRequest,
  context: OperationContext,
): Failure | undefined {
  if (
    request.customer_id === undefined &&
    Object.keys(identifiersIn(context, request.user_identifiers)).length === 0
  ) {
    return { errorId: 'customerIdMissing' };
  }
  return undefined;
}

/** Event attributes minus the reserved `moe_` ones (each recorded as a drop). */
function keptAttributes(
  context: OperationContext,
  attributes: Record<string, unknown> | undefined,
  path: string,
): JsonObject {
  const kept: JsonObject = {};
  if (attributes === undefined) return kept;
  let count = 0;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (key.startsWith(RESERVED_PREFIX)) {
      context.drop(
        'reservedPrefix',
        `Event attribute '${key}' was dropped: the moe_ prefix is reserved for MoEngage; rename the attribute`,
        `${path}.${key}`,
        value,
      );
      continue;
    }
    if (count === WORKSPACE_QUOTAS.attributesPerEvent) {
      recordRule(
        context,
        'eventAttributeLimit',
        `Event attribute '${key}' was dropped`,
        `${path}.${key}`,
        value,
      );
      continue;
    }
    const ruled = ruledAttribute(context, key, value, path);
    if (ruled === undefined) continue;
    setOwn(kept, ruled.name, ruled.value);
    count += 1;
  }
  return kept;
}

/** Applies one Create Event body; the user is created when unknown (and at least one event is kept). */
export function applyCreateEvent(request: CreateEventRequest, context: OperationContext, prefix = ''): void {
  if (dropIfBlocked(context, request.customer_id, joinPath(prefix, 'customer_id'), request)) return;
  const identifiers = identifiersIn(context, request.user_identifiers);
  const located = locateUser(context, request.customer_id, identifiers);
  let user: StoredUser | undefined = located?.user;
  // A user found by an identifier may have adopted the customer_id sent: it is saved with the first event.
  let saved = located !== undefined && !located.adoptsCustomerId;
  for (const [index, action] of request.actions.entries()) {
    const path = joinPath(prefix, `actions[${index}]`);
    if (action.action.startsWith(RESERVED_PREFIX)) {
      context.drop(
        'reservedPrefix',
        `Event '${action.action}' was dropped: the moe_ prefix is reserved for MoEngage; rename the event`,
        `${path}.action`,
        action,
      );
      continue;
    }
    if (isFutureDated(action, context.now)) {
      context.drop(
        'futureEvent',
        `Event '${action.action}' was dropped: MoEngage does not accept future-dated events; check current_time/user_time`,
        path,
        action,
      );
      continue;
    }
    const name = storedName(action.action);
    if (name !== action.action) {
      recordRule(context, 'nameTruncated', `Event '${name}...'`, `${path}.action`, action.action);
    }
    if (!admitName(context.eventNames(), name, WORKSPACE_QUOTAS.eventNames)) {
      recordRule(context, 'eventNameQuota', `Event '${name}' was dropped`, path, action);
      continue;
    }
    if (!user) user = { ...newUser(context, request.customer_id), attributes: { ...identifiers } };
    if (!saved) {
      // Handed over to the store: from here on the user is only read.
      context.owned.putUser(user);
      saved = true;
    }
    context.owned.addEvent({
      workspaceId: context.workspace.workspaceId,
      eventId: context.nextEventId(),
      moengageId: user.moengageId,
      customerId: user.customerId,
      deviceId: request.device_id ?? null,
      action: name,
      attributes: keptAttributes(context, action.attributes, `${path}.attributes`),
      platform: action.platform ?? null,
      appVersion: action.app_version ?? null,
      userTime: action.user_time ?? null,
      currentTime: action.current_time ?? null,
      userTimezoneOffset: action.user_timezone_offset ?? null,
      receivedAt: context.now,
      requestId: context.requestId,
    });
  }
}

/** The Create Event operation. */
export const createEvent: OperationHandler<CreateEventRequest> = {
  prepare(body, context) {
    const validation = validateBody(CreateEventRequest, body, 'createEvent');
    if (!validation.ok) return validation;
    const failure = checkCreateEvent(validation.data, context);
    if (failure) return { ok: false, failure };
    return { ok: true, request: validation.data, demand: { events: validation.data.actions.length } };
  },
  apply(request, context) {
    applyCreateEvent(request, context);
    return accepted(context.requestId);
  },
};
