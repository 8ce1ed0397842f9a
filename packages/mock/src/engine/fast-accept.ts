/**
 * A fast "yes" for bodies the spec's zod schemas accept, compiled once from those same schemas.
 *
 * zod's `safeParse` builds a full output copy of every body (about 5 KB of garbage for a 300-byte Track
 * User, hundreds of KB for a Bulk Import), yet the emulator never uses that copy: the spec's request
 * schemas neither transform nor default (see validation.ts). Most bodies are valid, so the emulator asks
 * this acceptor first and runs zod only when it does not say yes, which is also the only time zod's
 * issues are needed (they name the error row).
 *
 * The acceptor is one-sided on purpose: `true` means zod accepts the value; `false` means "not sure".
 * Every construct it does not understand exactly (a refinement, a transform, a string format, an unknown
 * check) compiles to "not sure", so a new construct in the spec can make validation slower, never
 * wrong. It reads the schemas' definitions (`_zod.def`), the same data zod itself runs on; the agreement
 * with zod is proven in fast-accept.test.ts.
 */

/** Whether a value is certainly accepted (`false`: ask zod). */
export type Acceptor = (value: unknown) => boolean;

/** The parts of a zod 4 schema the compiler reads (structural: the mock imports no zod internals). */
interface ZodLike {
  _zod: {
    def: ZodDef;
    optin?: string;
    optout?: string;
    values?: ReadonlySet<unknown>;
  };
}

interface ZodDef {
  type: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  shape?: Record<string, ZodLike>;
  catchall?: ZodLike;
  innerType?: ZodLike;
  element?: ZodLike;
  options?: readonly ZodLike[];
  keyType?: ZodLike;
  valueType?: ZodLike;
  mode?: string;
  inclusive?: boolean;
  discriminator?: string;
  format?: string;
  check?: string;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const NOT_SURE: Acceptor = () => false;
const ANYTHING: Acceptor = () => true;

const compiled = new WeakMap<object, Acceptor>();

/** The acceptor of a zod schema (compiled on first use, then remembered). */
export function acceptorFor(schema: object): Acceptor {
  let acceptor = compiled.get(schema);
  if (acceptor === undefined) {
    acceptor = compile(schema as ZodLike);
    compiled.set(schema, acceptor);
  }
  return acceptor;
}

// Schemas being compiled: a recursive schema (an object whose getter returns itself) meets itself again.
const compiling = new Set<object>();

function compile(schema: ZodLike): Acceptor {
  // A schema that contains itself is left to zod rather than compiled forever.
  if (compiling.has(schema)) return NOT_SURE;
  compiling.add(schema);
  try {
    return compileDef(schema);
  } finally {
    compiling.delete(schema);
  }
}

function compileDef(schema: ZodLike): Acceptor {
  const def = schema._zod?.def;
  // A coercing schema changes the value; a format schema (`z.email()`, `z.int()`, ...) is its own check,
  // one the type test alone would miss.
  if (def === undefined || def.coerce || def.format !== undefined || def.check !== undefined) return NOT_SURE;
  switch (def.type) {
    case 'string':
      return withChecks((value) => typeof value === 'string', def, stringCheck);
    case 'number':
      return withChecks((value) => typeof value === 'number' && Number.isFinite(value), def, numberCheck);
    case 'boolean':
      return withoutChecks(def, (value) => typeof value === 'boolean');
    case 'unknown':
    case 'any':
      return withoutChecks(def, ANYTHING);
    case 'literal':
    case 'enum':
      return withoutChecks(def, valuesAcceptor(schema));
    case 'optional':
      return withoutChecks(def, optionalAcceptor(def));
    case 'nullable':
      return withoutChecks(def, nullableAcceptor(def));
    case 'union':
      return withoutChecks(def, unionAcceptor(def));
    case 'array':
      return withChecks(arrayAcceptor(def), def, lengthCheck);
    case 'record':
      return withoutChecks(def, recordAcceptor(def));
    case 'object':
      return withoutChecks(def, objectAcceptor(def));
    default:
      return NOT_SURE;
  }
}

/** A type with no checks of its own (a refinement on it is something this compiler does not run). */
function withoutChecks(def: ZodDef, acceptor: Acceptor): Acceptor {
  return def.checks !== undefined && def.checks.length > 0 ? NOT_SURE : acceptor;
}

/** The type test, then every check; one check this compiler cannot run makes the whole type "not sure". */
function withChecks(
  isType: Acceptor,
  def: ZodDef,
  compileCheck: (check: CheckDef) => Acceptor | undefined,
): Acceptor {
  const checks: Acceptor[] = [];
  for (const check of def.checks ?? []) {
    const checkDef = check._zod?.def;
    // A check's `when` and `abort` only ever skip checks, so zod accepts at least what passes them all.
    if (checkDef === undefined) return NOT_SURE;
    const compiledCheck = compileCheck(checkDef);
    if (compiledCheck === undefined) return NOT_SURE;
    checks.push(compiledCheck);
  }
  if (checks.length === 0) return isType;
  return (value) => {
    if (!isType(value)) return false;
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

function lengthCheck(check: CheckDef): Acceptor | undefined {
  const length = (value: unknown) => (value as { length: number }).length;
  const { minimum, maximum } = check;
  switch (check.check) {
    case 'min_length':
      return typeof minimum === 'number' ? (value) => length(value) >= minimum : undefined;
    case 'max_length':
      return typeof maximum === 'number' ? (value) => length(value) <= maximum : undefined;
    case 'length_equals':
      return typeof check.length === 'number' ? (value) => length(value) === check.length : undefined;
    default:
      return undefined;
  }
}

function stringCheck(check: CheckDef): Acceptor | undefined {
  if (check.check === 'string_format') {
    const pattern = check.pattern;
    // Only a plain `.regex()`: named formats (email, uuid, ...) carry more than their pattern.
    if (check.format !== 'regex' || !(pattern instanceof RegExp)) return undefined;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value as string);
    };
  }
  return lengthCheck(check);
}

function numberCheck(check: CheckDef): Acceptor | undefined {
  const bound = check.value;
  switch (check.check) {
    case 'greater_than':
      if (typeof bound !== 'number') return undefined;
      return check.inclusive ? (value) => (value as number) >= bound : (value) => (value as number) > bound;
    case 'less_than':
      if (typeof bound !== 'number') return undefined;
      return check.inclusive ? (value) => (value as number) <= bound : (value) => (value as number) < bound;
    case 'number_format':
      // `.int()`: an integer within ±2^53 - 1. Other formats (int32, float32, ...) have other ranges.
      return check.format === 'safeint' ? (value) => Number.isSafeInteger(value) : undefined;
    default:
      return undefined;
  }
}

function valuesAcceptor(schema: ZodLike): Acceptor {
  const values = schema._zod.values;
  return values instanceof Set ? (value) => values.has(value) : NOT_SURE;
}

function optionalAcceptor(def: ZodDef): Acceptor {
  if (def.innerType === undefined) return NOT_SURE;
  const inner = compile(def.innerType);
  return (value) => value === undefined || inner(value);
}

function nullableAcceptor(def: ZodDef): Acceptor {
  if (def.innerType === undefined) return NOT_SURE;
  const inner = compile(def.innerType);
  return (value) => value === null || inner(value);
}

/**
 * A union accepts what one of its options accepts. A discriminated union too: its options' discriminator
 * values are disjoint, so the option that accepts is the one zod picks. An exclusive union (`z.xor`,
 * `inclusive: false` without a discriminator) rejects a value two options accept: left to zod.
 */
function unionAcceptor(def: ZodDef): Acceptor {
  if (def.options === undefined || (def.inclusive === false && def.discriminator === undefined)) {
    return NOT_SURE;
  }
  const options = def.options.map(compile);
  return (value) => {
    for (const option of options) if (option(value)) return true;
    return false;
  };
}

function arrayAcceptor(def: ZodDef): Acceptor {
  if (def.element === undefined) return NOT_SURE;
  const element = compile(def.element);
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i += 1) if (!element(value[i])) return false;
    return true;
  };
}

