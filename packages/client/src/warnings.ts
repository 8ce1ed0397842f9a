import type { OperationId } from '@moedata/spec/routes';
import { isBlockedCustomerId, MOE_PREFIXED_WRITABLE_KEYS, RESERVED_PREFIX } from '@moedata/spec/rules';

/** Why the server would accept a request (200) and silently drop part of it. */
export type MoEngageWarningCode = 'reservedPrefix' | 'blockedCustomerId';

/** Something in a request that MoEngage would accept and then drop without telling you. */
export interface MoEngageWarning {
  code: MoEngageWarningCode;
  operationId: OperationId;
  /** Where in the body, e.g. `elements[2].actions[0].attributes.moe_score`. */
  path: string;
  /** The offending name or customer_id. */
  value: string;
  /** What MoEngage will do and what to change. */
  message: string;
}

const WRITABLE_MOE_USER_KEYS: ReadonlySet<string> = new Set(MOE_PREFIXED_WRITABLE_KEYS);
const ARRAY_OPERATORS = ['addValueToArrayField', 'removeValueFromArrayField'] as const;

/**
 * Finds what MoEngage would silently drop from a request body: user attributes, event names and event
 * attributes with the reserved `moe_` prefix (except MoEngage's own writable `moe_` user attributes),
 * and blocklisted `customer_id` values such as `"null"` or `"guest"`. Nothing is changed or blocked.
 */
export function collectWarnings(operationId: OperationId, body: unknown): MoEngageWarning[] {
  const found: MoEngageWarning[] = [];
  const report = (code: MoEngageWarningCode, path: string, value: string) =>
    found.push({ code, operationId, path, value, message: describe(code, value) });

  switch (operationId) {
    case 'trackUser':
      inspectCustomer(body, '', report);
      break;
    case 'createEvent':
      inspectEvent(body, '', report);
      break;
    case 'trackDevice':
      inspectCustomerId(body, '', report);
      break;
    case 'bulkImport': {
      const elements = isRecord(body) && Array.isArray(body.elements) ? body.elements : [];
      elements.forEach((element, index) => {
        const prefix = `elements[${index}].`;
        const type = isRecord(element) ? element.type : undefined;
        if (type === 'customer') inspectCustomer(element, prefix, report);
        else if (type === 'event') inspectEvent(element, prefix, report);
        else if (type === 'device') inspectCustomerId(element, prefix, report);
      });
      break;
    }
    default:
      break;
  }
  return found;
}

type Report = (code: MoEngageWarningCode, path: string, value: string) => void;

function inspectCustomer(body: unknown, prefix: string, report: Report): void {
  inspectCustomerId(body, prefix, report);
  if (!isRecord(body) || !isRecord(body.attributes)) return;
  const attributes = body.attributes;
  for (const key of Object.keys(attributes)) {
    if (isReservedUserAttribute(key)) report('reservedPrefix', `${prefix}attributes.${key}`, key);
  }
  for (const operator of ARRAY_OPERATORS) {
    const fields = attributes[operator];
    if (!isRecord(fields)) continue;
    for (const key of Object.keys(fields)) {
      if (isReservedUserAttribute(key))
        report('reservedPrefix', `${prefix}attributes.${operator}.${key}`, key);
    }
  }
}

function inspectEvent(body: unknown, prefix: string, report: Report): void {
  inspectCustomerId(body, prefix, report);
  if (!isRecord(body) || !Array.isArray(body.actions)) return;
  body.actions.forEach((action, index) => {
    if (!isRecord(action)) return;
    const at = `${prefix}actions[${index}]`;
    if (typeof action.action === 'string' && hasReservedPrefix(action.action)) {
      report('reservedPrefix', `${at}.action`, action.action);
    }
    if (!isRecord(action.attributes)) return;
    for (const key of Object.keys(action.attributes)) {
      if (hasReservedPrefix(key)) report('reservedPrefix', `${at}.attributes.${key}`, key);
    }
  });
}

function inspectCustomerId(body: unknown, prefix: string, report: Report): void {
  if (!isRecord(body) || typeof body.customer_id !== 'string') return;
  // The empty string is a 400 from the server, not a silent drop, so the request validator reports it.
  if (body.customer_id !== '' && isBlockedCustomerId(body.customer_id)) {
    report('blockedCustomerId', `${prefix}customer_id`, body.customer_id);
  }
}

function hasReservedPrefix(name: string): boolean {
  return name.startsWith(RESERVED_PREFIX);
}

function isReservedUserAttribute(key: string): boolean {
  return hasReservedPrefix(key) && !WRITABLE_MOE_USER_KEYS.has(key);
}

function describe(code: MoEngageWarningCode, value: string): string {
  return code === 'reservedPrefix'
    ? `"${value}" starts with the reserved prefix "${RESERVED_PREFIX}": MoEngage accepts the request but drops it (and may blacklist the workspace). Rename it.`
    : `customer_id "${value}" is on MoEngage's blocklist of placeholder ids: the request is accepted but the record is dropped. Send the user's real id.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
