/**
 * Broken requests per operation, each built from a generated valid one: wrong types, missing required
 * fields, extra nesting, huge strings, invalid UTF-8, wrong or missing Content-Type, truncated JSON,
 * broken credentials, wrong methods and routes. Each carries the answer the document promises for it,
 * so a property can check the mock gives exactly that.
 */
import { basicAuthHeader } from '@moedata/mock';
import { PAYLOAD_LIMIT_BYTES } from '@moedata/spec/rules';
import fc from 'fast-check';
import { KEY1, WS1, WS2 } from '../contract-mock.ts';
import { documentOperation, requestPath, requestSchemaOf } from '../document.ts';
import { type Field, fieldsOf, unwrap, type ZodLike } from '../zod-arbitrary.ts';
import { type ValidRequest, validRequestArbitrary } from './valid.ts';

/** What the document says the mock must answer. */
export interface Expectation {
  status: number;
  /** When known, the rows that may answer (else any row the document lists for the status). */
  rowIds?: readonly string[];
}

/** A raw request and the answer it must get. */
export interface MutatedRequest {
  /** Which mutation, for reports and statistics. */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  expect: Expectation;
}

const encoder = new TextEncoder();
const JSON_TYPE = 'application/json';

/** The headers the client sends. */
function baseHeaders(hasBody: boolean): Record<string, string> {
  return {
    authorization: basicAuthHeader(WS1, KEY1),
    'moe-appkey': WS1,
    ...(hasBody && { 'content-type': JSON_TYPE }),
  };
}

function toRaw(request: ValidRequest, kind: string, expect: Expectation): MutatedRequest {
  const hasBody = request.body !== undefined;
  return {
    kind,
    method: documentOperation(request.operationId).method,
    path: requestPath(request.operationId, { app_id: WS1, ...request.params }),
    headers: baseHeaders(hasBody),
    body: hasBody ? encoder.encode(JSON.stringify(request.body)) : null,
    expect,
  };
}

/** JSON values of every kind, to put where the schema wants another. */
const anyJson = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2, noNullPrototype: true }),
);

type Path = (string | number)[];

/** Returned by a `setAt` change to delete the key (or array item) instead. */
const REMOVE = Symbol('remove');

