/**
 * Finding the user a write is about: by `customer_id`, or — in Identity Resolution workspaces — by
 * the configured identifier attributes (matched exactly).
 */
import { isBlockedCustomerId, STANDARD_ATTRIBUTE_KEYS } from '@moedata/spec/rules';
import type { JsonObject, StoredUser } from '../../store/types.ts';
import { type OperationContext, setOwn } from './context.ts';

const STANDARD = STANDARD_ATTRIBUTE_KEYS as Record<string, string>;

/** Extra friendly keys stored under internal keys (the spec's UserAttributes descriptions). */
const FRIENDLY_SYSTEM_KEYS: Record<string, string> = { created_time: 'cr_t', last_seen: 'u_l_a' };

/** The key an attribute is stored under: `name` → `u_n`, `created_time` → `cr_t`, others unchanged. */
export function internalKey(key: string): string {
  // Own properties only: `constructor` or `toString` are attribute names, not inherited members.
  if (Object.hasOwn(STANDARD, key)) return STANDARD[key] as string;
  if (Object.hasOwn(FRIENDLY_SYSTEM_KEYS, key)) return FRIENDLY_SYSTEM_KEYS[key] as string;
  return key;
}

const FRIENDLY_BY_INTERNAL: Record<string, string> = Object.fromEntries(
  Object.entries({ ...STANDARD, ...FRIENDLY_SYSTEM_KEYS }).map(([friendly, internal]) => [
    internal,
    friendly,
  ]),
);

/** The friendly write key of an internal key (`u_n` → `name`), if it has one. */
export function friendlyKey(key: string): string | undefined {
  return Object.hasOwn(FRIENDLY_BY_INTERNAL, key) ? FRIENDLY_BY_INTERNAL[key] : undefined;
}

/** The workspace's Identity Resolution identifiers under their internal keys (`email` → `u_em`). */
export function identifierKeys(context: OperationContext): string[] {
  return (context.workspace.identityResolution?.identifiers ?? []).map(internalKey);
}

/** Identifier attribute → value, from attributes or `user_identifiers` (keys normalised to internal keys). */
export function identifiersIn(
  context: OperationContext,
  source: Record<string, unknown> | undefined,
): JsonObject {
  const found: JsonObject = {};
  const configured = identifierKeys(context);
  // Most workspaces have no Identity Resolution: nothing to look for.
  if (!source || configured.length === 0) return found;
  for (const [key, value] of Object.entries(source)) {
    const internal = internalKey(key);
    if (configured.includes(internal) && typeof value === 'string' && value !== '')
      setOwn(found, internal, value);
  }
  return found;
}

/** The first user (in the workspace's identifier order) matching one of the identifiers. */
export function findByIdentifiers(
  context: OperationContext,
  identifiers: JsonObject,
): StoredUser | undefined {
  for (const key of identifierKeys(context)) {
    const value = identifiers[key];
    if (value === undefined) continue;
    const user = context.store.users.findByAttribute(context.workspace.workspaceId, key, value);
    if (user) return user;
  }
  return undefined;
}

/**
 * The existing user a write names: by customer_id first; in Identity Resolution workspaces, by the
 * identifiers when customer_id is absent or unknown (a user found that way and holding no customer_id
 * adopts the one sent). `undefined` when the user must be created. Possibly the stored record itself:
 * never change it (see {@link editableUser}).
 */
export function findUser(
  context: OperationContext,
  customerId: string | undefined,
  identifiers: JsonObject,
): StoredUser | undefined {
  return locateUser(context, customerId, identifiers)?.user;
}

/**
 * {@link findUser}, also telling whether the user found adopts the customer_id sent (so it differs
 * from what is stored until it is saved). The user may be the stored record itself: never change it
 * (see {@link editableUser}).
 */
export function locateUser(
  context: OperationContext,
  customerId: string | undefined,
  identifiers: JsonObject,
): { user: StoredUser; adoptsCustomerId: boolean } | undefined {
  const workspaceId = context.workspace.workspaceId;
  if (customerId !== undefined) {
    const user = context.owned.peekUser(workspaceId, customerId);
    if (user) return { user, adoptsCustomerId: false };
  }
  const byIdentifier = findByIdentifiers(context, identifiers);
  if (byIdentifier && (customerId === undefined || byIdentifier.customerId === null)) {
    const adoptsCustomerId = customerId !== undefined;
    return {
      user: adoptsCustomerId ? { ...byIdentifier, customerId } : byIdentifier,
      adoptsCustomerId,
    };
  }
  return undefined;
}

/**
 * A copy of a found user that a write may change: its own record and attribute map. Attribute values
 * are shared, which is safe because writes replace them and never change one in place.
 */
export function editableUser(user: StoredUser): StoredUser {
  return { ...user, attributes: { ...user.attributes } };
}

/** A new, empty user. */
export function newUser(context: OperationContext, customerId: string | undefined): StoredUser {
  return {
    workspaceId: context.workspace.workspaceId,
    moengageId: context.newMoengageId(),
    customerId: customerId ?? null,
    attributes: {},
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/**
 * Drops the whole record when its customer_id is on MoEngage's blocklist; returns whether it did.
 */
export function dropIfBlocked(
  context: OperationContext,
  customerId: string | undefined,
  path: string,
  item: unknown,
): boolean {
  if (customerId === undefined || !isBlockedCustomerId(customerId)) return false;
  context.drop(
    'blocklistedCustomerId',
    `customer_id '${customerId}' is on MoEngage's blocklist of placeholder ids, so the record was dropped; send the user's real unique id`,
    path,
    item,
  );
  return true;
}
