/**
 * Small wire types shared by several request and response schemas.
 * Each is a named component; formats are expressed with `pattern`/`format`, never with refinements.
 */
import { z } from 'zod';
import { SCHEDULE_ID_PATTERN } from './rules.ts';

/** A regex source that matches any of the words in any letter case (JSON Schema patterns have no `i` flag). */
export function caseInsensitivePattern(words: readonly string[]): RegExp {
  const alternatives = words.map((word) =>
    [...word]
      .map((char) => {
        const lower = char.toLowerCase();
        const upper = char.toUpperCase();
        return lower === upper ? char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : `[${upper}${lower}]`;
      })
      .join(''),
  );
  return new RegExp(`^(${alternatives.join('|')})$`);
}

/** Workspace id (formerly "APP ID"); also the Basic-auth username. */
export const WorkspaceId = z
  .string()
  .min(1)
  .meta({
    id: 'WorkspaceId',
    description:
      'Workspace ID (earlier "APP ID"), from Settings > Account > APIs. It is also the Basic-auth username; ' +
      'when it is sent in both the path and the query they must be equal, and both must equal the Basic-auth username ' +
      '(otherwise 409 "App key mismatch in params and authentication").',
    example: 'WORKSPACE1234567890ABCDEF',
  });

/** The client's unique user id (`USER_ATTRIBUTE_UNIQUE_ID`, "ID" in the dashboard). */
export const CustomerId = z
  .string()
  .min(1)
  .meta({
    id: 'CustomerId',
    description:
      'Your unique id for the user (the SDK\'s USER_ATTRIBUTE_UNIQUE_ID, shown as "ID" in the dashboard). ' +
      'An empty string is a 400 ("customer_id can not be empty Unicode String"). Placeholder values such as ' +
      '`unknown`, `guest`, `null`, `0`, `1`, `true`, `false`, `na`, `n/a`, `none`, `id`, `uid`, `user_id`, `customer_id`, ' +
      "`userid`, `-1`, `-2`, `2` are on MoEngage's blocklist: the request is accepted (200) but the record is dropped.",
    example: 'john@example.com',
  });

/** 8-letter request id echoed in responses, for support tickets. */
export const RequestId = z.string().min(1).meta({
  id: 'RequestId',
  description:
    'Identifier of the request, useful when contacting MoEngage support (8 letters, e.g. `kXwpDESb`).',
  example: 'kXwpDESb',
});

/** Portfolio project code. */
export const ProjectCode = z.string().min(1).meta({
  id: 'ProjectCode',
  description:
    'Portfolio workspaces only: the project the data belongs to. Accepted by Track User, Create Event and Bulk Import.',
  example: 'PROJECT_A',
});

/** Import id of a periodic file import; a path segment, so it must survive URL normalisation. */
export const ScheduleId = z
  .string()
  .min(1)
  .regex(
    new RegExp(SCHEDULE_ID_PATTERN),
    'schedule_id must not contain `/` or `\\` nor be made only of dots (`.`, `..`, `%2e`): ' +
      'URLs drop such segments, so the request would reach another path. Use the Import ID of the schedule',
  )
  .meta({
    id: 'ScheduleId',
    description:
      'Import ID of the periodic import to run: Data > Imports History > Actions > View import, or the set-up e-mail ' +
      '(24 hex digits). It is a path segment, so it may not contain `/` or `\\`, and it may not be made only of dots ' +
      '(`.`, `..`, or the same written `%2e`/`%2E`): URL normalisation removes such dot segments, so the request ' +
      'would reach another path and fail with a 404.',
    example: '6512a3b4c5d6e7f8a9b0c1d2',
  });

/** Platforms of a user profile (`attributes.platforms[].platform`). */
export const UserPlatform = z
  .string()
  .regex(caseInsensitivePattern(['ANDROID', 'iOS', 'web']))
  .meta({
    id: 'UserPlatform',
    description:
      'Platform of a user: `ANDROID`, `iOS` or `web`, matched case-insensitively (`android` is accepted). ' +
      'Any other value is a 400 ValueError.',
    example: 'ANDROID',
  });

/** Platforms of a device (`attributes.platform` in Track Device). */
export const DevicePlatform = z
  .string()
  .regex(caseInsensitivePattern(['ANDROID', 'iOS', 'web', 'TV']))
  .meta({
    id: 'DevicePlatform',
    description:
      'Platform of a device: `ANDROID`, `iOS`, `web` or `TV`, matched case-insensitively. ' +
      'Any other value is a 400 ValueError "\'platform\' is not a valid platform."',
    example: 'iOS',
  });

/** `user_time` / `current_time` of an event. */
export const EventTime = z.union([z.number(), z.string()]).meta({
  id: 'EventTime',
  description:
    'ISO 8601 datetime (`2020-05-31T16:33:35Z`, fractional seconds allowed) or epoch seconds, as a number or a numeric ' +
    'string. 13-digit values are read as epoch milliseconds. A datetime MoEngage cannot read never causes a 4xx: ' +
    'the value is stored as a string. Future-dated events are accepted (200) and dropped.',
  examples: ['2020-05-31T16:33:35Z', 1590404615, '1708939453396'],
});

/** Any JSON value a custom attribute may hold. */
export const AttributeValue = z.unknown().meta({
  description:
    'Any JSON value: string, number, boolean, datetime string (`YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DD`), homogeneous ' +
    'array of strings, numbers or objects, or object (when object attributes are enabled). What breaks the data-type ' +
    'rules is accepted (200) and silently changed, as MoEngage does (reference §1.7; the emulator records each under ' +
    'the rule name of `DATA_RULES` in `@moedata/spec/rules`): strings over 512 characters are truncated to 512 ' +
    '(`valueTruncated`) except URLs, which are dropped (`urlTooLong`); lists keep their first 50 items (`listTooLong`; ' +
    'the sources say "at most 50" without saying what happens to the rest, so the emulator keeps the first 50); ' +
    'mixed lists and lists of booleans (`mixedList`) and `null` (`unsupportedValue`) are dropped; objects over 25 KB or ' +
    '100 sub-attributes (`objectTooLarge`) or with `$ . % #` in a key (`objectKeyCharacters`) are dropped; names over ' +
    '200 characters are stored under their first 200 (`nameTruncated`); an event keeps its first 100 attributes ' +
    '(`eventAttributeLimit`); a workspace registers at most 256 user attribute names (`userAttributeQuota`) and 512 ' +
    'event names (`eventNameQuota`), later new names are dropped (Portfolio workspaces get 1,024 of each; the ' +
    'emulator applies the standard quotas).',
});
