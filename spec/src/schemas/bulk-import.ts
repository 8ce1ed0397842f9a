/** Bulk Import (`POST /v1/transition/{app_id}`): users, devices and events in one request. */
import { z } from 'zod';
import { CreateEventRequest } from './create-event.ts';
import { TrackDeviceRequest } from './track-device.ts';
import { TrackUserRequest } from './track-user.ts';

// Each element is exactly the body of the single-record API (one shape, defined once), under its own name.

/** A `customer` element: a Track User body. */
export const BulkCustomerElement = TrackUserRequest.meta({
  id: 'BulkCustomerElement',
  description: 'A user to create or update: the Track User body, with the same rules.',
  examples: [{ type: 'customer', customer_id: 'john@example.com', attributes: { name: 'John' } }],
});

/** An `event` element: a Create Event body. */
export const BulkEventElement = CreateEventRequest.meta({
  id: 'BulkEventElement',
  description: 'Events of a user: the Create Event body, with the same rules.',
  examples: [{ type: 'event', customer_id: 'john@example.com', actions: [{ action: 'Purchase' }] }],
});

/** A `device` element: a Track Device body. */
export const BulkDeviceElement = TrackDeviceRequest.meta({
  id: 'BulkDeviceElement',
  description: 'A device of an existing user: the Track Device body, with the same rules.',
  examples: [
    {
      type: 'device',
      customer_id: 'john@example.com',
      device_id: 'device-1',
      attributes: { platform: 'ANDROID', push_id: 'fcm-token-1' },
    },
  ],
});

/** One element of a Bulk Import, told apart by `type`. */
export const BulkElement = z.discriminatedUnion('type', [
  BulkCustomerElement,
  BulkEventElement,
  BulkDeviceElement,
]);

/** Official examples of Bulk Import bodies (data-api-reference §8), by name. */
export const bulkImportExamples = {
  mixed: {
    summary: 'A user, their device and two events in one request',
    value: {
      type: 'transition',
      elements: [
        {
          type: 'customer',
          customer_id: 'john@example.com',
          attributes: { name: 'John', platforms: [{ platform: 'ANDROID', active: 'true' }] },
        },
        {
          type: 'device',
          customer_id: 'john@example.com',
          device_id: '96bd03b6-defc-4203-83d3-dc1c73080232',
          attributes: {
            brand: 'Apple',
            platform: 'iOS',
            push_id: 'irBMohQPf_k2QrwP8iRzK3A/0CdLEzAoVGdF65HhH_I',
          },
        },
        {
          type: 'event',
          customer_id: 'john@example.com',
          device_id: '96bd03b6-defc-4203-83d3-dc1c73080232',
          actions: [
            {
              action: 'Added to Cart',
              attributes: { product: 'Mobile', color: 'white', Brand: 'Apple' },
              platform: 'iOS',
              app_version: '1.2.3',
              current_time: '2020-05-31T16:33:35Z',
              user_timezone_offset: 19800,
            },
            {
              action: 'Purchase',
              attributes: { product: 'MacBook Air', Brand: 'Apple' },
              platform: 'iOS',
              app_version: '1.2.3',
              current_time: 1590404615,
              user_timezone_offset: 19800,
            },
          ],
        },
      ],
    },
  },
  identityResolution: {
    summary: 'Identity Resolution workspace: users and events identified without customer_id',
    value: {
      type: 'transition',
      elements: [
        { type: 'customer', attributes: { moe_mobile: '+919876500000', first_name: 'John' } },
        {
          type: 'event',
          user_identifiers: { moe_mobile: '+919876500000' },
          actions: [{ action: 'AddToCart', attributes: { product: 'MacBook Air', Brand: 'Apple' } }],
        },
      ],
    },
  },
};

/** Bulk Import request body. */
export const BulkImportRequest = z
  .object({
    type: z
      .literal('transition')
      .meta({ description: 'Exactly `transition` (lower-case); any other value is a 400.' }),
    elements: z
      .array(BulkElement)
      .min(1)
      .meta({
        description:
          'Users (`customer`), devices (`device`) and events (`event`), processed in order. Empty: 400 ' +
          '"\'elements cannot be empty array". A problem inside one element does not fail the request: it is accepted ' +
          '(200) and the element is dropped and recorded (a strict mode of the emulator turns these into 400s).',
      }),
  })
  .meta({
    id: 'BulkImportRequest',
    description: 'Many users, devices and events in one request.',
    examples: Object.values(bulkImportExamples).map((example) => example.value),
  });

/** Bulk Import request body. */
export type BulkImportRequest = z.infer<typeof BulkImportRequest>;
/** One element of a Bulk Import. */
export type BulkElement = z.infer<typeof BulkElement>;
/** A `customer` element. */
export type BulkCustomerElement = z.infer<typeof BulkCustomerElement>;
/** An `event` element. */
export type BulkEventElement = z.infer<typeof BulkEventElement>;
/** A `device` element. */
export type BulkDeviceElement = z.infer<typeof BulkDeviceElement>;
