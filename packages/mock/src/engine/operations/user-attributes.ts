/**
 * How Track User changes a profile: the overview's create/update table, the reserved `moe_` prefix,
 * the array operators and `unset_attributes`. Every write the service would ignore is recorded as a drop.
 */
import type { TrackUserRequest } from '@moedata/spec';
import {
  isReservedAttributeName,
  MOE_PREFIXED_WRITABLE_KEYS,
  RESERVED_PREFIX,
  USER_ATTRIBUTE_RULES,
  WORKSPACE_QUOTAS,
} from '@moedata/spec/rules';
import type { JsonValue, StoredUser } from '../../store/types.ts';
import { rememberRecent } from '../recent.ts';
import { admitName } from '../workspace-names.ts';
import {
  joinPath,
  type OperationContext,
  recordRule,
  ruledAttribute,
  setOwn,
  storedAttribute,
} from './context.ts';
import { friendlyKey, identifierKeys, internalKey } from './identity.ts';

const RULES = new Map(USER_ATTRIBUTE_RULES.map((rule) => [rule.key, rule]));
const MOE_WRITABLE = new Set<string>(MOE_PREFIXED_WRITABLE_KEYS);
/** Acquisition ids the spec documents as "set when the user is created, ignored afterwards" beyond the overview's table. */
const CREATE_ONLY_EXTRA = new Set(['moe_gaid', 'advertising_identifier', 'moe_mweb']);
/** Names that identify the user rather than describe it; reference §1.7 blocks `id`, `_id` and "". */
const IDENTITY_KEYS = new Set(['', 'id', '_id', 'customer_id', 'uid']);
const OPERATORS = new Set(['addValueToArrayField', 'removeValueFromArrayField']);

/** What the write rules need to know about one attribute name. */
interface KeyFacts {
  /** The key it is stored under (`name` → `u_n`). */
  internal: string;
  /** It names the user's identity (`id`, `customer_id`, ...). */
  identity: boolean;
  /** Its row of the overview's create/update table, if any. */
  rule: (typeof USER_ATTRIBUTE_RULES)[number] | undefined;
  /** Set when the user is created, ignored afterwards (beyond the table). */
  createOnly: boolean;
  /** Starts with `moe_` and MoEngage documents no write of it (Identity Resolution identifiers aside). */
  reserved: boolean;
  /** `addValueToArrayField` / `removeValueFromArrayField`. */
  operator: boolean;
  /** One of the SDK keywords MoEngage reserves (`USER_ATTRIBUTE_UNIQUE_ID`, `status`, ...). */
  reservedName: boolean;
}

// Worked out once per name: clients send the same few attribute names on every request.
const factsOf = rememberRecent((key): KeyFacts => {
  const internal = internalKey(key);
  return {
    internal,
    identity: IDENTITY_KEYS.has(key),
    rule: RULES.get(internal),
    createOnly: CREATE_ONLY_EXTRA.has(internal),
    reserved: internal.startsWith(RESERVED_PREFIX) && !MOE_WRITABLE.has(internal),
    operator: OPERATORS.has(key),
    reservedName: isReservedAttributeName(key),
  };
}, 4096);

/** Why an attribute write is ignored, or `undefined` when it applies. */
function writeBlocked(
  context: OperationContext,
  key: string,
  facts: KeyFacts,
  isNew: boolean,
): { reason: 'notWritable' | 'reservedPrefix' | 'reservedName'; message: string } | undefined {
  if (facts.identity) {
    return {
      reason: 'notWritable',
      message: `Attribute '${key}' was dropped: it names the user's identity; send customer_id at the top level instead`,
    };
  }
  const rule = facts.rule;
  if (rule && !(isNew ? rule.create : rule.update)) {
    return {
      reason: 'notWritable',
      message: rule.create
        ? `Attribute '${key}' (${rule.displayName}) was ignored: it can only be set when the user is created`
        : `Attribute '${key}' (${rule.displayName}) was ignored: MoEngage derives it and Track User cannot write it`,
    };
  }
  if (!isNew && facts.createOnly) {
    return {
      reason: 'notWritable',
      message: `Attribute '${key}' was ignored: it can only be set when the user is created`,
    };
  }
  if (facts.reservedName) {
    return {
      reason: 'reservedName',
      message: `Attribute '${key}' was dropped: it is a reserved MoEngage SDK keyword; rename the attribute`,
    };
  }
  if (facts.reserved && !identifierKeys(context).includes(facts.internal)) {
    return {
      reason: 'reservedPrefix',
      message: `Attribute '${key}' was dropped: the moe_ prefix is reserved for MoEngage; rename the attribute`,
    };
  }
  return undefined;
}

const NOTHING_WRITTEN: ReadonlySet<string> = new Set();

/**
 * Sets the plain attributes (and body-level `platforms`) on the user; returns the internal keys written
 * (tracked only when the request also uses the array operators, the one reader of them).
 */
