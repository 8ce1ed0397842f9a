/**
 * An append-only list that the in-memory store trims from the front: the request log's ring. Removing
 * the oldest item is O(1) (an offset moves; the array is compacted once the dead prefix outweighs the
 * live part), and every step has an exact inverse so a transaction's undo journal can roll it back.
 */
export class BoundedList<T> {
  #items: Array<T | undefined> = [];
  /** Index of the oldest live item; slots before it are evicted and cleared. */
  #start = 0;
  #evicted = 0;

  /** Live items. */
  get size(): number {
    return this.#items.length - this.#start;
  }

  /** How many items were evicted from the front since this list was created. */
  get evicted(): number {
    return this.#evicted;
  }

  /** Array slots held, live or not yet compacted away: stays below about 2 × size + 1024. */
  get slots(): number {
    return this.#items.length;
  }

  /** Live items, oldest first (a new array; the items themselves are not copied). */
  values(): T[] {
    return this.#items.slice(this.#start) as T[];
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Inverse of {@link push}. */
  popNewest(): void {
    if (this.size > 0) this.#items.pop();
  }

  /** Removes the oldest item, counts it as evicted and returns it (for an undo). */
  evictOldest(): T | undefined {
    if (this.size === 0) return undefined;
    const oldest = this.#items[this.#start];
    this.#items[this.#start] = undefined;
    this.#start += 1;
    this.#evicted += 1;
    if (this.#start > 1024 && this.#start * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#start);
      this.#start = 0;
    }
    return oldest;
  }

  /** Inverse of {@link evictOldest}: puts the item back in front and uncounts it. */
  restoreOldest(item: T): void {
    if (this.#start > 0) {
      this.#start -= 1;
      this.#items[this.#start] = item;
    } else {
      this.#items.unshift(item);
    }
    this.#evicted -= 1;
  }
}
