/**
 * How deep a JSON body may nest, and how deep a custom attribute is stored. Both walk values with an
 * explicit stack, never by recursion: a 128 KB body can nest about 65,000 levels, far past any call
 * stack (decisions/058-mock-attribute-nesting.md).
 */
import { emptyLike, setOwnKey } from '../store/clone-json.ts';

/**
 * The deepest nesting (objects and arrays alike, the body itself being level 1) a request body may
 * have; deeper bodies get 400 "Malformed JSON" before anything else reads them. Past this check every
 * value the engine handles is at most this deep, so native recursion (`JSON.stringify`, zod) stays
 * far from the stack limit.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Object levels a custom attribute keeps (data-api-reference §1.7: "2 levels of nesting; deeper levels
 * are stringified"). The keys of the attribute's own object are level 1, those of an object inside it
 * level 2; an object whose keys would be level 3 is stored as its JSON text. Arrays add no level:
 * their items sit at the level of the array (MoEngage's "array of objects" keeps two levels too).
 */
export const ATTRIBUTE_OBJECT_LEVELS = 2;

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Whether `value` nests objects and arrays more than `limit` levels deep (a scalar is level 0). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  return isContainer(value) && exceedsLevel(value, limit, (_child, parentLevel) => parentLevel + 1);
}

/**
 * Calls `visit` with each item of an array or each value of an object. Values from JSON.parse:
 * for...in sees exactly their own keys (`__proto__` included, as an own key).
 */
function forEachChild(node: object, visit: (child: unknown, key: string | number) => void): void {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) visit(node[index], index);
  } else {
    const record = node as Record<string, unknown>;
    for (const key in record) visit(record[key], key);
  }
}

/** Object levels `child` adds under a parent at `level`: one for an object, none for an array. */
const levelOf = (child: object, parentLevel: number) =>
  Array.isArray(child) ? parentLevel : parentLevel + 1;

/** Whether some object in `value` sits deeper than `levels` object levels. */
const hasObjectsBelow = (value: object, levels: number) => exceedsLevel(value, levels, levelOf);

/**
 * Whether some container in `root` sits above `limit`, each container's level given by `levelOfChild`
 * from its parent's (the root's from level 0). An explicit stack: no depth can overflow it.
 */
function exceedsLevel(
  root: object,
  limit: number,
  levelOfChild: (child: object, parentLevel: number) => number,
): boolean {
  const nodes: object[] = [root];
  const levels: number[] = [levelOfChild(root, 0)];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const level = levels.pop() as number;
    if (level > limit) return true;
    forEachChild(node, (child) => {
      if (isContainer(child)) {
        nodes.push(child);
        levels.push(levelOfChild(child, level));
      }
    });
  }
  return false;
}

/**
 * A custom attribute value as MoEngage stores it: unchanged (the same reference) when it nests at most
 * {@link ATTRIBUTE_OBJECT_LEVELS} object levels, otherwise a copy whose deeper objects are their JSON
 * text. `changed` says which, so the engine can record the change. `value` must come from a body that
 * passed the {@link MAX_JSON_DEPTH} check.
 */
export function limitAttributeNesting(value: unknown): { value: unknown; changed: boolean } {
  if (!isContainer(value) || !hasObjectsBelow(value, ATTRIBUTE_OBJECT_LEVELS)) {
    return { value, changed: false };
  }
  const root = emptyLike(value);
  const sources: object[] = [value];
  const targets = [root];
  const levels: number[] = [levelOf(value, 0)];
  while (sources.length > 0) {
    const source = sources.pop() as object;
    const target = targets.pop() as typeof root;
    const level = levels.pop() as number;
    forEachChild(source, (child, key) => {
      if (!isContainer(child)) {
        setOwnKey(target, key, child);
        return;
      }
      const childLevel = levelOf(child, level);
      if (childLevel > ATTRIBUTE_OBJECT_LEVELS) {
        // At most MAX_JSON_DEPTH levels deep (checked on the body), so the native serializer is safe here.
        setOwnKey(target, key, JSON.stringify(child));
        return;
      }
      const copy = emptyLike(child);
      setOwnKey(target, key, copy);
      sources.push(child);
      targets.push(copy);
      levels.push(childLevel);
    });
  }
  return { value: root, changed: true };
}
