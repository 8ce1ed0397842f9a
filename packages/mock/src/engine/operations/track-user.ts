/** Track User: creates or updates one user (also used for Bulk Import `customer` elements). */
import { TrackUserRequest } from '@moedata/spec';
import type { Failure } from '../error-rows.ts';
import { validateBody } from '../validation.ts';
import { accepted, type OperationContext, type OperationHandler } from './context.ts';
import { dropIfBlocked, editableUser, findUser, identifiersIn, internalKey, newUser } from './identity.ts';
import { applyArrayOperators, applyAttributes, applyUnset } from './user-attributes.ts';

/** Rules of a Track User body beyond its schema; `undefined` when it is valid. */
export function checkTrackUser(request: TrackUserRequest, context: OperationContext): Failure | undefined {
  if (
    request.customer_id === undefined &&
    Object.keys(identifiersIn(context, request.attributes)).length === 0
  ) {
    return { errorId: 'customerIdMissing' };
  }
  const adding = request.attributes?.addValueToArrayField;
  const removing = request.attributes?.removeValueFromArrayField;
  if (adding === undefined || removing === undefined) return undefined;
  const removed = new Set(Object.keys(removing).map(internalKey));
  const both = Object.keys(adding).find((key) => removed.has(internalKey(key)));
  return both === undefined ? undefined : { errorId: 'arrayFieldConflict', params: { key: both } };
}

/** Applies one Track User body; `prefix` locates it inside a Bulk Import (`elements[3]`). */
export function applyTrackUser(request: TrackUserRequest, context: OperationContext, prefix = ''): void {
  const customerPath = prefix === '' ? 'customer_id' : `${prefix}.customer_id`;
  if (dropIfBlocked(context, request.customer_id, customerPath, request)) return;
  const identifiers = identifiersIn(context, request.attributes);
  const existing = findUser(context, request.customer_id, identifiers);
  if (!existing && request.update_existing_only === true) {
    context.drop(
      'updateExistingOnly',
      `No user was created for customer_id '${request.customer_id ?? ''}': update_existing_only is true and the user does not exist`,
      prefix === '' ? 'update_existing_only' : `${prefix}.update_existing_only`,
      request,
    );
    return;
  }
  const isNew = existing === undefined;
  const user = existing ? editableUser(existing) : newUser(context, request.customer_id);
  const written = applyAttributes(context, user, request, isNew, prefix);
  applyArrayOperators(context, user, request, isNew, written, prefix);
  applyUnset(context, user, request, prefix);
  user.updatedAt = context.now;
  context.owned.putUser(user);
}

/** The Track User operation. */
export const trackUser: OperationHandler<TrackUserRequest> = {
  prepare(body, context) {
    const validation = validateBody(TrackUserRequest, body, 'trackUser');
    if (!validation.ok) return validation;
    const failure = checkTrackUser(validation.data, context);
    if (failure) return { ok: false, failure };
    return { ok: true, request: validation.data, demand: { users: 1 } };
  },
  apply(request, context) {
    applyTrackUser(request, context);
    return accepted(context.requestId);
  },
};
