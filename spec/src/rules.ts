/**
 * The numbers and lists that govern the Data API, as data (no dependencies).
 * Sources: data-api-overview.txt, data-api-reference.md and decisions.md; every number here
 * is a default the mock lets a workspace override.
 */
import type { OperationId } from './operation-ids.ts';

// The silent data rules (drops and truncations), kept in their own module
export {
  checkAttributeValue,
  DATA_RULES,
  type DataRuleName,
  DEVICE_ATTRIBUTE_KEYS,
  DEVICE_IDENTIFIER_KEYS,
  isDefinedDeviceAttribute,
  isPlatformForeignIdentifier,
  isReservedAttributeName,
  MAX_DEVICES_PER_USER,
  MAX_LIST_ITEMS,
  MAX_NAME_LENGTH,
  MAX_VALUE_LENGTH,
  OBJECT_ATTRIBUTE_LIMITS,
  OBJECT_KEY_FORBIDDEN,
  RESERVED_ATTRIBUTE_NAMES,
  storedName,
  type ValueVerdict,
  WORKSPACE_QUOTAS,
} from './data-quality.ts';

/** MoEngage data centers; the DC is a string because `101` breaks the old `0X` pattern. */
export const DATA_CENTERS = ['01', '02', '03', '04', '05', '06', '101'] as const;

/** One of the MoEngage data centers. */
export type DataCenter = (typeof DATA_CENTERS)[number];

/** The data center used when none is configured. @default '01' */
export const DEFAULT_DATA_CENTER: DataCenter = '01';

/**
 * Origin of the 7 core Data APIs for a data center.
 * @example coreHost('03') // 'https://api-03.moengage.com'
 */
export function coreHost(dc: DataCenter): string {
  return `https://api-${dc}.moengage.com`;
}

/**
 * Origin of the Trigger File Imports API for a data center.
 * @example fileImportsHost('01') // 'https://fileimports-data-api-01.moengage.com'
 */
export function fileImportsHost(dc: DataCenter): string {
  return `https://fileimports-data-api-${dc}.moengage.com`;
}

const MOENGAGE_HOST = /^(api|fileimports-data-api)-(\d{2,3})\.moengage\.com$/;

/**
 * Which data center and which API a MoEngage host name serves (`api-02.moengage.com` → core API of
 * DC 02); `undefined` for any other host (a local emulator, a custom base URL).
 * @example dataCenterOfHost('fileimports-data-api-101.moengage.com') // { dataCenter: '101', api: 'fileImports' }
 */
export function dataCenterOfHost(
  hostname: string,
): { dataCenter: DataCenter; api: 'core' | 'fileImports' } | undefined {
  const match = MOENGAGE_HOST.exec(hostname.toLowerCase());
  const dataCenter = DATA_CENTERS.find((dc) => dc === match?.[2]);
  if (match === null || dataCenter === undefined) return undefined;
  return { dataCenter, api: match[1] === 'api' ? 'core' : 'fileImports' };
}

/** Largest accepted request body: 128 KB for every operation, Bulk Import included (the overview wins over the older 100 KB). */
export const PAYLOAD_LIMIT_BYTES = 131_072;

/** Length of every rate-limit window, in seconds (`w=60` in `x-ratelimit-limit`). */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** What a rate limit counts: users, events and devices inside bodies, or whole requests. */
export type RateLimitUnit = 'users' | 'events' | 'devices' | 'requests';

/** The default budget of one operation per window. */
export interface RateLimitRule {
  /** Budget per unit; a request that needs more than what is left is rejected whole (429) and consumes nothing. */
  readonly limits: Readonly<Partial<Record<RateLimitUnit, number>>>;
  /** Window length in seconds (fixed windows). */
  readonly windowSeconds: number;
  /** `workspace`: one budget per workspace; `schedule`: one budget per file-import schedule_id. */
  readonly scope: 'workspace' | 'schedule';
}

/**
 * Default rate limits per operation (decisions.md). Bulk Import shares the overview's 10,000 users +
 * 30,000 events per minute (MoEngage's newer docs say 60,000 + 60,000; override it per workspace).
 * triggerFileImport runs once per 5 minutes per schedule_id and answers 400 ALREADY_EXISTS, not 429.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<OperationId, RateLimitRule>> = {
  trackUser: { limits: { users: 10_000 }, windowSeconds: 60, scope: 'workspace' },
  getUser: { limits: { users: 1_000 }, windowSeconds: 60, scope: 'workspace' },
  mergeUsers: { limits: { users: 1_000 }, windowSeconds: 60, scope: 'workspace' },
  deleteUser: { limits: { requests: 5_000 }, windowSeconds: 60, scope: 'workspace' },
  trackDevice: { limits: { devices: 10_000 }, windowSeconds: 60, scope: 'workspace' },
  createEvent: { limits: { events: 30_000 }, windowSeconds: 60, scope: 'workspace' },
  bulkImport: { limits: { users: 10_000, events: 30_000 }, windowSeconds: 60, scope: 'workspace' },
  triggerFileImport: { limits: { requests: 1 }, windowSeconds: 300, scope: 'schedule' },
};

/** How often one schedule_id may be triggered: once per 300 s, otherwise 400 ALREADY_EXISTS. */
export const FILE_IMPORT_COOLDOWN_SECONDS = 300;

