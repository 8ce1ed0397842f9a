/** Track User (`POST /v1/customer/{app_id}`): create or update one user and their attributes. */
import { z } from 'zod';
import { AttributeValue, CustomerId, UserPlatform } from '../primitives.ts';

/** One entry of `attributes.platforms`. */
export const PlatformEntry = z
  .object({
    platform: UserPlatform,
    active: z.union([z.enum(['true', 'false']), z.boolean()]).meta({
      description:
        'Whether the user is active on the platform. MoEngage documents the strings `"true"`/`"false"`; booleans are accepted too.',
    }),
  })
  .meta({
    id: 'PlatformEntry',
    description: 'A platform the user is on and whether they are active there.',
    example: { platform: 'ANDROID', active: 'true' },
  });

/** `addValueToArrayField` / `removeValueFromArrayField`: attribute name → values. */
export const ArrayFieldOperation = z.record(z.string(), z.array(z.union([z.string(), z.number()]))).meta({
  id: 'ArrayFieldOperation',
  description:
    'Attribute name → values to append to (addValueToArrayField) or remove from (removeValueFromArrayField) an existing ' +
    'array attribute. The same attribute cannot be added to and removed from in one call (400 ArrayFieldError "Cannot add and remove \'<key>\' at the same time"), ' +
    'cannot also be set directly in the same call, and reserved attributes such as `platforms` cannot be used.',
  example: { favorite_categories: ['shoes', 'bags'] },
});

const text = (description: string) => z.string().meta({ description }).optional();
const flag = (description: string) => z.boolean().meta({ description }).optional();

/** Standard and custom user attributes; unknown keys are custom attributes. */
export const UserAttributes = z
  .object({
    name: text('Full name (standard; stored as `u_n`).'),
    first_name: text('First name (standard; stored as `u_fn`).'),
    last_name: text('Last name (standard; stored as `u_ln`).'),
    email: text('E-mail (standard; stored as `u_em`). Not validated as an address.'),
    mobile: text('Mobile number (standard; stored as `u_mb`), e.g. `918888444411`.'),
    gender: text('Gender (standard; stored as `u_gd`).'),
    birthday: text('Birthday (standard; stored as `u_bd`), ideally ISO 8601 (`2019-05-21T03:47:35Z`).'),
    u_n: text('Internal key of `name`.'),
    u_fn: text('Internal key of `first_name`.'),
    u_ln: text('Internal key of `last_name`.'),
    u_em: text('Internal key of `email`.'),
    u_mb: text('Internal key of `mobile`.'),
    u_gd: text('Internal key of `gender`.'),
    u_bd: text('Internal key of `birthday`.'),
    platforms: z
      .array(PlatformEntry)
      .meta({ description: 'Platforms the user is on. Cannot be used with the array operators.' })
      .optional(),
    addValueToArrayField: ArrayFieldOperation.optional(),
    removeValueFromArrayField: ArrayFieldOperation.optional(),
    moe_unsubscribe: flag('E-mail unsubscribe flag: no e-mails are sent when true.'),
    moe_spam: flag('E-mail spam flag: no e-mails are sent when true.'),
    moe_hard_bounce: flag('E-mail hard-bounce flag: no e-mails are sent when true.'),
    moe_sms_subscription: text('SMS subscription status.'),
    moe_wa_subscription: flag('WhatsApp subscription status.'),
    moe_em_unsub_categories: text('E-mail categories the user unsubscribed from.'),
    moe_sub_w: flag('Web push subscription status.'),
    moe_email_optin_status: z
      .enum(['DOUBLE_OPTED_IN', 'OPTED_OUT', 'OPT_IN_PENDING'])
      .meta({ description: 'E-mail opt-in status.' })
      .optional(),
    push_preference: flag('Push opt-in status (iOS).'),
    publisher_name: text('Acquisition publisher; set when the user is created, ignored afterwards.'),
    campaign_name: text('Acquisition campaign; set when the user is created, ignored afterwards.'),
    moe_gaid: text('Google Advertising ID; set when the user is created, ignored afterwards.'),
    advertising_identifier: text(
      'IDFA / Windows advertising id; set when the user is created, ignored afterwards.',
    ),
    created_time: z
      .union([z.number(), z.string()])
      .meta({
        description: 'First seen (stored as `cr_t`); set when the user is created, ignored afterwards.',
      })
      .optional(),
    last_seen: z
      .union([z.number(), z.string()])
      .meta({
        description: 'Last seen (stored as `u_l_a`); set when the user is created, ignored afterwards.',
      })
      .optional(),
    geo: text('Geolocation as "latitude longitude", e.g. `88.90 89.00`.'),
  })
  .catchall(AttributeValue)
  .meta({
    id: 'UserAttributes',
    description:
      'Standard and custom user attributes. Any other key is a custom attribute (`id`, `_id` and the empty name are ' +
      'blocked). Keys starting with `moe_` other than the documented ones are accepted (200) but dropped. ' +
      'Derived keys (`t_rev`, `t_trans`, `moe_ip_*`, `u_s_c`, ...) are ignored on write; create-only keys ' +
      '(`publisher_name`, `campaign_name`, `u_l_a`, `cr_t`) are set when the user is created and ignored afterwards. ' +
      'In an Identity Resolution workspace the attributes carry the identifiers (e.g. `moe_mobile`, `u_em`) when ' +
      '`customer_id` is omitted.',
    example: { name: 'John', points: 20, expiry_date: '2020-05-31T03:47:35Z', super_user: true },
  });

