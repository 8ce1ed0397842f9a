/** Delete User: removes one user and their devices at once (the real service waits 24 h). */
import { DeleteUserRequest } from '@moedata/spec';
import { validateBody } from '../validation.ts';
import { accepted, type OperationHandler } from './context.ts';

/** The Delete User operation. Events stay in the store (MoEngage keeps them, unreachable). */
export const deleteUser: OperationHandler<DeleteUserRequest> = {
  prepare(body) {
    const validation = validateBody(DeleteUserRequest, body, 'deleteUser');
    if (!validation.ok) return validation;
    return { ok: true, request: validation.data, demand: { requests: 1 } };
  },
  apply(request, context) {
    const workspaceId = context.workspace.workspaceId;
    const user =
      request.identity_type === 'customer_id'
        ? context.store.users.get(workspaceId, request.identity_value)
        : context.store.users.getByMoengageId(workspaceId, request.identity_value);
    if (!user) {
      return {
        ok: false,
        failure: { errorId: 'deleteUserNotFound', params: { identity_value: request.identity_value } },
      };
    }
    context.store.users.delete(workspaceId, user.moengageId);
    for (const device of context.store.devices.list(workspaceId, user.moengageId)) {
      context.store.devices.delete(workspaceId, device.deviceId);
    }
    context.store.deletes.add({
      workspaceId,
      identityType: request.identity_type,
      identityValue: request.identity_value,
      moengageId: user.moengageId,
      customerId: user.customerId,
      at: context.now,
      requestId: context.requestId,
    });
    return accepted(context.requestId);
  },
};
