/**
 * fast-check arbitraries derived from the spec's zod schemas, so the property tests generate what the
 * spec says is valid without a second, hand-written description of it. It reads zod 4's schema
 * definitions (`schema._zod.def`) and fails loudly on a construct it does not know, naming where it
 * is, so a new kind of field in the spec cannot be fuzzed with the wrong values by accident.
 */
import fc from 'fast-check';

/** The part of a zod 4 schema this module reads. */
export interface ZodLike {
  _zod: { def: ZodDef; optin?: 'optional' | undefined };
  safeParse(value: unknown): { success: boolean };
}

interface ZodCheck {
  _zod: { def: { check: string; [key: string]: unknown } };
}

interface ZodDef {
  type: string;
  checks?: ZodCheck[];
  shape?: Record<string, ZodLike>;
  catchall?: ZodLike;
  element?: ZodLike;
  options?: ZodLike[];
  innerType?: ZodLike;
  keyType?: ZodLike;
  valueType?: ZodLike;
  values?: unknown[];
  entries?: Record<string, unknown>;
  in?: ZodLike;
  getter?: () => ZodLike;
}

/** Sizes of what is generated where the schema sets no bound. */
export interface DeriveOptions {
  /** @default 4 */
  maxArrayLength?: number;
  /** @default 24 */
  maxStringLength?: number;
  /** Extra keys of an object with a catchall (custom attributes). @default 3 */
  maxExtraKeys?: number;
}

type Path = readonly (string | number)[];

const describePath = (path: Path) => (path.length === 0 ? '(root)' : path.join('.'));

function unsupported(what: string, path: Path): never {
  throw new Error(
    `The zod→fast-check deriver does not know ${what} (at ${describePath(path)}); ` +
      'teach src/zod-arbitrary.ts to generate it, so valid payloads stay valid.',
  );
}

/** Lone surrogates: valid in a JSON string escape, a classic source of encoder bugs. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Characters of unconstrained strings: mostly printable ASCII, sometimes any code point. */
const anyChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Keys of custom attributes: short names, and the awkward ones a JSON parser must survive. */
const extraKey = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyChar, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'moe_custom', 'id', '') },
);

interface Checks {
  min?: number;
  max?: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  pattern?: RegExp;
  integer: boolean;
}

function readChecks(def: ZodDef, path: Path): Checks {
  const checks: Checks = { minInclusive: true, maxInclusive: true, integer: false };
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    switch (c.check) {
      case 'min_length':
        checks.min = c.minimum as number;
        break;
      case 'max_length':
        checks.max = c.maximum as number;
        break;
      case 'length_equals':
        checks.min = c.length as number;
        checks.max = c.length as number;
        break;
      case 'greater_than':
        checks.min = c.value as number;
        checks.minInclusive = c.inclusive === true;
        break;
      case 'less_than':
        checks.max = c.value as number;
        checks.maxInclusive = c.inclusive === true;
        break;
      case 'string_format':
        if (c.format !== 'regex') unsupported(`the string format "${String(c.format)}"`, path);
        checks.pattern = c.pattern as RegExp;
        break;
      case 'number_format':
        if (!String(c.format).includes('int')) unsupported(`the number format "${String(c.format)}"`, path);
        checks.integer = true;
        break;
      default:
        unsupported(`the check "${c.check}"`, path);
    }
  }
  return checks;
}

function stringArbitrary(checks: Checks, options: Required<DeriveOptions>): fc.Arbitrary<string> {
  if (checks.pattern) {
    const { min = 0, max = Number.POSITIVE_INFINITY } = checks;
    return fc.stringMatching(checks.pattern).filter((s) => s.length >= min && s.length <= max);
  }
  const minLength = checks.min ?? 0;
  return fc.string({
    unit: anyChar,
    minLength,
    maxLength: Math.max(minLength, Math.min(checks.max ?? options.maxStringLength, options.maxStringLength)),
  });
}

function numberArbitrary(checks: Checks): fc.Arbitrary<number> {
  const min = checks.min ?? -1e15;
  const max = checks.max ?? 1e15;
  const integers = fc.integer({
    min: Math.ceil(checks.minInclusive ? min : min + 1),
    max: Math.floor(checks.maxInclusive ? max : max - 1),
  });
  if (checks.integer) return integers;
  const doubles = fc.double({
    min,
    max,
    minExcluded: !checks.minInclusive,
    maxExcluded: !checks.maxInclusive,
    noNaN: true,
    noDefaultInfinity: true,
  });
  return fc.oneof(integers, doubles);
}

/** Whether an object key may be absent. */
export const isOptional = (schema: ZodLike) => schema._zod.optin === 'optional';

