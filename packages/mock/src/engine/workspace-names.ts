/**
 * The user attribute names and event names each workspace has registered, for MoEngage's workspace
 * quotas (256 user attributes, 512 event names). Worked out from the store the first time a workspace
 * needs them, then kept up to date by the writes; `reset()` forgets them when the store is emptied.
 */
import type { Store } from '../store/types.ts';

/** The names a workspace has registered, by kind. */
export interface WorkspaceNames {
  userAttributes(workspaceId: string): Set<string>;
  eventNames(workspaceId: string): Set<string>;
  /** Forgets every workspace's names (the store was reset or seeded). */
  reset(): void;
}

/** Name registries read lazily from `store`. */
export function createWorkspaceNames(store: Store): WorkspaceNames {
  const attributes = new Map<string, Set<string>>();
  const events = new Map<string, Set<string>>();
  const lazily = (cache: Map<string, Set<string>>, workspaceId: string, read: () => Iterable<string>) => {
    let names = cache.get(workspaceId);
    if (names === undefined) {
      names = new Set(read());
      cache.set(workspaceId, names);
    }
    return names;
  };
  return {
    userAttributes: (workspaceId) =>
      lazily(attributes, workspaceId, () =>
        store.users.list(workspaceId).flatMap((user) => Object.keys(user.attributes)),
      ),
    eventNames: (workspaceId) =>
      lazily(events, workspaceId, () => store.events.list(workspaceId).map((event) => event.action)),
    reset() {
      attributes.clear();
      events.clear();
    },
  };
}

/** Registers `name` unless it is new and the set already holds `quota` names; returns whether it may be stored. */
export function admitName(names: Set<string>, name: string, quota: number): boolean {
  if (names.has(name)) return true;
  if (names.size >= quota) return false;
  names.add(name);
  return true;
}
