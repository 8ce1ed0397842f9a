/**
 * Checks one response of the mock against the document: the status is documented for the operation,
 * the body matches the response schema for that status, every documented header (the rate-limit
 * headers) is present and valid, and a failure body is a catalogue row the document lists for that
 * operation and status.
 */
import type { ErrorRow } from '@moedata/spec/errors';
import { parseRateLimitHeaders } from '@moedata/spec/rate-limit';
import {
  documentOperation,
  operationForPath,
  type ResponseSpec,
  routeLevelResponses,
  schemaForComponent,
} from './document.ts';
import { attributeErrorRow } from './error-attribution.ts';

/** A response as observed (on the wire, or from the engine before an adapter serialised it). */
export interface ObservedResponse {
  method: string;
  /** Full URL or path with query. */
  url: string;
  status: number;
  /** Header names in any case. */
  headers: Readonly<Record<string, string>>;
  /** The body text (JSON expected). */
  bodyText: string;
  /** When the caller knows it (a client call), the operation the request was for. */
  operationId?: string | undefined;
}

/** The verdict on one response. */
export interface ValidationResult {
  /** The operation the path belongs to; undefined for a path no operation has. */
  operationId: string | undefined;
  /** The catalogue row of a failure body, when it is one. */
  row: ErrorRow | undefined;
  /** The parsed body (undefined when it was not JSON). */
  body: unknown;
  /** Human-readable problems; empty when the response honours the document. */
  problems: string[];
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;.*)?$/i;

function pathOf(url: string): string {
  return new URL(url, 'http://contract.test').pathname;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Header values are strings; a numeric schema (`RateLimitRemainingValue`) is checked on the number. */
function headerValue(raw: string): unknown {
  return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
}

function checkHeaders(spec: ResponseSpec, headers: Record<string, string>, problems: string[]): void {
  for (const header of spec.headers) {
    const raw = headers[header.name];
    if (raw === undefined) {
      if (header.required) problems.push(`missing the documented header ${header.name}`);
      continue;
    }
    const schema = schemaForComponent(header.schemaName);
    const asString = schema.safeParse(raw);
    if (!asString.success && !schema.safeParse(headerValue(raw)).success) {
      problems.push(`header ${header.name}: ${JSON.stringify(raw)} does not match ${header.schemaName}`);
    }
  }
  if (spec.headers.some((header) => header.name.startsWith('x-ratelimit-'))) {
    const info = parseRateLimitHeaders(headers);
    if (!info) problems.push('the rate-limit headers cannot be read by parseRateLimitHeaders');
    else if (info.resetSeconds > info.windowSeconds) {
      problems.push(
        `x-ratelimit-reset ${info.resetSeconds} is longer than the ${info.windowSeconds}-second window`,
      );
    } else if (info.remaining > info.limit) {
      problems.push(`x-ratelimit-remaining ${info.remaining} is above x-ratelimit-limit ${info.limit}`);
    }
  }
}

function checkBody(specs: readonly ResponseSpec[], body: unknown, problems: string[]): void {
  const names = [...new Set(specs.flatMap((spec) => spec.schemaNames))];
  if (names.length === 0) return;
  if (names.some((name) => schemaForComponent(name).safeParse(body).success)) return;
  problems.push(`the body matches none of ${names.join(' | ')}: ${JSON.stringify(body).slice(0, 300)}`);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Validates one response against the document; see the module comment for what is checked. */
export function validateResponse(response: ObservedResponse): ValidationResult {
  const problems: string[] = [];
  const headers = lowerCaseKeys(response.headers);
  const path = pathOf(response.url);
  const operation = response.operationId ? documentOperation(response.operationId) : operationForPath(path);
  const operationId = operation?.operationId;
  const where = `${response.method} ${path} → ${response.status}`;

  const routeLevel = response.status === 404 || response.status === 405;
  const operationSpec = operation?.responses.get(response.status);
  const specs =
    routeLevel && !operationSpec
      ? routeLevelResponses(response.status)
      : operationSpec
        ? [operationSpec]
        : [];
  if (specs.length === 0) {
    problems.push(
      operation
        ? `${response.status} is not a documented answer of ${operation.operationId}`
        : `answered ${response.status} on a path no operation of the document has`,
    );
  }

  const parsed = parseJson(response.bodyText);
  if (!parsed.ok) problems.push(`the body is not JSON: ${response.bodyText.slice(0, 200)}`);
  const contentType = headers['content-type'];
  if (specs.some((spec) => spec.schemaNames.length > 0) && !JSON_CONTENT_TYPE.test(contentType ?? '')) {
    problems.push(`content-type is ${contentType ?? 'missing'}, not application/json`);
  }
  const body = parsed.ok ? parsed.value : undefined;
  if (parsed.ok) checkBody(specs, body, problems);
  // Headers are the same on every response of a status: the first spec describes them.
  if (specs[0]) checkHeaders(specs[0], headers, problems);

  let row: ErrorRow | undefined;
  if (response.status >= 400 && parsed.ok && specs.length > 0) {
    const allowedRowIds = specs.flatMap((spec) => spec.exampleRowIds);
    row = attributeErrorRow({
      operationId: routeLevel ? undefined : operationId,
      status: response.status,
      body,
      allowedRowIds,
    });
    if (!row) {
      problems.push(
        `no error-catalogue row documented for ${operationId ?? 'this route'} ${response.status} ` +
          `(${allowedRowIds.join(', ')}) matches ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
  }
  return {
    operationId,
    row,
    body,
    problems: problems.map((problem) => `${where}: ${problem}`),
  };
}