export function applyAttributes(
  context: OperationContext,
  user: StoredUser,
  request: TrackUserRequest,
  isNew: boolean,
  prefix: string,
): ReadonlySet<string> {
  const attributes = request.attributes;
  const written =
    attributes?.addValueToArrayField !== undefined || attributes?.removeValueFromArrayField !== undefined
      ? new Set<string>()
      : undefined;
  // Body-level `platforms` first, then the attributes in the order sent.
  if (request.platforms !== undefined) {
    writeAttribute(context, user, written, 'platforms', request.platforms, isNew, prefix);
  }
  if (attributes !== undefined) {
    const attributesPath = joinPath(prefix, 'attributes');
    for (const key of Object.keys(attributes)) {
      writeAttribute(context, user, written, key, attributes[key], isNew, attributesPath);
    }
  }
  return written ?? NOTHING_WRITTEN;
}

/** Writes one attribute found at `<parentPath>.<key>`, or records why it is dropped. */
function writeAttribute(
  context: OperationContext,
  user: StoredUser,
  written: Set<string> | undefined,
  key: string,
  value: unknown,
  isNew: boolean,
  parentPath: string,
): void {
  const facts = factsOf(key);
  if (facts.operator) return;
  const blocked = writeBlocked(context, key, facts, isNew);
  if (blocked) {
    context.drop(blocked.reason, blocked.message, joinPath(parentPath, key), value);
    return;
  }
  if (key === 'platforms') {
    setOwn(user.attributes, facts.internal, storedAttribute(context, key, value, parentPath));
    written?.add(facts.internal);
    return;
  }
  const kept = ruledAttribute(context, key, value, parentPath);
  if (kept === undefined) return;
  // Standard keys are short: only a custom name can have been cut, and it is stored as it is.
  const storedKey = facts.internal === key ? kept.name : facts.internal;
  if (!admitName(context.userAttributeNames(), storedKey, WORKSPACE_QUOTAS.userAttributes)) {
    recordRule(
      context,
      'userAttributeQuota',
      `Attribute '${key}' was dropped`,
      joinPath(parentPath, key),
      value,
    );
    return;
  }
  setOwn(user.attributes, storedKey, kept.value);
  written?.add(storedKey);
}

const sameJson = (a: JsonValue | undefined, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);

/** Applies addValueToArrayField then removeValueFromArrayField. */
export function applyArrayOperators(
  context: OperationContext,
  user: StoredUser,
  request: TrackUserRequest,
  isNew: boolean,
  written: ReadonlySet<string>,
  prefix: string,
): void {
  for (const operator of ['addValueToArrayField', 'removeValueFromArrayField'] as const) {
    for (const [key, values] of Object.entries(request.attributes?.[operator] ?? {})) {
      const facts = factsOf(key);
      const internal = facts.internal;
      const path = joinPath(prefix, `attributes.${operator}.${key}`);
      if (internal === 'platforms') {
        context.drop(
          'notWritable',
          `'platforms' is reserved and cannot be used with ${operator}`,
          path,
          values,
        );
        continue;
      }
      if (written.has(internal)) {
        context.drop(
          'conflictingWrite',
          `${operator} on '${key}' was ignored: the same call also sets '${key}' directly; send one or the other`,
          path,
          values,
        );
        continue;
      }
      const blocked = writeBlocked(context, key, facts, isNew);
      if (blocked) {
        context.drop(blocked.reason, blocked.message, path, values);
        continue;
      }
      const current = user.attributes[internal];
      const list: JsonValue[] = Array.isArray(current) ? [...current] : current == null ? [] : [current];
      const next =
        operator === 'addValueToArrayField'
          ? [...list, ...values]
          : list.filter((item) => !values.some((value) => sameJson(item, value)));
      setOwn(user.attributes, internal, next);
    }
  }
}

type UnsetRule = NonNullable<TrackUserRequest['unset_attributes']>[number];

function nameMatches(rule: UnsetRule, name: string): boolean {
  const sensitive = rule.case_sensitive ?? true;
  const candidate = sensitive ? name : name.toLowerCase();
  const pattern = sensitive ? rule.attr : rule.attr.toLowerCase();
  switch (rule.type) {
    case 'equals':
      return candidate === pattern;
    case 'prefix':
      return candidate.startsWith(pattern);
    case 'suffix':
      return candidate.endsWith(pattern);
    case 'contains':
      return candidate.includes(pattern);
  }
}

/** Whether unset may clear this stored key: standard and custom attributes only. */
function unsettable(key: string): boolean {
  const rule = RULES.get(key);
  return key !== 'platforms' && (rule === undefined || rule.update);
}

/** Applies `unset_attributes` after every write (the unset wins over a set in the same call). */
export function applyUnset(
  context: OperationContext,
  user: StoredUser,
  request: TrackUserRequest,
  prefix: string,
): void {
  for (const [index, rule] of (request.unset_attributes ?? []).entries()) {
    const path = joinPath(prefix, `unset_attributes[${index}]`);
    const target = internalKey(rule.attr);
    if (rule.type === 'equals' && (IDENTITY_KEYS.has(rule.attr) || !unsettable(target))) {
      context.drop(
        'unsetNotAllowed',
        `'${rule.attr}' cannot be unset: only standard and custom user attributes can (not customer_id, derived or system attributes)`,
        path,
        rule,
      );
      continue;
    }
    for (const key of Object.keys(user.attributes)) {
      if (!unsettable(key)) continue;
      const friendly = friendlyKey(key);
      if (nameMatches(rule, key) || (friendly !== undefined && nameMatches(rule, friendly))) {
        delete user.attributes[key];
      }
    }
  }
}
