/**
 * A deep copy of a JSON-shaped record, with the result `JSON.parse(JSON.stringify(value))` would give
 * (what the SQLite store returns), several times faster than that round trip and than
 * `structuredClone` on the small records the store holds. It walks with an explicit stack, so no
 * nesting depth can overflow the call stack.
 */

type Container = Record<string | number, unknown>;

/** A fresh empty container of the same kind (array or object) as `like`. */
export const emptyLike = (like: object): Container => (Array.isArray(like) ? [] : {}) as Container;

/** Sets an own property, even one named `__proto__` (plain assignment would change the prototype instead). */
export function setOwnKey(target: Container, key: string | number, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Arrays and plain objects are walked; anything else that is an object goes through JSON (dates, toJSON). */
function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** What JSON makes of a non-container: `undefined` for what it leaves out, `null` for non-finite numbers. */
function scalar(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'object': // null
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      // bigint: JSON.stringify throws, and so does this, with the same TypeError.
      return JSON.parse(JSON.stringify(value));
  }
}

/**
 * Copies one child into `target`: scalars directly (left out of objects, `null` in arrays when JSON
 * would drop them), containers as a fresh empty copy returned for the caller to fill.
 */
function copyChild(target: Container, key: string | number, child: unknown, inArray: boolean): object | null {
  // The common case first: strings, booleans, null and finite numbers are copied as they are.
  if (
    typeof child === 'string' ||
    child === null ||
    typeof child === 'boolean' ||
    (typeof child === 'number' && Number.isFinite(child))
  ) {
    if (key === '__proto__') setOwnKey(target, key, child);
    else target[key] = child;
    return null;
  }
  if (typeof child !== 'object') {
    const value = scalar(child);
    if (value !== undefined) setOwnKey(target, key, value);
    else if (inArray) setOwnKey(target, key, null);
    return null;
  }
  if (!isPlainContainer(child)) {
    const text = JSON.stringify(child);
    if (text !== undefined) setOwnKey(target, key, JSON.parse(text));
    else if (inArray) setOwnKey(target, key, null);
    return null;
  }
  const copy = emptyLike(child);
  setOwnKey(target, key, copy);
  return copy;
}

/**
 * Deeper than this is taken for a cycle: JSON.stringify throws on a cycle (and overflows far earlier
 * on depth), while a walk without recursion would never end. Request bodies are capped at 256 levels.
 */
const MAX_DEPTH = 100_000;

/** A deep copy of `value` with JSON semantics (see the module comment). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return scalar(value) as T;
  if (!isPlainContainer(value)) return JSON.parse(JSON.stringify(value)) as T;
  const root = emptyLike(value);
  const sources: object[] = [value];
  const targets: Container[] = [root];
  const depths: number[] = [1];
  while (sources.length > 0) {
    const source = sources.pop() as object;
    const target = targets.pop() as Container;
    const depth = depths.pop() as number;
    const isArray = Array.isArray(source);
    const keys = isArray ? undefined : Object.keys(source);
    const length = keys === undefined ? (source as unknown[]).length : keys.length;
    for (let i = 0; i < length; i += 1) {
      const key = keys === undefined ? i : (keys[i] as string);
      const child = (source as Container)[key];
      const copy = copyChild(target, key, child, isArray);
      if (copy === null) continue;
      if (depth >= MAX_DEPTH) {
        throw new TypeError(`Converting circular structure to JSON (or one nested over ${MAX_DEPTH} levels)`);
      }
      sources.push(child as object);
      targets.push(copy as Container);
      depths.push(depth + 1);
    }
  }
  return root as T;
}
