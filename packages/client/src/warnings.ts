import type { OperationId } from '@moedata/spec/routes';
import {
  checkAttributeValue,
  DATA_RULES,
  type DataRuleName,
  isBlockedCustomerId,
  isDefinedDeviceAttribute,
  isPlatformForeignIdentifier,
  isReservedAttributeName,
  MAX_NAME_LENGTH,
  MOE_PREFIXED_WRITABLE_KEYS,
  RESERVED_PREFIX,
  WORKSPACE_QUOTAS,
} from '@moedata/spec/rules';

/**
 * Why the server would accept a request (200) and silently drop or change part of it: the name of the
 * rule, the same name the emulator records its drops under (`DATA_RULES` in `@moedata/spec/rules`).
 */
export type MoEngageWarningCode = DataRuleName;

/** Something in a request that MoEngage would accept and then drop or change without telling you. */
export interface MoEngageWarning {
  code: MoEngageWarningCode;
  operationId: OperationId;
  /** Where in the body, e.g. `elements[2].actions[0].attributes.moe_score`. */
  path: string;
  /** The offending name, value or customer_id (a value as sent, for the value rules). */
  value: unknown;
  /** What MoEngage will do and what to change. */
  message: string;
}

const WRITABLE_MOE_USER_KEYS: ReadonlySet<string> = new Set(MOE_PREFIXED_WRITABLE_KEYS);
const ARRAY_OPERATORS = ['addValueToArrayField', 'removeValueFromArrayField'] as const;
/** Keys of a Track User body's attributes that are not attributes of their own. */
const NOT_VALUES: ReadonlySet<string> = new Set([...ARRAY_OPERATORS, 'platforms']);

/**
 * Finds, without the network, what MoEngage would silently drop or change in a request body: the
 * reserved `moe_` prefix (except MoEngage's own writable `moe_` user attributes), reserved SDK keywords
 * as user attribute names, blocklisted `customer_id` values such as `"null"`, names over 200 and values
 * over 512 characters, URL values over 512, lists over 50 items or of mixed types, `null` values,
 * object attributes over their limits, events over 100 attributes, custom device attributes and the
 * other platform's advertising id. Each warning carries the rule name the emulator records. Nothing is
 * changed or blocked.
 * @example collectWarnings('trackUser', { type: 'customer', customer_id: 'null' })[0]?.code // 'blocklistedCustomerId'
 */
export function collectWarnings(operationId: OperationId, body: unknown): MoEngageWarning[] {
  const found: MoEngageWarning[] = [];
  const report: Report = (code, path, value) =>
    found.push({ code, operationId, path, value, message: describe(code, path, value) });

  switch (operationId) {
    case 'trackUser':
      inspectCustomer(body, '', report);
      break;
    case 'createEvent':
      inspectEvent(body, '', report);
      break;
    case 'trackDevice':
      inspectDevice(body, '', report);
      break;
    case 'bulkImport': {
      const elements = isRecord(body) && Array.isArray(body.elements) ? body.elements : [];
      elements.forEach((element, index) => {
        const prefix = `elements[${index}].`;
        const type = isRecord(element) ? element.type : undefined;
        if (type === 'customer') inspectCustomer(element, prefix, report);
        else if (type === 'event') inspectEvent(element, prefix, report);
        else if (type === 'device') inspectDevice(element, prefix, report);
      });
      break;
    }
    default:
      break;
  }
  return found;
}

type Report = (code: MoEngageWarningCode, path: string, value: unknown) => void;

function inspectCustomer(body: unknown, prefix: string, report: Report): void {
  inspectCustomerId(body, prefix, report);
  if (!isRecord(body) || !isRecord(body.attributes)) return;
  const attributes = body.attributes;
  for (const key of Object.keys(attributes)) {
    const path = `${prefix}attributes.${key}`;
    if (!inspectUserAttributeName(key, path, report) && !NOT_VALUES.has(key)) {
      inspectValue(attributes[key], path, report);
    }
  }
  for (const operator of ARRAY_OPERATORS) {
    const fields = attributes[operator];
    if (!isRecord(fields)) continue;
    for (const key of Object.keys(fields)) {
      inspectUserAttributeName(key, `${prefix}attributes.${operator}.${key}`, report);
    }
  }
}

