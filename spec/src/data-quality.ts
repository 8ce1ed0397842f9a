/**
 * The rules MoEngage applies silently after answering 200: what it drops, truncates or ignores
 * (data-api-reference §1.7, §1.8, §6 and the overview). One source for the emulator, which records each
 * application under the rule's name, and for the client, which flags the same rules before sending.
 * No dependencies.
 */

/**
 * Every silent rule by name, with what MoEngage does. The emulator records a drop or truncation under
 * these names (`store.drops`); the client's `collectWarnings` reports them with the same names.
 */
export const DATA_RULES = {
  reservedPrefix:
    'A user attribute, event name or event attribute starting with `moe_` is reserved for MoEngage: dropped.',
  reservedName:
    'A user attribute named after a reserved SDK keyword (`USER_ATTRIBUTE_UNIQUE_ID`, ..., `status`, `user_id`, `source`): dropped.',
  blocklistedCustomerId:
    'A placeholder customer_id (`unknown`, `guest`, `null`, ...): the whole record is dropped.',
  futureEvent: 'An event dated in the future: dropped.',
  unknownUser:
    'A device of a user that does not exist: dropped (devices are only created for existing users).',
  invalidBulkElement: 'A Bulk Import element that fails validation (non-strict workspaces): dropped.',
  notWritable: 'A derived attribute, or a create-only one on an existing user: ignored.',
  updateExistingOnly: '`update_existing_only: true` for a user that does not exist: nothing is created.',
  mergePairSkipped: 'A merge pair naming an unknown user, or the same user twice: skipped.',
  noIdentifier: 'Identity Resolution found no identifier to locate or create the user: dropped.',
  unsetNotAllowed: 'An `unset_attributes` rule aimed at customer_id, derived or system attributes: ignored.',
  conflictingWrite: 'An array operator on an attribute the same call also sets directly: ignored.',
  nestedTooDeep: 'Object levels below the second are stored as JSON text.',
  customDeviceAttribute: 'A device attribute MoEngage does not define: dropped during processing.',
  platformForeignIdentifier: '`moe_gaid` on an iOS device or `idfv` on an Android device: dropped.',
  deviceReplaced:
    'A new device sharing a push_id, moe_gaid or idfv with another device replaces it: the other device is deleted.',
  deviceLimit: 'A user already has 1,000 devices: a new one is not added (MoEngage blocks the user).',
  valueTruncated: 'A string value over 512 characters (a list item included): stored truncated to 512.',
  urlTooLong: 'A URL value over 512 characters: rejected (the attribute is dropped).',
  nameTruncated: 'An attribute or event name over 200 characters: stored under its first 200.',
  listTooLong: 'A list over 50 items: stored with its first 50.',
  mixedList: 'An array mixing value types (or holding booleans, nulls or lists): dropped.',
  unsupportedValue: 'A value of a type MoEngage does not store (null): dropped.',
  objectTooLarge: 'An object attribute over 25 KB or with over 100 sub-attributes: dropped.',
  objectKeyCharacters: 'An object attribute with a key containing `$ . % #`: dropped.',
  userAttributeQuota: 'A workspace already has 256 user attributes: a new attribute name is dropped.',
  eventNameQuota: 'A workspace already has 512 event names: an event with a new name is dropped.',
  eventAttributeLimit: 'An event with over 100 attributes: only the first 100 are ingested.',
} as const;

/** The name of a silent rule: what a drop record or a client warning is about. */
export type DataRuleName = keyof typeof DATA_RULES;

/** Longest string value MoEngage stores; longer ones are truncated (URLs are rejected instead). */
export const MAX_VALUE_LENGTH = 512;

/** Longest attribute or event name; longer names are stored under their first 200 characters. */
export const MAX_NAME_LENGTH = 200;

/** Most items a list attribute keeps. */
export const MAX_LIST_ITEMS = 50;

/** Object attributes: at most 25 KB of JSON and 100 sub-attributes, keys without `$ . % #`. */
export const OBJECT_ATTRIBUTE_LIMITS = { maxBytes: 25 * 1024, maxSubAttributes: 100 } as const;

