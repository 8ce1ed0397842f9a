import type * as core from 'zod/v4/core';

/**
 * The zod schemas that describe the field at `path` inside `schema` (`*` = any array item).
 * A union contributes every option that has the field; an object key that the object does not
 * declare resolves to its catchall, or to nothing (the field is unknown to our schema).
 */
export function fieldSchemas(schema: core.$ZodType, path: readonly string[]): core.$ZodType[] {
  const [head, ...rest] = path;
  const node = schema as core.$ZodTypes;
  const def = node._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return fieldSchemas(def.innerType, path);
    case 'lazy':
      return fieldSchemas(def.getter(), path);
    case 'pipe':
      return fieldSchemas(def.in, path);
    case 'union':
      return def.options.flatMap((option) => fieldSchemas(option, path));
    case 'intersection':
      return [...fieldSchemas(def.left, path), ...fieldSchemas(def.right, path)];
    default:
      break;
  }
  if (head === undefined) return [schema];
  if (def.type === 'object') {
    const declared = def.shape[head];
    if (declared !== undefined) return fieldSchemas(declared, rest);
    return def.catchall !== undefined && def.catchall._zod.def.type !== 'never'
      ? fieldSchemas(def.catchall, rest)
      : [];
  }
  if (def.type === 'record') return fieldSchemas(def.valueType, rest);
  if (def.type === 'array' && head === '*') return fieldSchemas(def.element, rest);
  return [];
}