/**
 * What a `schedule_id` path segment may be: no `/` or `\` (WHATWG URLs read `\` as `/` in http(s)),
 * and not made only of dots, plain or percent-encoded (`.`, `..`, `%2e`, `%2E.`, `...`). URL
 * normalisation removes `.` and `..` segments in any of those spellings, so such an id would send
 * the request to another path (a 404 that blames the base URL). Written without lookahead so that
 * every JSON Schema validator and generator can use it: optional leading dots, then one character
 * that cannot start a dot (or a `%` that does not go on to spell `%2e`), then anything.
 * @example new RegExp(SCHEDULE_ID_PATTERN).test('6512a3b4c5d6e7f8a9b0c1d2') // true; '..' and '%2e' are false
 */
export const SCHEDULE_ID_PATTERN =
  '^(?:\\.|%2[eE])*(?:[^/\\\\.%][^/\\\\]*|%(?:[^/\\\\2][^/\\\\]*)?|%2(?:[^/\\\\eE][^/\\\\]*)?)$';

/** Most identifiers one Get User request may carry (more: 400 LimitBreached). */
export const GET_USER_MAX_IDENTIFIERS = 20;

/** Most `merge_data` pairs one Merge Users request may carry (more: 400 LimitBreached). */
export const MERGE_MAX_PAIRS = 50;

/** Merge Users moves the merged user's events of this many days before the merge to the retained user. */
export const MERGE_EVENT_WINDOW_DAYS = 30;

/** Most identifier attributes an Identity Resolution workspace may activate. */
export const IDENTITY_RESOLUTION_MAX_IDENTIFIERS = 5;

/** The overview's advice for 5xx answers: retry every 2 seconds, at most 5 times. */
export const SERVER_ERROR_RETRY = { intervalMs: 2_000, maxAttempts: 5 } as const;

/** Range of `user_timezone_offset`, in seconds (IST = 19800). */
export const USER_TIMEZONE_OFFSET_RANGE = { min: -54_000, max: 54_000 } as const;

/** System prefix: user attributes, event names and event attributes starting with it are accepted (200) but dropped. */
export const RESERVED_PREFIX = 'moe_';

/**
 * MoEngage's own `moe_` attributes that Track User may write (subscription flags, advertising ids,
 * and the usual Identity Resolution identifier). They are not dropped by the reserved-prefix rule.
 */
export const MOE_PREFIXED_WRITABLE_KEYS = [
  'moe_unsubscribe',
  'moe_spam',
  'moe_hard_bounce',
  'moe_sms_subscription',
  'moe_wa_subscription',
  'moe_em_unsub_categories',
  'moe_sub_w',
  'moe_email_optin_status',
  'moe_gaid',
  'moe_mweb',
  'moe_mobile',
] as const;

/**
 * customer_id values MoEngage refuses (data-api-reference §1.8): the request is accepted (200) and
 * the record dropped. `""` is the two-character string of quotes; the empty string is a 400 instead.
 */
export const CUSTOMER_ID_BLOCKLIST = [
  'unknown',
  'guest',
  'null',
  '0',
  '1',
  'true',
  'false',
  'user_attribute_unique_id',
  'na',
  'n/a',
  '""',
  'dummy_seller_code',
  'user_id',
  'id',
  'customer_id',
  'uid',
  'userid',
  'none',
  '-2',
  '-1',
  '2',
] as const;

/**
 * Whether a customer_id is on the blocklist. Compared case-insensitively after trimming, since the
 * list holds placeholders (`NULL`, `Guest`) that clients send in any casing.
 */
export function isBlockedCustomerId(customerId: string): boolean {
  const normalized = customerId.trim().toLowerCase();
  return (CUSTOMER_ID_BLOCKLIST as readonly string[]).includes(normalized);
}

/** Standard user attributes: the public write key → the internal key MoEngage stores it under. */
export const STANDARD_ATTRIBUTE_KEYS = {
  name: 'u_n',
  first_name: 'u_fn',
  last_name: 'u_ln',
  email: 'u_em',
  mobile: 'u_mb',
  gender: 'u_gd',
  birthday: 'u_bd',
} as const satisfies Record<string, string>;

