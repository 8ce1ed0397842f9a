/**
 * Get User: returns up to 20 stored users under the public attribute names MoEngage's own example
 * answers with (`last_name`, `name`); storage keeps the internal keys (`u_ln`, `u_n`).
 */
import { GetUserRequest } from '@moedata/spec';
import { publicAttributeKey } from '@moedata/spec/rules';
import type { JsonObject, JsonValue, StoredUser } from '../../store/types.ts';
import { validateBody } from '../validation.ts';
import { type OperationContext, type OperationHandler, setOwn } from './context.ts';
import { internalKey } from './identity.ts';

/** A field's value as Get User reads it: `customer_id`/`uid` and `id` from the record, the rest by either name. */
function fieldValue(user: StoredUser, field: string): JsonValue | undefined {
  if (field === 'customer_id' || field === 'uid') return user.customerId ?? undefined;
  if (field === 'id') return user.moengageId;
  const attributes = user.attributes;
  if (Object.hasOwn(attributes, field)) return attributes[field];
  const stored = internalKey(field);
  return Object.hasOwn(attributes, stored) ? attributes[stored] : undefined;
}

/**
 * What Get User returns for a user. Without a field list: every attribute under its public name,
 * `customer_id` and `id` (the MoEngage ID). With one: each field found, under the name it was asked by
 * (`last_name` and `u_ln` both find the stored `u_ln`), and always `id`.
 */
export function exportUser(user: StoredUser, fields: readonly string[] | undefined): JsonObject {
  const answer: JsonObject = {};
  if (fields === undefined) {
    for (const [key, value] of Object.entries(user.attributes))
      setOwn(answer, publicAttributeKey(key), value);
    if (user.customerId !== null) answer.customer_id = user.customerId;
  } else {
    for (const field of fields) {
      const value = fieldValue(user, field);
      if (value !== undefined) setOwn(answer, field, value);
    }
  }
  answer.id = user.moengageId;
  return answer;
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
