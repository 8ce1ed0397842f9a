/**
 * What the contract expects of an answer, and the checks that compare an answer with it. Every
 * message, type and shape comes from `@moedata/spec` (the error catalogue, the success schemas, the
 * rate-limit header parser); nothing here restates one by hand.
 */
import { operations, RateLimitLimitValue, RateLimitRemainingValue, RateLimitResetValue } from '@moedata/spec';
import { buildErrorBody, type ErrorId, getError } from '@moedata/spec/errors';
import { parseRateLimitHeaders, RATE_LIMIT_HEADER_NAMES } from '@moedata/spec/rate-limit';
import type { OperationId } from '@moedata/spec/routes';
import { RATE_LIMIT_WINDOW_SECONDS } from '@moedata/spec/rules';
import type { Check, WireResponse } from './types.ts';

/** What one step expects. */
export type Expectation =
  /** A catalogue row, with its placeholder values and, where the row has none, the attribute at fault. */
  | {
      readonly kind: 'error';
      readonly errorId: ErrorId;
      readonly params?: Readonly<Record<string, string>>;
      readonly attribute?: string;
    }
  /** 200 with the operation's success schema. */
  | { readonly kind: 'success'; readonly operationId: OperationId }
  /** The contract says nothing: the answer is shown, not judged. */
  | { readonly kind: 'unknown'; readonly reason: string };

/** Body fields the service makes up per request: compared for presence, never for equality. */
export const PER_REQUEST_FIELDS: ReadonlySet<string> = new Set(['request_id', 'code']);
const PLACEHOLDER_ID = '<request id>';

/** The expectation in one line, for the report. */
export function describeExpectation(expectation: Expectation): string {
  switch (expectation.kind) {
    case 'error': {
      const row = getError(expectation.errorId);
      return `${row.status} ${row.id} (${row.envelope} envelope): ${JSON.stringify(expectedErrorBody(expectation))}`;
    }
    case 'success':
      return `200 ${operations[expectation.operationId].successResponse.meta()?.id ?? 'success'} (${expectation.operationId})`;
    case 'unknown':
      return `not in the contract: ${expectation.reason}`;
  }
}

function expectedErrorBody(expectation: Extract<Expectation, { kind: 'error' }>): unknown {
  return buildErrorBody(getError(expectation.errorId), {
    requestId: PLACEHOLDER_ID,
    ...(expectation.params === undefined ? {} : { params: expectation.params }),
    ...(expectation.attribute === undefined ? {} : { attribute: expectation.attribute }),
  });
}

/** `a.b.c` → value for every leaf of a JSON value (arrays by index). */
export function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (current: unknown, path: string) => {
    if (current !== null && typeof current === 'object' && Object.keys(current).length > 0) {
      for (const [key, child] of Object.entries(current)) walk(child, path === '' ? key : `${path}.${key}`);
    } else out.set(path, current);
  };
  walk(value, prefix);
  return out;
}

/** A check that passes when `got` equals `expected` (compared as JSON). */
export function equalityCheck(name: string, expected: unknown, got: unknown, note?: string): Check {
  const verdict = JSON.stringify(expected) === JSON.stringify(got) ? 'match' : 'differs';
  return note === undefined ? { name, expected, got, verdict } : { name, expected, got, verdict, note };
}

/** Compares an answer with what the contract expects. */
export function checkAgainstContract(expectation: Expectation, response: WireResponse): Check[] {
  switch (expectation.kind) {
    case 'unknown':
      return [
        {
          name: 'answer',
          expected: undefined,
          got: { status: response.status, body: response.body },
          verdict: 'could not tell',
          note: expectation.reason,
        },
      ];
    case 'success': {
      const schema = operations[expectation.operationId].successResponse;
      const parsed = schema.safeParse(response.body);
      return [
        equalityCheck('HTTP status', 200, response.status),
        {
          name: 'body shape',
          expected: schema.meta()?.id ?? 'success schema',
          got: parsed.success ? 'valid' : parsed.error.issues.map((issue) => issue.message).join('; '),
          verdict: parsed.success ? 'match' : 'differs',
        },
      ];
    }
    case 'error': {
      const row = getError(expectation.errorId);
      const expected = leaves(expectedErrorBody(expectation));
      const got = leaves(response.body);
      const checks: Check[] = [equalityCheck('HTTP status', row.status, response.status)];
      for (const [path, value] of expected) {
        const field = path.split('.').at(-1) ?? path;
        if (PER_REQUEST_FIELDS.has(field)) {
          const present = typeof got.get(path) === 'string' && got.get(path) !== '';
          checks.push({
            name: path,
            expected: 'a non-empty string',
            got: got.get(path),
            verdict: present ? 'match' : 'differs',
          });
        } else checks.push(equalityCheck(path, value, got.get(path)));
      }
      for (const [path, value] of got)
        if (!expected.has(path))
          checks.push(equalityCheck(path, undefined, value, 'not in the documented body'));
      return checks;
    }
  }
}

/** The three rate-limit headers: present, in the documented format, with the documented window. */
export function rateLimitChecks(response: WireResponse): Check[] {
  const header = (name: string) => response.headers[name];
  const limit = header(RATE_LIMIT_HEADER_NAMES.limit);
  const remaining = header(RATE_LIMIT_HEADER_NAMES.remaining);
  const reset = header(RATE_LIMIT_HEADER_NAMES.reset);
  const parsed = parseRateLimitHeaders(response.headers);
  const valid = (ok: boolean) => (ok ? 'match' : 'differs');
  return [
    {
      name: RATE_LIMIT_HEADER_NAMES.limit,
      expected: RateLimitLimitValue.meta()?.description ?? '<N>; w=60',
      got: limit,
      verdict: valid(RateLimitLimitValue.safeParse(limit).success),
    },
    {
      name: RATE_LIMIT_HEADER_NAMES.remaining,
      expected: 'a non-negative integer',
      got: remaining,
      verdict: valid(remaining !== undefined && RateLimitRemainingValue.safeParse(Number(remaining)).success),
    },
    {
      name: RATE_LIMIT_HEADER_NAMES.reset,
      expected: 'seconds until the window resets',
      got: reset,
      verdict: valid(reset !== undefined && RateLimitResetValue.safeParse(Number(reset)).success),
    },
    equalityCheck('rate-limit window (w=)', RATE_LIMIT_WINDOW_SECONDS, parsed?.windowSeconds),
  ];
}
