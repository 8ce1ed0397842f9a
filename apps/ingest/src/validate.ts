/**
 * Checks one input value against the spec's Bulk Import element schema (the same zod schema the
 * client and the emulator use), measures it against the payload limit, and lists what MoEngage would
 * accept but silently drop.
 */
import { collectWarnings } from '@moedata/client';
import { type BulkElement, BulkElement as BulkElementSchema } from '@moedata/spec';
import { PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';

/** The bytes every Bulk Import request spends around its elements. */
const ENVELOPE_BYTES = Buffer.byteLength('{"type":"transition","elements":[]}');

/** Largest element (as JSON) that fits in one request of {@link PAYLOAD_LIMIT_BYTES}. */
export const MAX_ELEMENT_BYTES = PAYLOAD_LIMIT_BYTES - ENVELOPE_BYTES;

/** A checked element, or what is wrong with the value. */
export type Checked = { ok: true; element: BulkElement; warnings: string[] } | { ok: false; problem: string };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

/** Checks `value` as one Bulk Import element. */
export function checkElement(value: unknown): Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: `expected a JSON object like {"type":"customer","customer_id":"u1"}, got ${describeValue(value)}`,
    };
  }
  const type = (value as { type?: unknown }).type;
  if (type === 'transition') {
    return {
      ok: false,
      problem: 'this is a whole Bulk Import body; put each of its elements on its own line instead',
    };
  }
  const result = BulkElementSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 3).map((issue) => {
      const path = formatPath(issue.path);
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    return { ok: false, problem: `${issues.join('; ')}${more}` };
  }
  // Measured and sent as written: the zod parse would drop unknown top-level keys.
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_ELEMENT_BYTES) {
    return {
      ok: false,
      problem: `the element is ${bytes} bytes as JSON; one Bulk Import request has room for ${MAX_ELEMENT_BYTES}. Split its attributes or actions`,
    };
  }
  const element = value as BulkElement;
  const warnings = collectWarnings('bulkImport', { type: 'transition', elements: [element] }).map(
    (warning) => `${warning.path.replace(/^elements\[0\]\./, '')}: ${warning.message}`,
  );
  return { ok: true, element, warnings };
}
