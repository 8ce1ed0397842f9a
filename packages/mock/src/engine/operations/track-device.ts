/** Track Device: creates or updates a device of an existing user (also Bulk Import `device` elements). */
import { TrackDeviceRequest } from '@moedata/spec';
import type { JsonObject } from '../../store/types.ts';
import { validateBody } from '../validation.ts';
import {
  accepted,
  joinPath,
  type OperationContext,
  type OperationHandler,
  setOwn,
  storedAttribute,
} from './context.ts';
import { dropIfBlocked } from './identity.ts';

/** The device's attributes after this write: the ones sent over the ones it had (same owner only). */
function deviceAttributes(
  context: OperationContext,
  previous: JsonObject,
  sent: TrackDeviceRequest['attributes'],
  prefix: string,
): JsonObject {
  const attributes: JsonObject = { ...previous };
  const attributesPath = joinPath(prefix, 'attributes');
  for (const [key, value] of Object.entries(sent)) {
    setOwn(attributes, key, storedAttribute(context, key, value, attributesPath));
  }
  return attributes;
}

/** Applies one Track Device body. A device that exists under another user moves to this one. */
export function applyTrackDevice(request: TrackDeviceRequest, context: OperationContext, prefix = ''): void {
  if (dropIfBlocked(context, request.customer_id, joinPath(prefix, 'customer_id'), request)) return;
  const workspaceId = context.workspace.workspaceId;
  const user = context.owned.peekUser(workspaceId, request.customer_id);
  if (!user) {
    context.drop(
      'unknownUser',
      `Device '${request.device_id}' was dropped: devices can only be created for existing users; create customer_id '${request.customer_id}' with Track User first`,
      prefix === '' ? 'customer_id' : prefix,
      request,
    );
    return;
  }
  const existing = context.store.devices.get(workspaceId, request.device_id);
  const sameOwner = existing?.moengageId === user.moengageId;
  context.store.devices.put({
    workspaceId,
    deviceId: request.device_id,
    moengageId: user.moengageId,
    customerId: user.customerId,
    attributes: deviceAttributes(context, sameOwner ? existing.attributes : {}, request.attributes, prefix),
    createdAt: sameOwner ? existing.createdAt : context.now,
    updatedAt: context.now,
  });
}

/** The Track Device operation. */
export const trackDevice: OperationHandler<TrackDeviceRequest> = {
  prepare(body) {
    const validation = validateBody(TrackDeviceRequest, body, 'trackDevice');
    if (!validation.ok) return validation;
    return { ok: true, request: validation.data, demand: { devices: 1 } };
  },
  apply(request, context) {
    applyTrackDevice(request, context);
    return accepted(context.requestId);
  },
};