/** A friendly standard-attribute key accepted by Track User. */
export type StandardAttributeKey = keyof typeof STANDARD_ATTRIBUTE_KEYS;

/** The other way round: the internal key a standard attribute is stored under → its public name. */
export const PUBLIC_ATTRIBUTE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(STANDARD_ATTRIBUTE_KEYS).map(([publicKey, internal]) => [internal, publicKey]),
);

/**
 * The name Get User answers a stored attribute under when no field list is given: a standard
 * attribute's public name (`u_n` → `name`, as MoEngage's own Get User example shows), any other
 * key unchanged. `uid` is the customer_id, which Get User returns as `customer_id`.
 * @example publicAttributeKey('u_ln') // 'last_name'; publicAttributeKey('plan') // 'plan'
 */
export function publicAttributeKey(storedKey: string): string {
  return Object.hasOwn(PUBLIC_ATTRIBUTE_NAMES, storedKey)
    ? (PUBLIC_ATTRIBUTE_NAMES[storedKey] as string)
    : storedKey;
}

/** What Track User may do with a system user attribute (the overview's "User Attributes" table). */
export interface UserAttributeRule {
  readonly key: string;
  readonly displayName: string;
  /** Returned by Get User. */
  readonly fetch: boolean;
  /** Track User may change it on an existing user. */
  readonly update: boolean;
  /** Track User may set it when the user is created. */
  readonly create: boolean;
}

/** The overview's table: derived keys are ignored on write; create-only keys are set once, at creation. */
export const USER_ATTRIBUTE_RULES: readonly UserAttributeRule[] = [
  { key: 'publisher_name', displayName: 'Publisher Name', fetch: true, update: false, create: true },
  { key: 'campaign_name', displayName: 'Campaign Name', fetch: true, update: false, create: true },
  { key: 't_rev', displayName: 'LTV', fetch: true, update: false, create: false },
  { key: 't_trans', displayName: 'No of Conversions', fetch: true, update: false, create: false },
  { key: 'moe_ip_city', displayName: 'Last Known City', fetch: true, update: false, create: false },
  { key: 'moe_ip_pin', displayName: 'Last Known Pincode', fetch: true, update: false, create: false },
  { key: 'moe_ip_subdivision', displayName: 'Last Known State', fetch: true, update: false, create: false },
  { key: 'moe_ip_country', displayName: 'Last Known Country', fetch: true, update: false, create: false },
  { key: 'moe_dtzo', displayName: 'User Timezone Offset (Mins)', fetch: true, update: false, create: false },
  { key: 'u_s_c', displayName: 'No. of Sessions', fetch: true, update: false, create: false },
  { key: 'u_l_a', displayName: 'Last Seen', fetch: true, update: false, create: true },
  { key: 'cr_t', displayName: 'First Seen', fetch: true, update: false, create: true },
  { key: 'u_mb', displayName: 'Mobile Number (Standard)', fetch: true, update: true, create: true },
  { key: 'uid', displayName: 'ID', fetch: true, update: true, create: true },
  { key: 'u_bd', displayName: 'Birthday', fetch: true, update: true, create: true },
  { key: 'u_em', displayName: 'Email (Standard)', fetch: true, update: true, create: true },
  {
    key: 'locale_language_display',
    displayName: 'Local Language',
    fetch: true,
    update: false,
    create: false,
  },
  { key: 'locale_country_display', displayName: 'Local Country', fetch: true, update: false, create: false },
  { key: 'uninstall_time', displayName: 'Uninstall time', fetch: true, update: false, create: false },
  { key: 'installed', displayName: 'Install Status', fetch: true, update: false, create: false },
  { key: 'moe_cr_from', displayName: 'User Creation Source', fetch: true, update: false, create: false },
  { key: 'u_n', displayName: 'Name', fetch: true, update: true, create: true },
  { key: 'u_ln', displayName: 'Last Name', fetch: true, update: true, create: true },
  { key: 'u_gd', displayName: 'Gender', fetch: true, update: true, create: true },
  { key: 'u_fn', displayName: 'First Name', fetch: true, update: true, create: true },
];

/** Datetime values MoEngage reads as datetimes: `YYYY-MM-DDTHH:mm:ss[.fff]Z`. Others are stored as strings. */
export const DATETIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';

/** Date values MoEngage reads as dates: `YYYY-MM-DD`. */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Epoch values in `user_time`/`current_time`: 10 digits are seconds, 13 digits are milliseconds. */
export const EPOCH_MILLISECONDS_DIGITS = 13;
