// Type tests of the request types inferred from the zod schemas (`vitest run --typecheck`):
// what a client author can and cannot write for each of the 8 operations.
import type {
  BulkCustomerElement,
  BulkDeviceElement,
  BulkEventElement,
  BulkImportRequest,
  CreateEventRequest,
  DeleteUserRequest,
  EventAction,
  GetUserRequest,
  MergeUsersRequest,
  OperationId,
  operations,
  TrackDeviceRequest,
  TrackUserRequest,
} from '@moedata/spec';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';

/** Compiles only when `value` is a valid `T` written as a literal (excess properties are errors). */
function body<T>(value: NoInfer<T>): T {
  return value;
}

describe('request types of the operation table', () => {
  test('each operation with a body infers the request type of the same name', () => {
    expectTypeOf<z.infer<typeof operations.trackUser.requestBody>>().toEqualTypeOf<TrackUserRequest>();
    expectTypeOf<z.infer<typeof operations.getUser.requestBody>>().toEqualTypeOf<GetUserRequest>();
    expectTypeOf<z.infer<typeof operations.mergeUsers.requestBody>>().toEqualTypeOf<MergeUsersRequest>();
    expectTypeOf<z.infer<typeof operations.deleteUser.requestBody>>().toEqualTypeOf<DeleteUserRequest>();
    expectTypeOf<z.infer<typeof operations.trackDevice.requestBody>>().toEqualTypeOf<TrackDeviceRequest>();
    expectTypeOf<z.infer<typeof operations.createEvent.requestBody>>().toEqualTypeOf<CreateEventRequest>();
    expectTypeOf<z.infer<typeof operations.bulkImport.requestBody>>().toEqualTypeOf<BulkImportRequest>();
  });

  test('triggerFileImport takes no body', () => {
    type TriggerFileImport = typeof operations.triggerFileImport;
    expectTypeOf<
      'requestBody' extends keyof TriggerFileImport ? 'has a body' : 'no body'
    >().toEqualTypeOf<'no body'>();
  });

  test('the table is keyed by exactly the 8 operationIds', () => {
    expectTypeOf<keyof typeof operations>().toEqualTypeOf<OperationId>();
  });
});

describe('trackUser', () => {
  test('accepts standard and custom attributes, platforms and unset rules', () => {
    expectTypeOf<TrackUserRequest['type']>().toEqualTypeOf<'customer'>();
    expectTypeOf<TrackUserRequest['customer_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(
      body<TrackUserRequest>({
        type: 'customer',
        customer_id: 'john@example.com',
        update_existing_only: true,
        attributes: {
          name: 'John',
          points: 20,
          super_user: true,
          platforms: [{ platform: 'ANDROID', active: 'true' }],
        },
        unset_attributes: [{ type: 'prefix', attr: 'temp_' }],
      }),
    ).toEqualTypeOf<TrackUserRequest>();
    // Identity Resolution workspaces identify the user by attributes instead of customer_id.
    body<TrackUserRequest>({ type: 'customer', attributes: { moe_mobile: '+919876500000' } });
  });

  test('rejects what MoEngage answers with 400', () => {
    // @ts-expect-error `type` is the lower-case literal 'customer' ("Customer" is a 400)
    body<TrackUserRequest>({ type: 'Customer', customer_id: 'john' });
    // @ts-expect-error `update_existing_only` is a boolean, not the string "true"
    body<TrackUserRequest>({ type: 'customer', customer_id: 'john', update_existing_only: 'true' });
    body<TrackUserRequest>({
      type: 'customer',
      customer_id: 'john',
      // @ts-expect-error an unset rule matches with equals | prefix | suffix | contains only
      unset_attributes: [{ type: 'regex', attr: 'a' }],
    });
    // @ts-expect-error the standard `name` attribute is a string
    body<TrackUserRequest>({ type: 'customer', customer_id: 'john', attributes: { name: 42 } });
  });
});

describe('getUser', () => {
  test('looks users up by identifiers inside `data`', () => {
    expectTypeOf<GetUserRequest['data']['identifiers'][number]['identifier_type']>().toEqualTypeOf<
      'customer_id' | 'id' | 'moengage_id'
    >();
    body<GetUserRequest>({
      data: {
        identifiers: [{ identifier_type: 'customer_id', identifier: 'john_doe' }],
        user_fields_to_export: ['name', 'customer_id'],
      },
    });
  });

  test('rejects identifiers outside `data` and unknown identifier types', () => {
    // @ts-expect-error identifiers sit inside `data`, not at the root (MoEngage's rendered cURL gets this wrong)
    body<GetUserRequest>({ identifiers: [{ identifier_type: 'customer_id', identifier: 'john_doe' }] });
    // @ts-expect-error `email` is not an identifier type of Get User
    body<GetUserRequest>({ data: { identifiers: [{ identifier_type: 'email', identifier: 'a@b.c' }] } });
  });
});