/** Characters an object attribute's keys may not contain. */
export const OBJECT_KEY_FORBIDDEN = /[$.%#]/;

/** Workspace quotas (non-Portfolio): distinct user attributes and event names, attributes per event. */
export const WORKSPACE_QUOTAS = { userAttributes: 256, eventNames: 512, attributesPerEvent: 100 } as const;

/** Most devices one user may have. */
export const MAX_DEVICES_PER_USER = 1_000;

/** Keywords of MoEngage's SDKs that must not be sent as user attribute names (reference §1.7). */
export const RESERVED_ATTRIBUTE_NAMES = [
  'USER_ATTRIBUTE_UNIQUE_ID',
  'USER_ATTRIBUTE_USER_EMAIL',
  'USER_ATTRIBUTE_USER_MOBILE',
  'USER_ATTRIBUTE_USER_NAME',
  'USER_ATTRIBUTE_USER_GENDER',
  'USER_ATTRIBUTE_USER_FIRST_NAME',
  'USER_ATTRIBUTE_USER_LAST_NAME',
  'USER_ATTRIBUTE_USER_BDAY',
  'USER_ATTRIBUTE_NOTIFICATION_PREF',
  'USER_ATTRIBUTE_OLD_ID',
  'MOE_TIME_FORMAT',
  'MOE_TIME_TIMEZONE',
  'USER_ATTRIBUTE_DND_START_TIME',
  'USER_ATTRIBUTE_DND_END_TIME',
  'MOE_GAID',
  'INSTALL',
  'UPDATE',
  'MOE_ISLAT',
  'status',
  'user_id',
  'source',
] as const;

const RESERVED_NAMES: ReadonlySet<string> = new Set(RESERVED_ATTRIBUTE_NAMES);

/** Whether a user attribute name is one of the reserved SDK keywords (matched exactly, as listed). */
export function isReservedAttributeName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/**
 * Device attributes MoEngage defines (reference §6, the legacy Device API included); any other key is
 * a custom device attribute, accepted and dropped.
 */
export const DEVICE_ATTRIBUTE_KEYS = [
  'platform',
  'push_id',
  'model',
  'moe_push_opted',
  'moe_push_provisional_opted',
  'app_version',
  'os_version',
  'moe_gaid',
  'idfv',
  'push_preference',
  'active',
  'created_time',
  'brand',
] as const;

const DEVICE_KEYS: ReadonlySet<string> = new Set(DEVICE_ATTRIBUTE_KEYS);

/** Whether a device attribute is one MoEngage defines. */
export function isDefinedDeviceAttribute(key: string): boolean {
  return DEVICE_KEYS.has(key);
}

/**
 * The device identifier that belongs to the other platform, if `key` is one: `moe_gaid` is Android's,
 * `idfv` is iOS's (platforms compared case-insensitively).
 */
export function isPlatformForeignIdentifier(key: string, platform: string): boolean {
  const lower = platform.toLowerCase();
  return (key === 'moe_gaid' && lower === 'ios') || (key === 'idfv' && lower === 'android');
}

/** Device attributes that identify one physical device: a new device sharing one replaces the other. */
export const DEVICE_IDENTIFIER_KEYS = ['push_id', 'moe_gaid', 'idfv'] as const;

/** What one of the value rules does to a value. */
export type ValueVerdict =
  | { action: 'keep' }
  | { action: 'store'; rule: DataRuleName; value: unknown }
  | { action: 'drop'; rule: DataRuleName };

const URL_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;

function jsonKind(value: unknown): 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'string' | 'number' | 'boolean' | 'object';
}

function countSubAttributes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  let count = Array.isArray(value) ? 0 : children.length;
  for (const child of children) count += countSubAttributes(child);
  return count;
}

function hasForbiddenKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  return Object.entries(value).some(
    ([key, child]) => OBJECT_KEY_FORBIDDEN.test(key) || hasForbiddenKey(child),
  );
}

/**
 * What MoEngage does with one custom attribute value (user or event), reference §1.7 and the object
 * data type page: strings over 512 characters are truncated (URLs dropped), lists keep their first 50
 * items and must hold strings or numbers of one kind (or objects), objects must stay under 25 KB and
 * 100 sub-attributes with keys free of `$ . % #`, and `null` is not stored. One verdict: the first rule
 * that changes or drops the value.
 */
export function checkAttributeValue(value: unknown): ValueVerdict {
  switch (jsonKind(value)) {
    case 'null':
      return { action: 'drop', rule: 'unsupportedValue' };
    case 'string': {
      const text = value as string;
      if (text.length <= MAX_VALUE_LENGTH) return { action: 'keep' };
      if (URL_PATTERN.test(text)) return { action: 'drop', rule: 'urlTooLong' };
      return { action: 'store', rule: 'valueTruncated', value: text.slice(0, MAX_VALUE_LENGTH) };
    }
    case 'array': {
      const items = value as unknown[];
      const kinds = new Set(items.map(jsonKind));
      const kind = kinds.values().next().value;
      if (kinds.size > 1 || (kind !== undefined && !['string', 'number', 'object'].includes(kind))) {
        return { action: 'drop', rule: 'mixedList' };
      }
      if (kind === 'object') return checkObject(items);
      if (items.length > MAX_LIST_ITEMS) {
        return { action: 'store', rule: 'listTooLong', value: truncateItems(items.slice(0, MAX_LIST_ITEMS)) };
      }
      if (items.some((item) => typeof item === 'string' && item.length > MAX_VALUE_LENGTH)) {
        return { action: 'store', rule: 'valueTruncated', value: truncateItems(items) };
      }
      return { action: 'keep' };
    }
    case 'object':
      return checkObject(value);
    default:
      return { action: 'keep' };
  }
}

function truncateItems(items: unknown[]): unknown[] {
  return items.map((item) => (typeof item === 'string' ? item.slice(0, MAX_VALUE_LENGTH) : item));
}

function checkObject(value: unknown): ValueVerdict {
  if (hasForbiddenKey(value)) return { action: 'drop', rule: 'objectKeyCharacters' };
  if (countSubAttributes(value) > OBJECT_ATTRIBUTE_LIMITS.maxSubAttributes) {
    return { action: 'drop', rule: 'objectTooLarge' };
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > OBJECT_ATTRIBUTE_LIMITS.maxBytes) {
    return { action: 'drop', rule: 'objectTooLarge' };
  }
  return { action: 'keep' };
}

/** The name MoEngage stores an attribute or event under: its first 200 characters. */
export function storedName(name: string): string {
  return name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH) : name;
}