/** Reports a user attribute name MoEngage drops (true) or cuts (false, as it is still stored). */
function inspectUserAttributeName(key: string, path: string, report: Report): boolean {
  if (hasReservedPrefix(key) && !WRITABLE_MOE_USER_KEYS.has(key)) {
    report('reservedPrefix', path, key);
    return true;
  }
  if (isReservedAttributeName(key)) {
    report('reservedName', path, key);
    return true;
  }
  inspectName(key, path, report);
  return false;
}

function inspectEvent(body: unknown, prefix: string, report: Report): void {
  inspectCustomerId(body, prefix, report);
  if (!isRecord(body) || !Array.isArray(body.actions)) return;
  body.actions.forEach((action, index) => {
    if (!isRecord(action)) return;
    const at = `${prefix}actions[${index}]`;
    if (typeof action.action === 'string') {
      if (hasReservedPrefix(action.action)) report('reservedPrefix', `${at}.action`, action.action);
      else inspectName(action.action, `${at}.action`, report);
    }
    if (!isRecord(action.attributes)) return;
    let kept = 0;
    for (const [key, value] of Object.entries(action.attributes)) {
      const path = `${at}.attributes.${key}`;
      if (hasReservedPrefix(key)) {
        report('reservedPrefix', path, key);
        continue;
      }
      // As MoEngage counts: the first 100 attributes that survive the other rules are kept.
      if (kept === WORKSPACE_QUOTAS.attributesPerEvent) {
        report('eventAttributeLimit', path, key);
        continue;
      }
      inspectName(key, path, report);
      if (inspectValue(value, path, report)) kept += 1;
    }
  });
}

function inspectDevice(body: unknown, prefix: string, report: Report): void {
  inspectCustomerId(body, prefix, report);
  if (!isRecord(body) || !isRecord(body.attributes)) return;
  const platform = typeof body.attributes.platform === 'string' ? body.attributes.platform : '';
  for (const [key, value] of Object.entries(body.attributes)) {
    const path = `${prefix}attributes.${key}`;
    if (!isDefinedDeviceAttribute(key)) report('customDeviceAttribute', path, value);
    else if (isPlatformForeignIdentifier(key, platform)) report('platformForeignIdentifier', path, value);
  }
}

function inspectCustomerId(body: unknown, prefix: string, report: Report): void {
  if (!isRecord(body) || typeof body.customer_id !== 'string') return;
  // The empty string is a 400 from the server, not a silent drop, so the request validator reports it.
  if (body.customer_id !== '' && isBlockedCustomerId(body.customer_id)) {
    report('blocklistedCustomerId', `${prefix}customer_id`, body.customer_id);
  }
}

function inspectName(name: string, path: string, report: Report): void {
  if (name.length > MAX_NAME_LENGTH) report('nameTruncated', path, name);
}

/** Reports what the value rules would do to a value; returns whether MoEngage keeps it (changed or not). */
function inspectValue(value: unknown, path: string, report: Report): boolean {
  const verdict = checkAttributeValue(value);
  if (verdict.action !== 'keep') report(verdict.rule, path, value);
  return verdict.action !== 'drop';
}

function hasReservedPrefix(name: string): boolean {
  return name.startsWith(RESERVED_PREFIX);
}

function describe(code: MoEngageWarningCode, path: string, value: unknown): string {
  switch (code) {
    case 'reservedPrefix':
      return `"${String(value)}" starts with the reserved prefix "${RESERVED_PREFIX}": MoEngage accepts the request but drops it (and may blacklist the workspace). Rename it.`;
    case 'blocklistedCustomerId':
      return `customer_id "${String(value)}" is on MoEngage's blocklist of placeholder ids: the request is accepted but the record is dropped. Send the user's real id.`;
    default:
      return `${DATA_RULES[code]} MoEngage accepts the request and applies this silently; fix ${path} before sending.`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
