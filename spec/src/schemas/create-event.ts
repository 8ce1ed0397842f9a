/** Create Event (`POST /v1/event/{app_id}`): record one or more events of a user. */
import { z } from 'zod';
import { AttributeValue, CustomerId, EventTime } from '../primitives.ts';
import { USER_TIMEZONE_OFFSET_RANGE } from '../rules.ts';

/** Identity Resolution identifiers of the user an event belongs to. */
export const UserIdentifiers = z.record(z.string(), z.string()).meta({
  id: 'UserIdentifiers',
  description:
    'Identity Resolution workspaces only, when customer_id is omitted: identifier attribute → value (up to 5 ' +
    'identifiers, e.g. `moe_mobile`, `u_em`), matched exactly.',
  example: { moe_mobile: '+919876500000' },
});

/** One event. */
export const EventAction = z
  .object({
    action: z.string().min(1).meta({
      description:
        'Event name (missing: 400 "action is not found in the payload"; empty: 400). Names starting with `moe_` are accepted (200) but dropped.',
    }),
    attributes: z
      .object({})
      .catchall(AttributeValue)
      .meta({
        description:
          'Event attributes (at most 100 are ingested); keys starting with `moe_` are accepted but dropped.',
      })
      .optional(),
    platform: z
      .string()
      .meta({
        description:
          'Where the event happened: `ANDROID`, `iOS`, `web`, `TV` or `unknown` (any case). Omit it or send `unknown` when unsure.',
      })
      .optional(),
    moe_os_type: z
      .enum(['ROKU', 'WebOS', 'AndroidTV', 'tvOS', 'Tizen', 'FireOS', 'VizioTV', 'Xbox'])
      .meta({ description: 'TV operating system; only with platform `TV`.' })
      .optional(),
    app_version: z.string().meta({ description: 'App version the event came from.' }).optional(),
    user_time: EventTime.optional().meta({
      description: 'Local time of the event (ISO 8601 or epoch seconds).',
    }),
    current_time: EventTime.optional().meta({
      description: 'UTC time of the event (ISO 8601 or epoch seconds).',
    }),
    user_timezone_offset: z
      .number()
      .min(USER_TIMEZONE_OFFSET_RANGE.min)
      .max(USER_TIMEZONE_OFFSET_RANGE.max)
      .meta({
        description:
          'Offset of the local time from UTC, in seconds (IST = 19800). With one of the two times it derives the other; ' +
          'absent, MoEngage uses the profile timezone, then the workspace timezone, then UTC.',
      })
      .optional(),
  })
  .meta({
    id: 'EventAction',
    description:
      'One event. Without any time, current_time is the receive time. Future-dated events are accepted (200) and dropped.',
    example: {
      action: 'Added to Cart',
      attributes: { product: 'Mobile', color: 'white', Brand: 'Apple' },
      platform: 'iOS',
      app_version: '1.2.3',
      current_time: '2020-05-31T16:33:35Z',
      user_timezone_offset: 19800,
    },
  });

/** Official examples of Create Event bodies (data-api-reference §7), by name. */
export const createEventExamples = {
  epochSeconds: {
    summary: 'One event with attributes and an epoch-seconds time',
    value: {
      type: 'event',
      customer_id: 'john@example.com',
      actions: [
        {
          action: 'Flight Booked',
          attributes: { price: 3999, departure_date: '2019-05-21T03:47:35Z', premium_seat: true },
          platform: 'iOS',
          app_version: '1.2.3',
          current_time: 1433837969,
          user_timezone_offset: 19800,
        },
      ],
    },
  },
  epochMillisecondStrings: {
    summary: 'Times as 13-digit epoch-millisecond strings',
    value: {
      type: 'event',
      customer_id: '123',
      actions: [
        {
          action: 'ProductAdded',
          attributes: { product: 'Accessories', color: 'Black', Brand: 'Adidas' },
          platform: 'Android',
          app_version: '1.2.3',
          user_time: '1708939453396',
          current_time: '1708939453396',
        },
      ],
    },
  },
  tvPlatform: {
    summary: 'A TV event with its operating system and an array attribute',
    value: {
      type: 'event',
      customer_id: 'John',
      actions: [
        {
          action: 'product_selected',
          attributes: { product: 'Shirt', color: 'Green', arraySupport: ['abc', 'xyz'], Brand: 'Adidas' },
          platform: 'TV',
          moe_os_type: 'Xbox',
          app_version: '1.2.3',
          user_time: '1710740192',
          current_time: '1710740192',
        },
      ],
    },
  },
  identityResolution: {
    summary: 'Identity Resolution workspace: identify the user by user_identifiers',
    value: {
      type: 'event',
      user_identifiers: { moe_mobile: '+919876500000' },
      actions: [
        {
          action: 'product_selected',
          attributes: { product: 'Shirt' },
          platform: 'TV',
          app_version: '1.2.3',
          user_time: '1710740192',
          current_time: '1710740192',
        },
      ],
    },
  },
};

/** Create Event request body. */
export const CreateEventRequest = z
  .object({
    type: z.literal('event').meta({ description: 'Exactly `event` (lower-case); any other value is a 400.' }),
    customer_id: CustomerId.optional().meta({
      description:
        'The user the events belong to. Required, except in Identity Resolution workspaces, where `user_identifiers` ' +
        'may identify the user instead. Anonymous users are not supported.',
    }),
    device_id: z
      .string()
      .min(1)
      .meta({ description: 'Device the events map to; defaults to the customer_id.' })
      .optional(),
    user_identifiers: UserIdentifiers.optional(),
    actions: z.array(EventAction).min(1).meta({
      description:
        'Events to record; each one counts against the 30,000 events/min budget (empty: 400 "actions can not be empty Array").',
    }),
  })
  .meta({
    id: 'CreateEventRequest',
    description: 'Records events (immutable, create-only) for one user.',
    examples: Object.values(createEventExamples).map((example) => example.value),
  });

/** Create Event request body. */
export type CreateEventRequest = z.infer<typeof CreateEventRequest>;
/** One event. */
export type EventAction = z.infer<typeof EventAction>;