/** One rule of `unset_attributes`. */
export const UnsetAttributeRule = z
  .object({
    type: z
      .enum(['equals', 'prefix', 'suffix', 'contains'])
      .meta({ description: 'How `attr` is matched against attribute names.' }),
    attr: z
      .string()
      .min(1)
      .meta({ description: 'Attribute name (equals) or pattern (prefix, suffix, contains).' }),
    case_sensitive: z.boolean().meta({ description: 'Match case-sensitively.', default: true }).optional(),
  })
  .meta({
    id: 'UnsetAttributeRule',
    description:
      'Clears existing standard or custom user attributes whose names match. Not for derived attributes, customer_id, ' +
      'event or device attributes; when an attribute is both set and unset in one call, the unset wins.',
    example: { type: 'prefix', attr: 'temp_' },
  });

/** Official examples of Track User bodies (data-api-reference §2), by name. */
export const trackUserExamples = {
  basic: {
    summary: 'Create or update a user with standard attributes',
    value: {
      type: 'customer',
      customer_id: 'john@example.com',
      attributes: {
        name: 'JohnDoe',
        first_name: 'John',
        platforms: [{ platform: 'ANDROID', active: 'true' }],
      },
    },
  },
  updateExistingOnly: {
    summary: 'Update custom attributes of an existing user only',
    value: {
      type: 'customer',
      customer_id: 'john@example.com',
      update_existing_only: true,
      attributes: {
        points: 20,
        expiry_date: '2020-05-31T03:47:35Z',
        super_user: true,
        user_persona: 'browsers',
        platforms: [{ platform: 'ANDROID', active: 'true' }],
      },
    },
  },
  arrayOperators: {
    summary: 'Append values to array attributes',
    value: {
      type: 'customer',
      customer_id: '123',
      attributes: {
        removeValueFromArrayField: {},
        addValueToArrayField: { attribute1: ['abc', 'def'], attribute2: ['a'], attribute3: ['123'] },
        platforms: [{ platform: 'iOS', active: 'true' }],
      },
    },
  },
  unsetAttributes: {
    summary: 'Clear attributes by name or prefix',
    value: {
      type: 'customer',
      customer_id: 'user123',
      unset_attributes: [
        { type: 'equals', attr: 'first_name', case_sensitive: false },
        { type: 'prefix', attr: 'temp_' },
      ],
    },
  },
  identityResolution: {
    summary: 'Identity Resolution workspace: identify the user by an identifier instead of customer_id',
    value: { type: 'customer', attributes: { moe_mobile: '+919876500000', first_name: 'John' } },
  },
};

/** Track User request body. */
export const TrackUserRequest = z
  .object({
    type: z
      .literal('customer')
      .meta({ description: 'Exactly `customer` (lower-case); any other value is a 400.' }),
    customer_id: CustomerId.optional().meta({
      description:
        'Identifies or creates the user. Required, except in Identity Resolution workspaces, where `attributes` must ' +
        'then carry at least one active identifier (missing both: 400 "customer_id is not found in the payload").',
    }),
    update_existing_only: z
      .boolean()
      .meta({
        description:
          'When true, only an existing user is updated; an unknown customer_id creates nobody (still 200).',
        default: false,
      })
      .optional(),
    attributes: UserAttributes.optional(),
    platforms: z
      .array(PlatformEntry)
      .meta({
        description:
          'Body-level platforms, as MoEngage lists them; every official example sends them inside `attributes` instead. Both are accepted.',
      })
      .optional(),
    unset_attributes: z
      .array(UnsetAttributeRule)
      .meta({ description: 'Attributes to clear (early-access feature).' })
      .optional(),
  })
  .meta({
    id: 'TrackUserRequest',
    description:
      'Creates the user when customer_id is unknown (unless update_existing_only), otherwise updates it.',
    examples: Object.values(trackUserExamples).map((example) => example.value),
  });

/** Track User request body. */
export type TrackUserRequest = z.infer<typeof TrackUserRequest>;
/** One entry of `attributes.platforms`. */
export type PlatformEntry = z.infer<typeof PlatformEntry>;
/** Standard and custom user attributes. */
export type UserAttributes = z.infer<typeof UserAttributes>;
/** One rule of `unset_attributes`. */
export type UnsetAttributeRule = z.infer<typeof UnsetAttributeRule>;
