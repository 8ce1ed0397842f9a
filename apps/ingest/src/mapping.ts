/**
 * CSV rows → Bulk Import elements. Columns name element fields (`customer_id`, `action`, `time`, ...)
 * or attributes (`attr.<name>` or any other column). Cell text is typed from the spec's own schemas:
 * a field the spec types as a string stays a string (`mobile`, `push_id`), elsewhere numbers and
 * booleans are detected, and `name:type` in the header forces a type. README.md documents the mapping.
 */
import {
  CreateEventRequest,
  DeviceAttributes,
  EventAction,
  TrackUserRequest,
  UserAttributes,
} from '@moedata/spec';
import { ELEMENT_TYPES, type ElementType, UsageError } from './args.ts';
import type { CsvRow } from './readers/csv.ts';

/** Type hints a column name may carry after a colon: `zip:string`, `tags:json`. */
const HINTS = ['string', 'number', 'boolean', 'json'] as const;
type Hint = (typeof HINTS)[number];

/** What a schema accepts, as far as typing a cell goes; `any` = whatever the cell looks like. */
type Kind = 'string' | 'number' | 'boolean' | 'json' | 'any';

/** The slice of a zod 4 schema's public `def` that says which JSON types it accepts. */
interface SchemaDef {
  def: {
    type: string;
    innerType?: unknown;
    options?: unknown[];
    in?: unknown;
    values?: unknown[];
  };
}

/** Which JSON types a zod schema accepts (unwrapping optional, union, enum, literal and pipe). */
export function acceptedKinds(schema: unknown, into = new Set<Kind>()): Set<Kind> {
  const { def } = schema as SchemaDef;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return acceptedKinds(def.innerType, into);
    case 'pipe':
      return acceptedKinds(def.in, into);
    case 'union':
      for (const option of def.options ?? []) acceptedKinds(option, into);
      return into;
    case 'string':
    case 'enum':
      return into.add('string');
    case 'number':
    case 'int':
      return into.add('number');
    case 'boolean':
      return into.add('boolean');
    case 'literal':
      for (const value of def.values ?? []) into.add(typeof value === 'string' ? 'string' : 'any');
      return into;
    case 'array':
    case 'object':
    case 'record':
      return into.add('json');
    default:
      return into.add('any');
  }
}

function kindsByKey(shape: Record<string, unknown>): ReadonlyMap<string, Set<Kind>> {
  return new Map(Object.entries(shape).map(([key, schema]) => [key, acceptedKinds(schema)]));
}

const USER_ATTRIBUTE_KINDS = kindsByKey(UserAttributes.shape);
const DEVICE_ATTRIBUTE_KINDS = kindsByKey(DeviceAttributes.shape);
const ACTION_KINDS = kindsByKey(EventAction.shape);
const ANY: ReadonlySet<Kind> = new Set(['any']);
const STRING: ReadonlySet<Kind> = new Set(['string']);

const NUMBER_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A cell as the value it looks like: `true`/`false` → boolean, `42`/`-1.5` → number, else the text. */
export function detectValue(cell: string): string | number | boolean {
  const lower = cell.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  // Leading zeros (zip codes, phone numbers) do not match, and integers past 2^53 would lose digits.
  if (NUMBER_PATTERN.test(cell)) {
    const number = Number(cell);
    if (Number.isFinite(number) && (!Number.isInteger(number) || Number.isSafeInteger(number))) return number;
  }
  return cell;
}

type Converted = { ok: true; value: unknown } | { ok: false; problem: string };

function convertHinted(cell: string, hint: Hint): Converted {
  switch (hint) {
    case 'string':
      return { ok: true, value: cell };
    case 'number': {
      const number = Number(cell);
      return cell.trim() !== '' && Number.isFinite(number)
        ? { ok: true, value: number }
        : { ok: false, problem: `${JSON.stringify(cell)} is not a number` };
    }
    case 'boolean': {
      const lower = cell.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { ok: true, value: lower === 'true' }
        : { ok: false, problem: `${JSON.stringify(cell)} is not true or false` };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(cell) };
      } catch {
        return { ok: false, problem: `${JSON.stringify(cell)} is not valid JSON` };
      }
  }
}

/** Types one cell for a field that accepts `kinds` (or as the header's hint says). */
export function convertCell(cell: string, kinds: ReadonlySet<Kind>, hint: Hint | undefined): Converted {
  if (hint) return convertHinted(cell, hint);
  if (kinds.has('json') && kinds.size === 1) return convertHinted(cell, 'json');
  const detected = detectValue(cell);
  if (kinds.has('any') || kinds.has(typeof detected as Kind)) return { ok: true, value: detected };
  if (kinds.has('string')) return { ok: true, value: cell };
  // The schema check after mapping reports the mismatch with the field's name.
  return { ok: true, value: detected };
}

/** Where a column's value goes in the element. */
type Destination = 'element' | 'action' | 'attributes' | 'identifiers';

interface Column {
  header: string;
  key: string;
  hint: Hint | undefined;
  explicitAttribute: boolean;
  identifier: boolean;
}

