/**
 * What the stores share for {@link Store.page}: which filters each collection honours (the ones its
 * `list` takes), and the in-memory walk that both the memory store and tests rely on.
 */
import { cloneJson } from './clone-json.ts';
import type { CollectionName, Page, PageFilter, PageRequest } from './types.ts';

/** The filters each collection applies; others are ignored, as `list` would ignore them. */
export const PAGE_FILTERS: Record<CollectionName, readonly (keyof PageFilter)[]> = {
  users: [],
  devices: ['moengageId'],
  events: ['moengageId', 'customerId', 'action'],
  merges: [],
  deletes: [],
  fileImportRuns: [],
  drops: [],
  requestLog: ['operationId', 'status'],
};

/** The filters of `request` that `collection` honours, as [field, value] pairs. */
export function activeFilters(
  collection: CollectionName,
  filter: PageFilter | undefined,
): Array<[keyof PageFilter, string | number]> {
  const active: Array<[keyof PageFilter, string | number]> = [];
  for (const key of PAGE_FILTERS[collection]) {
    const value = filter?.[key];
    if (value !== undefined) active.push([key, value]);
  }
  return active;
}

/** A cursor as a number; anything but digits is a caller's mistake. */
export function cursorPosition(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,15}$/.test(cursor))
    throw new RangeError(`Invalid page cursor "${cursor}": pass a page's "next".`);
  return Number(cursor);
}

/** Walks left open where the previous page stopped, so the next page continues instead of re-walking. */
const OPEN_WALKS = 16;

/**
 * Pages over records held in memory: those of the workspace that pass the filters, after skipping
 * `cursor` of them, copied. The cursor is a position among the matching records. The walk that
 * produced a page stays open (JavaScript's Map and array iterators survive writes), so reading a whole
 * collection page by page costs one walk, not one per page; a cursor whose walk is gone (after
 * `forget()`, or one of many interleaved readers) walks again from the start.
 */
export class MemoryPager {
  readonly #walks = new Map<string, { records: Iterator<unknown>; pending: unknown }>();

  page<T>(collection: CollectionName, records: () => Iterable<T>, request: PageRequest): Page<T> {
    const skip = cursorPosition(request.cursor);
    const filters = activeFilters(collection, request.filter);
    const key = `${collection}\u0000${request.workspaceId ?? ''}\u0000${JSON.stringify(filters)}`;
    const open = this.#walks.get(`${key}\u0000${skip}`);
    this.#walks.delete(`${key}\u0000${skip}`);
    const walk = (open?.records ?? records()[Symbol.iterator]()) as Iterator<T>;
    const accepts = (record: T) => {
      const fields = record as Record<string, unknown>;
      if (request.workspaceId !== undefined && fields.workspaceId !== request.workspaceId) return false;
      return filters.every(([field, value]) => fields[field] === value);
    };
    const items: T[] = [];
    let pending = open?.pending as T | undefined;
    if (pending === undefined) {
      let skipped = open ? skip : 0;
      for (let step = walk.next(); !step.done; step = walk.next()) {
        if (!accepts(step.value)) continue;
        if (skipped < skip) {
          skipped += 1;
          continue;
        }
        pending = step.value;
        break;
      }
    }
    while (pending !== undefined && items.length < request.limit) {
      items.push(pending);
      pending = undefined;
      for (let step = walk.next(); !step.done; step = walk.next()) {
        if (accepts(step.value)) {
          pending = step.value;
          break;
        }
      }
    }
    if (pending === undefined) return { items: items.map(cloneJson), next: null };
    const next = skip + items.length;
    if (this.#walks.size >= OPEN_WALKS) this.#walks.delete(this.#walks.keys().next().value as string);
    this.#walks.set(`${key}\u0000${next}`, { records: walk, pending });
    return { items: items.map(cloneJson), next: String(next) };
  }

  /** Drops every open walk (after a reset, the records they walk are gone). */
  forget(): void {
    this.#walks.clear();
  }
}
