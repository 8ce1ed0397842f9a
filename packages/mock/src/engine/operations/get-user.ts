/** Get User: returns up to 20 stored users, standard attributes under their internal keys. */
import { GetUserRequest } from '@moedata/spec';
import type { JsonObject, JsonValue, StoredUser } from '../../store/types.ts';
import { validateBody } from '../validation.ts';
import { type OperationContext, type OperationHandler, setOwn } from './context.ts';
import { internalKey } from './identity.ts';

/** What Get User returns for a user: its attributes plus `customer_id`, `uid` and `id` (the MoEngage ID). */
export function exportUser(user: StoredUser, fields: readonly string[] | undefined): JsonObject {
  const all: JsonObject = {
    ...user.attributes,
    ...(user.customerId !== null && { customer_id: user.customerId, uid: user.customerId }),
    id: user.moengageId,
  };
  if (fields === undefined) return all;
  // A requested friendly key selects its internal key (`name` → `u_n`); the MoEngage ID always comes back.
  const selected: JsonObject = { id: user.moengageId };
  for (const field of fields) {
    const key = Object.hasOwn(all, field) ? field : internalKey(field);
    if (Object.hasOwn(all, key)) setOwn(selected, key, all[key] as JsonValue);
  }
  return selected;
}

function lookUp(context: OperationContext, type: string, identifier: string): StoredUser | undefined {
  const workspaceId = context.workspace.workspaceId;
  return type === 'customer_id'
    ? context.store.users.get(workspaceId, identifier)
    : context.store.users.getByMoengageId(workspaceId, identifier);
}

/** The Get User operation. */
export const getUser: OperationHandler<GetUserRequest> = {
  prepare(body) {
    const validation = validateBody(GetUserRequest, body, 'getUser');
    if (!validation.ok) return validation;
    return { ok: true, request: validation.data, demand: { users: validation.data.data.identifiers.length } };
  },
  apply(request, context) {
    const users: { user_attributes: JsonObject }[] = [];
    const notFound: { identifier_type: string; identifier: string }[] = [];
    for (const { identifier_type, identifier } of request.data.identifiers) {
      const user = lookUp(context, identifier_type, identifier);
      if (user) users.push({ user_attributes: exportUser(user, request.data.user_fields_to_export) });
      else notFound.push({ identifier_type, identifier });
    }
    return {
      ok: true,
      body: { status: 'success', type: 'export_users', data: { users, users_not_found: notFound } },
    };
  },
};