function parseColumn(header: string): Column {
  let name = header;
  let hint: Hint | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > 0 && (HINTS as readonly string[]).includes(name.slice(colon + 1))) {
    hint = name.slice(colon + 1) as Hint;
    name = name.slice(0, colon);
  }
  if (name.startsWith('attr.')) {
    return { header, key: name.slice(5), hint, explicitAttribute: true, identifier: false };
  }
  if (name.startsWith('identifier.')) {
    return { header, key: name.slice(11), hint, explicitAttribute: false, identifier: true };
  }
  return { header, key: name, hint, explicitAttribute: false, identifier: false };
}

/** Element-level fields by type; every other column is an attribute (or an action field for events). */
const ELEMENT_FIELDS: Record<ElementType, ReadonlyMap<string, ReadonlySet<Kind>>> = {
  customer: new Map([
    ['customer_id', STRING],
    ['update_existing_only', acceptedKinds(TrackUserRequest.shape.update_existing_only)],
  ]),
  event: new Map([
    ['customer_id', STRING],
    ['device_id', acceptedKinds(CreateEventRequest.shape.device_id)],
  ]),
  device: new Map([
    ['customer_id', STRING],
    ['device_id', STRING],
  ]),
};

/** Event columns that name fields of the action; `time` is short for `current_time`. */
const ACTION_ALIASES: ReadonlyMap<string, string> = new Map([['time', 'current_time']]);

function destinationOf(
  type: ElementType,
  column: Column,
): { to: Destination; key: string; kinds: ReadonlySet<Kind> } {
  if (column.identifier) {
    // Identity Resolution: events name the user in user_identifiers, customers in their attributes.
    return type === 'event'
      ? { to: 'identifiers', key: column.key, kinds: STRING }
      : { to: 'attributes', key: column.key, kinds: USER_ATTRIBUTE_KINDS.get(column.key) ?? ANY };
  }
  if (!column.explicitAttribute) {
    const elementKinds = ELEMENT_FIELDS[type].get(column.key);
    if (elementKinds) return { to: 'element', key: column.key, kinds: elementKinds };
    if (type === 'event') {
      const key = ACTION_ALIASES.get(column.key) ?? column.key;
      const actionKinds = key === 'attributes' ? undefined : ACTION_KINDS.get(key);
      if (actionKinds) return { to: 'action', key, kinds: actionKinds };
    }
  }
  const attributeKinds =
    type === 'customer' ? USER_ATTRIBUTE_KINDS : type === 'device' ? DEVICE_ATTRIBUTE_KINDS : undefined;
  return { to: 'attributes', key: column.key, kinds: attributeKinds?.get(column.key) ?? ANY };
}

/** The result of mapping one row: an element to validate, or what is wrong with the row. */
export type MappedRow = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Creates the mapper for one CSV file. `type` (from `--type`) applies to every row; without it each
 * row's `type` column says what it is.
 * @throws UsageError on the first row when there is neither `--type` nor a `type` column.
 */
export function createCsvMapper(type: ElementType | undefined): (row: CsvRow) => MappedRow {
  const columns = new Map<string, Column>();
  const columnOf = (header: string) => {
    let column = columns.get(header);
    if (!column) {
      column = parseColumn(header);
      columns.set(header, column);
    }
    return column;
  };

  return (row) => {
    const rowType = row.get('type')?.trim();
    if (!type && rowType === undefined) {
      throw new UsageError(
        'The CSV has no "type" column: pass --type customer, --type event or --type device, or add a type column.',
      );
    }
    const elementType = (type ?? rowType) as ElementType;
    if (!(ELEMENT_TYPES as readonly string[]).includes(elementType)) {
      return { ok: false, problem: `type must be customer, event or device; got ${JSON.stringify(rowType)}` };
    }
    if (type && rowType && rowType !== type) {
      return { ok: false, problem: `the row's type is ${JSON.stringify(rowType)} but --type is ${type}` };
    }

    const element: Record<string, unknown> = { type: elementType };
    const action: Record<string, unknown> = {};
    const attributes: Record<string, unknown> = {};
    const identifiers: Record<string, unknown> = {};
    const targets: Record<Destination, Record<string, unknown>> = {
      element,
      action,
      attributes,
      identifiers,
    };
    for (const [header, cell] of row) {
      if (header === 'type' || cell === '') continue;
      const column = columnOf(header);
      const { to, key, kinds } = destinationOf(elementType, column);
      const converted = convertCell(cell, kinds, column.hint);
      if (!converted.ok)
        return { ok: false, problem: `column ${JSON.stringify(header)}: ${converted.problem}` };
      // Assign as data: a column named __proto__ must not change the object's prototype.
      Object.defineProperty(targets[to], key, {
        value: converted.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }

    const hasAttributes = Object.keys(attributes).length > 0;
    if (elementType === 'event') {
      if (hasAttributes) action.attributes = attributes;
      if (Object.keys(identifiers).length > 0) element.user_identifiers = identifiers;
      element.actions = [action];
    } else if (hasAttributes || elementType === 'device') {
      element.attributes = attributes;
    }
    return { ok: true, value: element };
  };
}