function objectArbitrary(def: ZodDef, path: Path, options: Required<DeriveOptions>) {
  const shape = def.shape ?? {};
  const model = Object.fromEntries(
    Object.entries(shape).map(([key, child]) => [key, derive(child, [...path, key], options)]),
  );
  const requiredKeys = Object.keys(shape).filter((key) => !isOptional(shape[key] as ZodLike));
  const known = fc.record(model, { requiredKeys });
  const catchall = def.catchall;
  if (!catchall || catchall._zod.def.type === 'never') return known;
  const extra = fc.dictionary(
    extraKey.filter((key) => !Object.hasOwn(shape, key)),
    derive(catchall, [...path, '*'], options),
    { maxKeys: options.maxExtraKeys, noNullPrototype: true },
  );
  return fc.tuple(known, extra).map(([fields, custom]) => ({ ...custom, ...fields }));
}

function derive(schema: ZodLike, path: Path, options: Required<DeriveOptions>): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return stringArbitrary(readChecks(def, path), options);
    case 'number':
      return numberArbitrary(readChecks(def, path));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option, i) => derive(option, [...path, `|${i}`], options)));
    case 'object':
      return objectArbitrary(def, path, options);
    case 'array': {
      const checks = readChecks(def, path);
      const minLength = checks.min ?? 0;
      return fc.array(derive(def.element as ZodLike, [...path, 0], options), {
        minLength,
        maxLength: Math.max(
          minLength,
          Math.min(checks.max ?? options.maxArrayLength, options.maxArrayLength),
        ),
      });
    }
    case 'record':
      return fc.dictionary(
        derive(def.keyType as ZodLike, [...path, '(key)'], options) as fc.Arbitrary<string>,
        derive(def.valueType as ZodLike, [...path, '*'], options),
        { maxKeys: options.maxExtraKeys, noNullPrototype: true },
      );
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
      return derive(def.innerType as ZodLike, path, options);
    case 'nullable':
      return fc.option(derive(def.innerType as ZodLike, path, options), { nil: null });
    case 'pipe':
      return derive(def.in as ZodLike, path, options);
    case 'lazy':
      return derive((def.getter as () => ZodLike)(), path, options);
    default:
      return unsupported(`the zod type "${def.type}"`, path);
  }
}

/**
 * An arbitrary of values `schema` accepts.
 * @example fc.sample(arbitraryFor(TrackUserRequest), 1) // [{ type: 'customer', customer_id: 'a', ... }]
 */
export function arbitraryFor(schema: ZodLike, options: DeriveOptions = {}): fc.Arbitrary<unknown> {
  return derive(schema, [], { maxArrayLength: 4, maxStringLength: 24, maxExtraKeys: 3, ...options });
}

/** A field of a value, with the schema that governs it. */
export interface Field {
  path: (string | number)[];
  schema: ZodLike;
  /** The object key must be present (false for optional keys and array items). */
  required: boolean;
}

/** The schema under the wrappers that only say "may be absent". */
export function unwrap(schema: ZodLike): ZodLike {
  const def = schema._zod.def;
  if (['optional', 'default', 'prefault', 'readonly', 'nullable'].includes(def.type)) {
    return unwrap(def.innerType as ZodLike);
  }
  if (def.type === 'pipe') return unwrap(def.in as ZodLike);
  return schema;
}

/**
 * Every field of `value` that `schema` describes (object keys of a shape, array items, record
 * values), depth first. Custom attributes (catchall keys) are not listed: any value is valid there.
 */
export function fieldsOf(schema: ZodLike, value: unknown, path: (string | number)[] = []): Field[] {
  const inner = unwrap(schema);
  const def = inner._zod.def;
  if (def.type === 'union') {
    const match = (def.options ?? []).find((option) => option.safeParse(value).success);
    return match ? fieldsOf(match, value, path) : [];
  }
  if (def.type === 'object' && isPlainObject(value)) {
    return Object.entries(def.shape ?? {}).flatMap(([key, child]) =>
      Object.hasOwn(value, key)
        ? [
            { path: [...path, key], schema: child, required: !isOptional(child) },
            ...fieldsOf(child, value[key], [...path, key]),
          ]
        : [],
    );
  }
  if (def.type === 'array' && Array.isArray(value)) {
    return value.flatMap((item, i) => [
      { path: [...path, i], schema: def.element as ZodLike, required: false },
      ...fieldsOf(def.element as ZodLike, item, [...path, i]),
    ]);
  }
  if (def.type === 'record' && isPlainObject(value)) {
    return Object.keys(value).flatMap((key) => [
      { path: [...path, key], schema: def.valueType as ZodLike, required: false },
      ...fieldsOf(def.valueType as ZodLike, value[key], [...path, key]),
    ]);
  }
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