/** A JSON object: an own-prototype plain object (anything else is left to zod's checks). */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/** `z.record(z.string(), V)`: every own key (bar `__proto__`, which zod skips) has a value V accepts. */
function recordAcceptor(def: ZodDef): Acceptor {
  const keyDef = def.keyType?._zod?.def;
  const plainStringKeys =
    keyDef?.type === 'string' &&
    !keyDef.coerce &&
    (keyDef.checks === undefined || keyDef.checks.length === 0);
  if (!plainStringKeys || def.valueType === undefined || (def.mode !== undefined && def.mode !== 'strict')) {
    return NOT_SURE;
  }
  const valueAcceptor = compile(def.valueType);
  return (value) => {
    // zod's plain-object test reads `constructor`: a body that sets one is left to zod.
    if (!isJsonObject(value) || Object.hasOwn(value, 'constructor')) return false;
    for (const key of Object.keys(value)) {
      if (key !== '__proto__' && !valueAcceptor(value[key])) return false;
    }
    return true;
  };
}

/**
 * `z.object`: each declared key is present and accepted, or absent and optional; undeclared keys are
 * ignored (strip), each accepted by the catch-all, or, for a strict object, left to zod.
 */
function objectAcceptor(def: ZodDef): Acceptor {
  if (def.shape === undefined) return NOT_SURE;
  const fields = Object.entries(def.shape)
    .filter(([key]) => key !== '__proto__')
    .map(([key, field]) => ({
      key,
      accept: compile(field),
      // zod lets an absent key pass only when the field is optional both ways.
      mayBeAbsent: field._zod.optin === 'optional' && field._zod.optout === 'optional',
    }));
  const declared = new Set(Object.keys(def.shape));
  // No catch-all: undeclared keys are stripped. A strict object (`never`) rejects each one, `__proto__`
  // included; any other catch-all checks each one, `__proto__` excepted (zod skips it).
  const strict = def.catchall?._zod?.def.type === 'never';
  const extra = def.catchall === undefined || strict ? undefined : compile(def.catchall);
  return (value) => {
    if (!isJsonObject(value)) return false;
    for (const field of fields) {
      // zod tests presence with `in`; a JSON object's inherited keys are Object.prototype's.
      if (field.key in value) {
        if (!field.accept(value[field.key])) return false;
      } else if (!field.mayBeAbsent) {
        return false;
      }
    }
    if (strict) {
      for (const key in value) if (!declared.has(key)) return false;
      return true;
    }
    if (extra === undefined) return true;
    for (const key in value) {
      if (declared.has(key) || key === '__proto__') continue;
      if (!extra(value[key])) return false;
    }
    return true;
  };
}
