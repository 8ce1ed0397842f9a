/**
 * Valid requests per operation, generated from the spec's zod schemas (the request body and the path
 * parameters the document names), plus the few documented rules a JSON schema cannot express: each
 * fix-up below cites the catalogue row it keeps a valid request from hitting.
 */
import type { MoEngageClient } from '@moedata/client';
import type { Engine } from '@moedata/mock';
import fc from 'fast-check';
import { WS1 } from '../contract-mock.ts';
import { documentOperation, requestSchemaOf, schemaForComponent } from '../document.ts';
import { arbitraryFor, type ZodLike } from '../zod-arbitrary.ts';

/** One generated valid request. */
export interface ValidRequest {
  operationId: string;
  /** The JSON body, for operations that take one. */
  body?: Record<string, unknown>;
  /** Path parameters other than `app_id` (e.g. `schedule_id`). */
  params: Record<string, string>;
}

type Body = Record<string, unknown>;

/** Rules of the API that the schemas leave open, applied to a generated body. */
const fixUps: Record<string, (body: Body) => Body> = {
  // customerIdMissing: customer_id is optional in the schema only for Identity Resolution workspaces.
  trackUser: (body) => withoutArrayConflicts(withCustomerId(body)),
  createEvent: (body) => withCustomerId(body),
};

function withCustomerId(body: Body): Body {
  return body.customer_id === undefined ? { ...body, customer_id: 'fuzz-user' } : body;
}

/** arrayFieldConflict: the same attribute may not be added to and removed from in one call. */
function withoutArrayConflicts(body: Body): Body {
  const attributes = body.attributes as Body | undefined;
  const add = attributes?.addValueToArrayField as Body | undefined;
  const remove = attributes?.removeValueFromArrayField as Body | undefined;
  if (!attributes || !add || !remove) return body;
  const kept = Object.fromEntries(Object.entries(remove).filter(([key]) => !Object.hasOwn(add, key)));
  return { ...body, attributes: { ...attributes, removeValueFromArrayField: kept } };
}

/**
 * Whether a path parameter can be sent at all: the client refuses blank ids and strings a URL cannot
 * carry (lone surrogates) with a RequestValidationError before sending. `.` and `..` are excluded
 * too: they are valid ScheduleIds but reach another URL (test/bugs/schedule-id-dot-segments.test.ts).
 */
function isAddressable(value: string): boolean {
  if (value.trim() === '' || value === '.' || value === '..') return false;
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** Path parameters the document declares, except `app_id` (the workspace under test). */
function pathParameterArbitrary(operationId: string): fc.Arbitrary<Record<string, string>> {
  const parameters = documentOperation(operationId).parameters.filter(
    (parameter) => parameter.in === 'path' && parameter.name !== 'app_id',
  );
  const model = Object.fromEntries(
    parameters.map((parameter) => [
      parameter.name,
      (
        arbitraryFor(schemaForComponent(parameter.schemaName) as unknown as ZodLike) as fc.Arbitrary<string>
      ).filter(isAddressable),
    ]),
  );
  return fc.record(model) as fc.Arbitrary<Record<string, string>>;
}

/** Generated valid requests of an operation. */
export function validRequestArbitrary(operationId: string): fc.Arbitrary<ValidRequest> {
  const schema = requestSchemaOf(operationId) as unknown as ZodLike | undefined;
  const params = pathParameterArbitrary(operationId);
  if (!schema) return params.map((values) => ({ operationId, params: values }));
  const fixUp = fixUps[operationId] ?? ((body: Body) => body);
  return fc
    .tuple(arbitraryFor(schema) as fc.Arbitrary<Body>, params)
    .map(([body, values]) => ({ operationId, body: fixUp(body), params: values }));
}

/**
 * Puts the engine in the state a valid request needs. deleteUserNotFound: Delete User is only valid
 * for a user that exists, so the user it names is created first.
 */
export function prepareState(engine: Engine, request: ValidRequest): void {
  if (request.operationId !== 'deleteUser' || !request.body) return;
  const { identity_type: type, identity_value: value } = request.body as Record<string, string>;
  const byMoengageId = type !== 'customer_id';
  engine.seed({
    users: [
      {
        workspaceId: WS1,
        customerId: byMoengageId ? 'fuzz-user' : (value as string),
        ...(byMoengageId && { moengageId: value }),
        attributes: { first_name: 'Fuzz' },
      },
    ],
  });
}

/** Calls the client method of the request's operation. */
export function callClient(client: MoEngageClient, request: ValidRequest): Promise<unknown> {
  const method = (client as unknown as Record<string, (argument: unknown) => Promise<unknown>>)[
    request.operationId
  ];
  if (typeof method !== 'function') {
    throw new Error(`The client has no method ${request.operationId}: add it to @moedata/client.`);
  }
  if (request.body !== undefined) return method(request.body);
  // Path parameters become the method's camelCase options: schedule_id → scheduleId.
  const argument = Object.fromEntries(
    Object.entries(request.params).map(([name, value]) => [
      name.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()),
      value,
    ]),
  );
  return method(argument);
}
