/**
 * Copy-free access to a store for the engine's hot paths: "copy only what leaves the engine"
 * (decisions/046). The public `Store` methods copy every record in and out, so no caller can change
 * the state behind the store's back. The engine needs no such protection from itself: it never
 * changes a record it peeked at (it edits a copy) nor one it handed over, and every record it hands
 * over is built for the store alone. A store without this access (the SQLite store, which copies by
 * serialising anyway) is used through its public methods.
 */
import type { DroppedItem, RequestLogEntry, Store, StoredEvent, StoredUser } from './types.ts';

/** What the engine writes and reads on every request, without copies. */
export interface OwnedAccess {
  /** The user with this customer_id as stored, shared with the store: read it, never change it. */
  peekUser(workspaceId: string, customerId: string): StoredUser | undefined;
  /** Inserts or replaces the user as given: the caller hands it over and never changes it afterwards. */
  putUser(user: StoredUser): void;
  /** Appends the event as given (handed over, like {@link OwnedAccess.putUser}). */
  addEvent(event: StoredEvent): void;
  /** Appends the drop as given; its `item` may be part of the request body, which nobody changes. */
  addDrop(drop: DroppedItem): void;
  /** Appends the request-log entry as given. */
  addLogEntry(entry: RequestLogEntry): void;
}

const OWNED_ACCESS = Symbol('@moedata/mock owned access');

/** Attaches copy-free access to a store (the in-memory store does, for its own state). */
export function provideOwnedAccess(store: Store, access: OwnedAccess): void {
  Object.defineProperty(store, OWNED_ACCESS, { value: access, enumerable: false });
}

/** The store's copy-free access, or the same operations on its public (copying) methods. */
export function ownedAccess(store: Store): OwnedAccess {
  const provided = (store as Store & { [OWNED_ACCESS]?: OwnedAccess })[OWNED_ACCESS];
  return (
    provided ?? {
      peekUser: (workspaceId, customerId) => store.users.get(workspaceId, customerId),
      putUser: (user) => store.users.put(user),
      addEvent: (event) => store.events.add(event),
      addDrop: (drop) => store.drops.add(drop),
      addLogEntry: (entry) => store.requestLog.add(entry),
    }
  );
}