/** A copy of `root` with the value at `path` changed (objects and arrays along the way are copied). */
function setAt(root: unknown, path: Path, change: (value: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  const next = setAt(copy[head], rest, change);
  if (next === REMOVE) {
    if (Array.isArray(copy)) (copy as unknown[]).splice(head as number, 1);
    else delete copy[head];
  } else {
    Object.defineProperty(copy, head, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A field of the body replaced by a value of another kind, removed, or wrapped one level deeper. */
function fieldMutation(body: unknown, fields: Field[]): fc.Arbitrary<{ kind: string; body: unknown }> {
  const options: fc.Arbitrary<{ kind: string; body: unknown }>[] = [
    fc.tuple(fc.constantFrom(...fields), anyJson).map(([field, value]) => ({
      kind: 'wrongType',
      body: setAt(body, field.path, () => value),
    })),
    fc.tuple(fc.constantFrom(...fields), fc.boolean()).map(([field, asArray]) => ({
      kind: 'extraNesting',
      body: setAt(body, field.path, (value) => (asArray ? [value] : { value })),
    })),
  ];
  const required = fields.filter((field) => field.required);
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((field) => ({
        kind: 'missingRequired',
        body: setAt(body, field.path, () => REMOVE),
      })),
    );
  }
  return fc.oneof(...options);
}

/**
 * Bulk Import answers 200 (dropping elements) when only its elements are broken: a mutation that
 * leaves `type` right and `elements` a non-empty array belongs to the broken-element property.
 */
function onlyElementsBroken(operationId: string, body: unknown): boolean {
  if (operationId !== 'bulkImport' || typeof body !== 'object' || body === null) return false;
  const { type, elements } = body as { type?: unknown; elements?: unknown };
  return type === 'transition' && Array.isArray(elements) && elements.length > 0;
}

/**
 * Schema mutations of the request as a whole (a field of the wrong kind, a required key missing, a
 * value wrapped in an array or object, an array instead of the object): the spec's schema rejects
 * each (mutations it would still accept are discarded), so the document promises a 400. Bulk Import
 * elements are excluded: a broken element is answered 200 and dropped (see brokenBulkElementArbitrary).
 */
function schemaMutation(request: ValidRequest): fc.Arbitrary<MutatedRequest> | undefined {
  const schema = requestSchemaOf(request.operationId) as unknown as ZodLike | undefined;
  if (!schema || !request.body) return undefined;
  const raw = toRaw(request, 'valid', { status: 200 });
  const notAnObject = fc.constant({
    ...raw,
    kind: 'bodyNotObject',
    body: encoder.encode(JSON.stringify([request.body])),
    expect: { status: 400, rowIds: ['bodyNotJson'] },
  });
  const fields = fieldsOf(schema, request.body).filter(
    (field) =>
      !(request.operationId === 'bulkImport' && field.path[0] === 'elements' && field.path.length > 1),
  );
  if (fields.length === 0) return notAnObject;
  const broken = fieldMutation(request.body, fields)
    .filter(
      (mutated) =>
        !schema.safeParse(mutated.body).success && !onlyElementsBroken(request.operationId, mutated.body),
    )
    .map((mutated) => ({
      ...raw,
      kind: mutated.kind,
      body: encoder.encode(JSON.stringify(mutated.body)),
      expect: { status: 400 },
    }));
  return fc.oneof({ weight: 5, arbitrary: broken }, { weight: 1, arbitrary: notAnObject });
}

/** A Bulk Import whose element `index` the spec rejects (the rest of the request is valid). */
export interface BrokenBulkElement {
  kind: string;
  body: unknown;
  index: number;
}

/**
 * Bulk Import requests with one element broken. decisions.md: the request is still accepted (200)
 * and that element dropped and recorded, unless the workspace is strictBulk (then a 400).
 */
export function brokenBulkElementArbitrary(): fc.Arbitrary<BrokenBulkElement> {
  const schema = requestSchemaOf('bulkImport') as unknown as ZodLike;
  const elementSchema = unwrap(unwrap(schema)._zod.def.shape?.elements as ZodLike)._zod.def
    .element as ZodLike;
  return validRequestArbitrary('bulkImport')
    .chain((request) => {
      const body = request.body as { elements: unknown[] };
      const fields = fieldsOf(schema, body).filter(
        (field) => field.path[0] === 'elements' && field.path.length >= 2,
      );
      return fieldMutation(body, fields).map((mutated) => {
        const elements = (mutated.body as { elements: unknown[] }).elements;
        const index = elements.findIndex((element) => !elementSchema.safeParse(element).success);
        return index < 0 ? undefined : { kind: mutated.kind, body: mutated.body, index };
      });
    })
    .filter((value): value is BrokenBulkElement => value !== undefined);
}

/** Byte sequences that are never UTF-8: a stray continuation, overlong forms, a cut 4-byte sequence. */
const invalidUtf8 = fc.constantFrom(
  [0x80],
  [0xff],
  [0xc0, 0xaf],
  [0xc3, 0x28],
  [0xe2, 0x28, 0xa1],
  [0xf0, 0x9f, 0x98],
  [0xed, 0xa0, 0x80],
);

/** Content types other than JSON (the charset parameter is allowed, so it is not varied here). */
const otherContentType = fc.oneof(
  fc.constantFrom(
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/jsonp',
    'json',
    'application/json+x',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,15}$/).filter((type) => type !== JSON_TYPE),
);

/** Body sizes just over the limit, up to twice it. */
const overLimitSize = fc.integer({ min: PAYLOAD_LIMIT_BYTES + 1, max: 2 * PAYLOAD_LIMIT_BYTES });

/** Authorization values that are not the workspace's Basic credentials (printable ASCII). */
const brokenAuthorization = fc.oneof(
  fc.stringMatching(/^[ -~]{0,40}$/),
  fc.stringMatching(/^(Basic|Bearer|Digest) [ -~]{0,30}$/),
);

const otherMethod = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE');

/** A path segment no route has below an operation's path. */
const unknownSegment = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

/** Body-level mutations: encoding, framing and size. */
function bodyMutation(request: ValidRequest): fc.Arbitrary<MutatedRequest> | undefined {
  if (!request.body) return undefined;
  const raw = toRaw(request, 'valid', { status: 200 });
  const bytes = raw.body as Uint8Array;
  const text = new TextDecoder().decode(bytes);
  // Positions just after an opening quote of a string: invalid bytes land inside a JSON string.
  const insideStrings = [...text.matchAll(/"/g)].map(
    (match) => encoder.encode(text.slice(0, (match.index ?? 0) + 1)).byteLength,
  );
  const malformed = { status: 400, rowIds: ['malformedJson'] };
  return fc.oneof(
    fc.tuple(fc.constantFrom(...insideStrings), invalidUtf8).map(([at, bad]) => ({
      ...raw,
      kind: 'invalidUtf8',
      body: Uint8Array.from([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]),
      expect: malformed,
    })),
    fc.integer({ min: 1, max: bytes.byteLength - 1 }).map((cut) => ({
      ...raw,
      kind: 'truncatedJson',
      body: bytes.subarray(0, cut),
      expect: malformed,
    })),
    overLimitSize.map((size) => ({
      ...raw,
      kind: 'hugeString',
      body: encoder.encode(JSON.stringify({ ...request.body, customer_id: 'x'.repeat(size) })),
      expect: { status: 413 },
    })),
    fc.constant({
      ...raw,
      kind: 'missingContentType',
      headers: baseHeaders(false),
      expect: { status: 400, rowIds: ['missingContentType'] },
    }),
    otherContentType.map((contentType) => ({
      ...raw,
      kind: 'wrongContentType',
      headers: { ...raw.headers, 'content-type': contentType },
      expect: { status: 415 },
    })),
  );
}

/** Credentials, method and route mutations, on any operation. */
function accessMutation(request: ValidRequest): fc.Arbitrary<MutatedRequest> {
  const raw = toRaw(request, 'valid', { status: 200 });
  const operation = documentOperation(request.operationId);
  const mutations: fc.Arbitrary<MutatedRequest>[] = [
    brokenAuthorization.map((authorization) => ({
      ...raw,
      kind: 'brokenAuthorization',
      headers: { ...raw.headers, authorization },
      expect: { status: 401 },
    })),
    otherMethod.map((method) => ({
      ...raw,
      kind: 'wrongMethod',
      method,
      body: null,
      expect: { status: 405, rowIds: ['methodNotAllowed'] },
    })),
    unknownSegment.map((segment) => {
      const [path, query] = raw.path.split('?');
      return {
        ...raw,
        kind: 'unknownRoute',
        path: `${path}/${segment}${query === undefined ? '' : `?${query}`}`,
        expect: { status: 404, rowIds: ['routeNotFound'] },
      };
    }),
  ];
  const moeAppKey = operation.parameters.find((parameter) => parameter.name.toLowerCase() === 'moe-appkey');
  if (moeAppKey) {
    // Present: it must equal the Basic username; absent: only allowed where it is optional.
    const values = moeAppKey.required ? [null, WS2, 'another-workspace'] : [WS2, 'another-workspace'];
    mutations.push(
      fc.constantFrom(...values).map((key) => {
        const { 'moe-appkey': _dropped, ...headers } = raw.headers;
        return {
          ...raw,
          kind: key === null ? 'moeAppKeyMissing' : 'moeAppKeyMismatch',
          headers: key === null ? headers : { ...headers, 'moe-appkey': key },
          expect: { status: 401 },
        };
      }),
    );
  }
  return fc.oneof(...mutations);
}

/** Generated broken requests of an operation, with the answer each must get. */
export function mutatedRequestArbitrary(operationId: string): fc.Arbitrary<MutatedRequest> {
  return validRequestArbitrary(operationId).chain((request) => {
    const options = [schemaMutation(request), bodyMutation(request), accessMutation(request)].filter(
      (option): option is fc.Arbitrary<MutatedRequest> => option !== undefined,
    );
    return fc.oneof(...options);
  });
}
