/**
 * Track Device: creates or updates a device of an existing user (also Bulk Import `device` elements),
 * with the rules the reference describes: custom device attributes and the other platform's
 * advertising id are dropped, a new device sharing a push_id, moe_gaid or idfv replaces the device that
 * held it, and a user keeps at most 1,000 devices.
 */
import { TrackDeviceRequest } from '@moedata/spec';
import {
  DEVICE_IDENTIFIER_KEYS,
  isDefinedDeviceAttribute,
  isPlatformForeignIdentifier,
  MAX_DEVICES_PER_USER,
} from '@moedata/spec/rules';
import type { JsonObject, StoredUser } from '../../store/types.ts';
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

/** The device's attributes after this write: the ones sent (minus dropped ones) over the ones it had. */
function deviceAttributes(
  context: OperationContext,
  previous: JsonObject,
  sent: TrackDeviceRequest['attributes'],
  prefix: string,
): JsonObject {
  const attributes: JsonObject = { ...previous };
  const attributesPath = joinPath(prefix, 'attributes');
  for (const [key, value] of Object.entries(sent)) {
    const path = joinPath(attributesPath, key);
    if (!isDefinedDeviceAttribute(key)) {
      context.drop(
        'customDeviceAttribute',
        `Device attribute '${key}' was dropped: MoEngage drops custom device attributes during processing; track it as a user or event attribute instead`,
        path,
        value,
      );
      continue;
    }
    if (isPlatformForeignIdentifier(key, sent.platform)) {
      context.drop(
        'platformForeignIdentifier',
        `Device attribute '${key}' was dropped: it identifies ${key === 'moe_gaid' ? 'Android' : 'iOS'} devices and this one's platform is '${sent.platform}'`,
        path,
        value,
      );
      continue;
    }
    setOwn(attributes, key, storedAttribute(context, key, value, attributesPath));
  }
  return attributes;
}

/** Deletes the other devices that hold one of the new device's push_id, moe_gaid or idfv. */
function replaceSharingDevices(
  context: OperationContext,
  deviceId: string,
  attributes: JsonObject,
  prefix: string,
): void {
  const shared = DEVICE_IDENTIFIER_KEYS.filter((key) => typeof attributes[key] === 'string');
  if (shared.length === 0) return;
  const workspaceId = context.workspace.workspaceId;
  for (const other of context.store.devices.list(workspaceId)) {
    const key = shared.find(
      (name) => other.deviceId !== deviceId && other.attributes[name] === attributes[name],
    );
    if (key === undefined) continue;
    context.store.devices.delete(workspaceId, other.deviceId);
    context.drop(
      'deviceReplaced',
      `Device '${other.deviceId}' was deleted: new device '${deviceId}' has the same ${key}, and MoEngage keeps one device per ${key}`,
      joinPath(prefix, 'device_id'),
      other,
    );
  }
}

/** Whether the user already has the most devices MoEngage allows (a new one would be the 1,001st). */
function atDeviceLimit(context: OperationContext, user: StoredUser): boolean {
  return (
    context.store.devices.list(context.workspace.workspaceId, user.moengageId).length >= MAX_DEVICES_PER_USER
  );
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
  if (!sameOwner && atDeviceLimit(context, user)) {
    context.drop(
      'deviceLimit',
      `Device '${request.device_id}' was dropped: customer_id '${request.customer_id}' already has ${MAX_DEVICES_PER_USER.toLocaleString('en-US')} devices, the most MoEngage allows (a 1,001st blocks the user there)`,
      prefix === '' ? 'device_id' : joinPath(prefix, 'device_id'),
      request,
    );
    return;
  }
  const attributes = deviceAttributes(
    context,
    sameOwner ? existing.attributes : {},
    request.attributes,
    prefix,
  );
  if (existing === undefined) replaceSharingDevices(context, request.device_id, attributes, prefix);
  context.store.devices.put({
    workspaceId,
    deviceId: request.device_id,
    moengageId: user.moengageId,
    customerId: user.customerId,
    attributes,
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
