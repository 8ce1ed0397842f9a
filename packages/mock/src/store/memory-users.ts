/**
 * The in-memory store's users. Per workspace, maps by MoEngage ID and by customer_id, so a lookup
 * never builds a composite key (the engine looks a user up on every write); plus the creation order
 * across workspaces, for listing every workspace at once.
 */
import { cloneJson as copy } from './clone-json.ts';
import { deleteFromMap, type Journal, setInMap } from './memory-journal.ts';
import type { OwnedAccess } from './owned-access.ts';
import type { JsonValue, StoredUser, UserCollection } from './types.ts';

/** One workspace's users. */
interface WorkspaceUsers {
  /** MoEngage ID → user, in creation order. */
  byMoengageId: Map<string, StoredUser>;
  /** customer_id → MoEngage ID. */
  byCustomerId: Map<string, string>;
}

/** The users of every workspace. */
export interface UserState {
  workspaces: Map<string, WorkspaceUsers>;
  /** Creation order across workspaces: `${workspaceId}\u0000${moengageId}` → that pair. */
  order: Map<string, readonly [workspaceId: string, moengageId: string]>;
}

/** No users. */
export const emptyUserState = (): UserState => ({ workspaces: new Map(), order: new Map() });

/** Users in creation order, of one workspace or of all, without copying (for pages and lists). */
export function* usersInOrder(state: UserState, workspaceId: string | undefined): Generator<StoredUser> {
  if (workspaceId !== undefined) {
    yield* state.workspaces.get(workspaceId)?.byMoengageId.values() ?? [];
    return;
  }
  for (const [workspace, moengageId] of state.order.values()) {
    const user = state.workspaces.get(workspace)?.byMoengageId.get(moengageId);
    if (user) yield user;
  }
}

/** Deep equality of JSON values (Identity Resolution matches identifiers exactly). */
const jsonEquals = (a: JsonValue | undefined, b: JsonValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

/** The public collection (copies in and out) and the copy-free pair the engine uses. */
export function userCollection(
  journal: Journal,
  state: () => UserState,
): Pick<OwnedAccess, 'peekUser' | 'putUser'> & { collection: UserCollection } {
  const bucketOf = (workspaceId: string) => state().workspaces.get(workspaceId);
  const bucketFor = (workspaceId: string) => {
    let bucket = bucketOf(workspaceId);
    if (!bucket) {
      // An empty bucket left behind by a rolled-back transaction is harmless.
      bucket = { byMoengageId: new Map(), byCustomerId: new Map() };
      state().workspaces.set(workspaceId, bucket);
    }
    return bucket;
  };
  /** Users in creation order: of one workspace, or of all. */
  const inOrder = (workspaceId: string | undefined): StoredUser[] => [...usersInOrder(state(), workspaceId)];
  const peekUser = (workspaceId: string, customerId: string) => {
    const bucket = bucketOf(workspaceId);
    const moengageId = bucket?.byCustomerId.get(customerId);
    return moengageId === undefined ? undefined : bucket?.byMoengageId.get(moengageId);
  };
  /** Stores `user` itself: callers pass a copy, or (the engine) a record they hand over. */
  const putUser = (user: StoredUser) => {
    const bucket = bucketFor(user.workspaceId);
    const holder = user.customerId === null ? undefined : bucket.byCustomerId.get(user.customerId);
    if (holder !== undefined && holder !== user.moengageId) {
      throw new Error(
        `customer_id '${user.customerId}' already belongs to user ${holder} in workspace ${user.workspaceId}`,
      );
    }
    const previous = bucket.byMoengageId.get(user.moengageId);
    if (previous?.customerId != null && previous.customerId !== user.customerId) {
      deleteFromMap(journal, bucket.byCustomerId, previous.customerId);
    }
    if (user.customerId !== null && holder === undefined) {
      setInMap(journal, bucket.byCustomerId, user.customerId, user.moengageId);
    }
    setInMap(journal, bucket.byMoengageId, user.moengageId, user);
    if (previous === undefined) {
      const pair = [user.workspaceId, user.moengageId] as const;
      setInMap(journal, state().order, `${user.workspaceId}\u0000${user.moengageId}`, pair);
    }
  };
  const collection: UserCollection = {
    get: (workspaceId, customerId) => {
      const user = peekUser(workspaceId, customerId);
      return user && copy(user);
    },
    getByMoengageId: (workspaceId, moengageId) => {
      const user = bucketOf(workspaceId)?.byMoengageId.get(moengageId);
      return user && copy(user);
    },
    findByAttribute: (workspaceId, attribute, value) => {
      const user = inOrder(workspaceId).find((u) => jsonEquals(u.attributes[attribute], value));
      return user && copy(user);
    },
    list: (workspaceId) => inOrder(workspaceId).map(copy),
    put: (user) => putUser(copy(user)),
    delete: (workspaceId, moengageId) => {
      const bucket = bucketOf(workspaceId);
      const user = bucket?.byMoengageId.get(moengageId);
      if (!bucket || !user) return false;
      if (user.customerId !== null) deleteFromMap(journal, bucket.byCustomerId, user.customerId);
      deleteFromMap(journal, bucket.byMoengageId, moengageId);
      deleteFromMap(journal, state().order, `${workspaceId}\u0000${moengageId}`);
      return true;
    },
    count: (workspaceId) =>
      workspaceId === undefined ? state().order.size : (bucketOf(workspaceId)?.byMoengageId.size ?? 0),
  };
  return { collection, peekUser, putUser };
}
