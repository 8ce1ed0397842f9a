/**
 * Journaled writes of the in-memory store: each remembers how to undo itself, so a transaction rolls
 * back in time proportional to its own writes, not to the store's size.
 */

/** Where writes record their undo step (a no-op outside a transaction). */
export interface Journal {
  /** Remembers how to undo one write when inside a transaction. */
  onUndo(undo: () => void): void;
}

/** Sets `map[k] = value`, journaling the previous value. */
export function setInMap<V>(journal: Journal, map: Map<string, V>, k: string, value: V): void {
  const had = map.has(k);
  const previous = map.get(k);
  map.set(k, value);
  journal.onUndo(() => (had ? map.set(k, previous as V) : map.delete(k)));
}

/** Deletes `map[k]`, journaling it; returns whether it was there. */
export function deleteFromMap<V>(journal: Journal, map: Map<string, V>, k: string): boolean {
  if (!map.has(k)) return false;
  const previous = map.get(k) as V;
  map.delete(k);
  // Re-inserting moves the entry to the end of the Map; rollback restores content, not position.
  journal.onUndo(() => map.set(k, previous));
  return true;
}

/** Appends to a list, journaling it. */
export function pushTo<T>(journal: Journal, list: T[], value: T): void {
  list.push(value);
  journal.onUndo(() => list.pop());
}