describe('mergeUsers', () => {
  test('merges pairs of customer ids', () => {
    expectTypeOf<MergeUsersRequest['merge_data'][number]>().toEqualTypeOf<{
      merged_user: string;
      retained_user: string;
    }>();
  });

  test('rejects a pair without its retained user or with a numeric id', () => {
    // @ts-expect-error every pair names the user that survives (retained_user)
    body<MergeUsersRequest>({ merge_data: [{ merged_user: 'guest-1' }] });
    // @ts-expect-error ids are strings ("merged_user is expected to be String or Unicode String.")
    body<MergeUsersRequest>({ merge_data: [{ merged_user: 1001, retained_user: 'john' }] });
  });
});

describe('deleteUser', () => {
  test('deletes one user by customer_id or MoEngage id', () => {
    expectTypeOf<DeleteUserRequest>().toEqualTypeOf<{
      identity_type: 'customer_id' | 'moengage_id' | 'id';
      identity_value: string;
    }>();
  });

  test('rejects a batch of users', () => {
    // @ts-expect-error Delete User takes exactly one user, not a list of identifiers
    body<DeleteUserRequest>({ identifiers: [{ identifier_type: 'customer_id', identifier: 'john' }] });
  });
});

describe('trackDevice', () => {
  test('needs the user, the device id and the platform and push token', () => {
    expectTypeOf<TrackDeviceRequest['type']>().toEqualTypeOf<'device'>();
    expectTypeOf<TrackDeviceRequest['attributes']['platform']>().toEqualTypeOf<string>();
    body<TrackDeviceRequest>({
      type: 'device',
      customer_id: 'john@example.com',
      device_id: '96bd03b6-defc-4203-83d3-dc1c73080232',
      attributes: { platform: 'iOS', push_id: 'token', model: 'iPhone', brand: 'Apple' },
    });
  });

  test('rejects a device without push token or without its user', () => {
    body<TrackDeviceRequest>({
      type: 'device',
      customer_id: 'john',
      device_id: 'd1',
      // @ts-expect-error `attributes.push_id` is required (400 "'push_id' is not found in payload")
      attributes: { platform: 'iOS' },
    });
    // @ts-expect-error devices belong to a user: customer_id is required
    body<TrackDeviceRequest>({
      type: 'device',
      device_id: 'd1',
      attributes: { platform: 'iOS', push_id: 't' },
    });
  });
});

describe('createEvent', () => {
  test('records actions whose times are ISO strings or epoch numbers', () => {
    expectTypeOf<CreateEventRequest['actions']>().toEqualTypeOf<EventAction[]>();
    expectTypeOf<EventAction['user_time']>().toEqualTypeOf<string | number | undefined>();
    body<CreateEventRequest>({
      type: 'event',
      customer_id: 'john@example.com',
      actions: [
        {
          action: 'Flight Booked',
          attributes: { price: 3999 },
          current_time: 1433837969,
          user_timezone_offset: 19800,
        },
        { action: 'ProductAdded', user_time: '1708939453396', platform: 'TV', moe_os_type: 'Xbox' },
      ],
    });
    // Identity Resolution: the user is named by identifiers instead of customer_id.
    body<CreateEventRequest>({
      type: 'event',
      user_identifiers: { moe_mobile: '+91' },
      actions: [{ action: 'a' }],
    });
  });

  test('rejects events without a name or without the actions list', () => {
    // @ts-expect-error every action has a name (`action`)
    body<CreateEventRequest>({ type: 'event', customer_id: 'john', actions: [{ attributes: { price: 1 } }] });
    // @ts-expect-error events go in `actions`, even a single one
    body<CreateEventRequest>({ type: 'event', customer_id: 'john', action: 'Purchase' });
    body<CreateEventRequest>({
      type: 'event',
      customer_id: 'john',
      // @ts-expect-error moe_os_type is one of MoEngage's TV operating systems
      actions: [{ action: 'a', moe_os_type: 'Windows' }],
    });
  });
});

describe('bulkImport', () => {
  test('elements are customers, events and devices, told apart by `type`', () => {
    type Element = BulkImportRequest['elements'][number];
    expectTypeOf<Element>().toEqualTypeOf<BulkCustomerElement | BulkEventElement | BulkDeviceElement>();
    expectTypeOf<Extract<Element, { type: 'event' }>>().toEqualTypeOf<BulkEventElement>();
    expectTypeOf<BulkCustomerElement>().toEqualTypeOf<TrackUserRequest>();
    body<BulkImportRequest>({
      type: 'transition',
      elements: [
        { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
        {
          type: 'device',
          customer_id: 'john',
          device_id: 'd1',
          attributes: { platform: 'iOS', push_id: 't' },
        },
        { type: 'event', customer_id: 'john', actions: [{ action: 'Purchase' }] },
      ],
    });
  });

  test('rejects an element of an unknown type or an event without actions', () => {
    // @ts-expect-error an element is a customer, event or device ("'type in elements should be customer/event/device")
    body<BulkImportRequest>({ type: 'transition', elements: [{ type: 'transition' }] });
    // @ts-expect-error an event element carries its actions
    body<BulkImportRequest>({ type: 'transition', elements: [{ type: 'event', customer_id: 'john' }] });
    // @ts-expect-error the request's own type is 'transition'
    body<BulkImportRequest>({ type: 'bulk', elements: [] });
  });
});
