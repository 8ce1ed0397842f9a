/**
 * Markdown texts of the document: the API overview and each operation's rules. They carry the
 * decisions of decisions.md so readers of the published reference see them. No dependencies.
 */
import type { OperationId } from './operation-ids.ts';
import {
  DATA_CENTERS,
  DEFAULT_RATE_LIMITS,
  FILE_IMPORT_COOLDOWN_SECONDS,
  GET_USER_MAX_IDENTIFIERS,
  MERGE_MAX_PAIRS,
  PAYLOAD_LIMIT_BYTES,
  SERVER_ERROR_RETRY,
} from './rules.ts';

const perMinute = (value: number | undefined): string => (value ?? 0).toLocaleString('en-US');

const payloadRule = `Bodies larger than 128 KB (${PAYLOAD_LIMIT_BYTES.toLocaleString('en-US')} bytes) are rejected with 413.`;

const asyncRule =
  'A 200 only means the request was accepted for asynchronous processing, not that the data was ingested.';

/** The document's `info.description`. */
export const apiDescription = `Server-to-server API to send users, devices and events to MoEngage and to look up, merge and delete users.

**Hosts.** The 7 core operations live on \`https://api-{dc}.moengage.com\`, Trigger File Imports on \`https://fileimports-data-api-{dc}.moengage.com\`, where \`dc\` is your data center: ${DATA_CENTERS.join(', ')}. Our client takes a \`dataCenter\` and builds both hosts; a \`baseUrl\` override points everything at one host (the local emulator serves both path sets). A workspace exists in one data center only: sent to another center's host, or to the other API's host, a request is answered as for an unknown workspace there (401 "Invalid APP_ID used in Authentication Header"). The sources do not show that answer; it is what an unknown workspace gets, which is what the workspace is on that host. The emulator does the same for a workspace configured with a \`dataCenter\`; unbound workspaces, and any local or custom base URL, answer everywhere.

**Authentication.** \`Authorization: Basic base64(<workspace id>:<Data API key>)\` on every operation. \`MOE-APPKEY\` (the workspace id) is required on Trigger File Imports and optional elsewhere; when present it must equal the Basic-auth username.

**Request bodies** are JSON objects with \`Content-Type: application/json\` (a charset parameter is allowed). A missing Content-Type is a 400 "Missing header value"; any other type a 415. ${payloadRule} Bulk Import has the same 128 KB limit (the overview wins over MoEngage's older 100 KB).

**Responses.** Success: \`{"status":"success","message":"Your request has been accepted and will be processed soon.","request_id":"kXwpDESb"}\` (Get User, Merge Users and Trigger File Imports have their own shapes). Failure: \`{"status":"fail","error":{"type","message","attribute?","request_id"}}\`; Trigger File Imports uses its documented \`title\`/\`error_type\`/plain shapes. ${asyncRule}

**Order of checks** (the first failure wins): method and route (404/405) → authentication (401) → key set (409) → app_id present (400 ParamsRequired) → app_id known (400 InvalidParams) → app_id equals the Basic-auth username (409) → MOE-APPKEY (401) → account state (400 Blacklisted / 403) → Content-Type (400 / 415) → size (413, enforced while reading) → empty body (400) → JSON parse (400 Malformed JSON; a JSON string, number or array at the top level: 400 "Body type is not JSON") → schema (400 with \`error.attribute\` naming the field; wrong types use "{{key}} is expected to be {{datatype}}") → rate limit (429) → the operation.

**Rate limits** are per workspace, in fixed 60-second windows, counted in users, events or devices rather than requests. Every response of every operation (success and failure, 429 included) carries \`x-ratelimit-limit: <N>; w=60\`, \`x-ratelimit-remaining: <int>\` and \`x-ratelimit-reset: <seconds left in the window, 0..60>\` (the overview's reading, not an epoch). A request that needs more than the budget left is rejected whole with 429 and consumes nothing.

**Server errors** (500, 502, 503, 504) should be retried every ${SERVER_ERROR_RETRY.intervalMs / 1000} seconds, at most ${SERVER_ERROR_RETRY.maxAttempts} times (the overview's advice; our client does this by default, configurable). The emulator can be told to fail with 500, 502, 503 or 504 and the documented body (fault injection by rate, by count or for specific requests).

**Data rules.** Datetimes are \`YYYY-MM-DDTHH:mm:ssZ\` (fractional seconds allowed) or \`YYYY-MM-DD\`; a datetime MoEngage cannot read is stored as a string and never causes a 4xx. The \`moe_\` prefix is reserved: user attributes, event names and event attributes using it are accepted (200) but dropped. Blocklisted customer_id values (\`unknown\`, \`guest\`, \`null\`, ...) are accepted (200) and dropped; an empty customer_id is a 400. \`type\` values are lower-case and exact; platform values match case-insensitively.

**Identity Resolution** (per workspace, off by default): up to 5 identifier attributes (e.g. \`moe_mobile\`, \`u_em\`); Track User, Create Event and Bulk Import may then omit \`customer_id\` and identify users by them. Merge Users is disabled in such workspaces.

**Sources.** MoEngage's Data API overview wins over every other source; where it is silent the researched reference applies, and the project's decisions settle the rest. Every number above is a default the emulator lets a workspace override.`;

function rateLimitSentence(operationId: OperationId): string {
  const { limits } = DEFAULT_RATE_LIMITS[operationId];
  switch (operationId) {
    case 'trackUser':
      return `Rate limit: ${perMinute(limits.users)} users per minute per workspace.`;
    case 'getUser':
      return `Rate limit: ${perMinute(limits.users)} users per minute per workspace; at most ${GET_USER_MAX_IDENTIFIERS} identifiers per request (more: 400 LimitBreached).`;
    case 'mergeUsers':
      return `Rate limit: ${perMinute(limits.users)} user updates per minute per workspace; at most ${MERGE_MAX_PAIRS} pairs per request (more: 400 LimitBreached).`;
    case 'deleteUser':
      return `Rate limit: ${perMinute(limits.requests)} requests per minute per workspace; exactly one user per request.`;
    case 'trackDevice':
      return `Rate limit: ${perMinute(limits.devices)} devices per minute per workspace.`;
    case 'createEvent':
      return `Rate limit: ${perMinute(limits.events)} events per minute per workspace; every action counts.`;
    case 'bulkImport':
      return `Rate limit: ${perMinute(limits.users)} users and ${perMinute(limits.events)} events per minute per workspace, across all requests (the overview's numbers; MoEngage's newer docs say 60,000 + 60,000, so the emulator makes it configurable). The rate-limit headers describe whichever budget has less left.`;
    case 'triggerFileImport':
      return `Rate limit: once every ${FILE_IMPORT_COOLDOWN_SECONDS / 60} minutes per schedule_id; a second call inside that window is a 400 ALREADY_EXISTS, not a 429.`;
  }
}

const operationTexts: Record<OperationId, string> = {
  trackUser: `Creates a user, or updates the attributes of an existing one, identified by \`customer_id\`. With \`update_existing_only: true\` unknown users are not created. Standard attributes (\`name first_name last_name email mobile gender birthday\`) are stored under their internal keys (\`u_n u_fn u_ln u_em u_mb u_gd u_bd\`); the overview's table decides what may be written: derived keys (\`t_rev\`, \`moe_ip_*\`, \`u_s_c\`, ...) are ignored, create-only keys (\`publisher_name\`, \`campaign_name\`, \`u_l_a\`, \`cr_t\`) are set at creation and ignored afterwards. Attribute names that are reserved SDK keywords (\`USER_ATTRIBUTE_UNIQUE_ID\`, ..., \`status\`, \`user_id\`, \`source\`; reference §1.7) are accepted and dropped (\`reservedName\`); values follow the data-type rules described on attribute values. \`addValueToArrayField\`/\`removeValueFromArrayField\` edit array attributes (adding and removing the same one: 400 ArrayFieldError); \`unset_attributes\` clears attributes. In Identity Resolution workspaces \`customer_id\` may be omitted when \`attributes\` carries an identifier. \`app_id\` goes in the path; it may also be sent as a query parameter, and if both differ the answer is 409. Portfolio workspaces add \`project_code\`.`,
  getUser: `Returns up to ${GET_USER_MAX_IDENTIFIERS} users identified by \`customer_id\` or MoEngage ID (\`id\` or \`moengage_id\`), with the attributes listed in \`user_fields_to_export\` (all exportable ones when omitted). Attributes come back under their public names, as MoEngage's own example shows (asked for \`["last_name","customer_id","name"]\` it answers \`last_name\`, \`customer_id\`, \`name\` and \`id\`, nothing else): standard attributes as \`name first_name last_name email mobile gender birthday\` although MoEngage stores them as \`u_n u_fn u_ln u_em u_mb u_gd u_bd\`, custom attributes as written, plus \`customer_id\` and \`id\` (the MoEngage ID, 24 hexadecimal characters). A field asked for by its internal key (\`u_ln\`, \`uid\`) is answered under the key asked. Unknown identifiers are listed in \`users_not_found\`. The identifiers must sit inside \`data\`. Must be enabled for the workspace by MoEngage. \`app_id\` goes in the query.`,
  mergeUsers: `Merges each \`merged_user\` into its \`retained_user\`: the last 30 days of events, the devices and the attributes move to the retained user; on a conflict the retained user's attribute wins; the merged user keeps only its MoEngage ID (no customer_id, which becomes free, and no attributes) and is deleted after 30 days of inactivity. "Last 30 days" is read from each event's \`current_time\` (else \`user_time\` minus its offset, else when it was received): MoEngage does not say which clock it uses. Not modelled by the emulator, for want of documented detail: the \`MOE_USER_MERGE_EVENT\`/\`MOE_USER_MERGED\` system events, the 30-minute delay before merged data shows, and the deletion of the merged user's shell. A pair naming an unknown user is skipped and the request still answers 200. Merges are not transitive. Disabled in Identity Resolution workspaces (400). \`app_id\` goes in the query.`,
  deleteUser: `Deletes one user, identified by \`customer_id\` or MoEngage ID. Unlike the write APIs, existence is checked synchronously: an unknown user is a 400 "Not Found" ("User doesn't exists with customer id <id>"). MoEngage keeps the user for 24 hours before the hard delete (the emulator deletes immediately); re-sending the same customer_id later creates a new user with a new MoEngage ID. Deletion cannot be undone. \`app_id\` goes in the query. MoEngage documents 429 and 500 answers of this endpoint in the title envelope; both envelopes are listed.`,
  trackDevice: `Creates or updates a device of an existing user. A device for a user that does not exist is accepted (200) and dropped ("devices can only be created for existing users"). \`platform\` (ANDROID, iOS, web or TV, any case) and \`push_id\` are required; any other platform is a 400 ValueError. Missing fields are answered in this endpoint's own wording (\`'customer_id' is not found in the payload\`, \`'push_id' is not found in payload\`). Accepted but dropped during processing, as MoEngage's FAQ says: custom device attributes (anything but the documented keys), \`moe_gaid\` on an iOS device and \`idfv\` on an Android one. A new device whose \`push_id\`, \`moe_gaid\` or \`idfv\` another device already holds replaces (deletes) that device. At most 1,000 devices per user: MoEngage blocks a user given a 1,001st; the emulator drops that device and records why (the block itself is not modelled). \`app_id\` goes in the path; it may also be sent as a query parameter, and if both differ the answer is 409.`,
  createEvent: `Records one or more events (\`actions\`) of a user. Times are ISO 8601 or epoch seconds, as numbers or numeric strings; 13-digit values are epoch milliseconds; a time that cannot be read is stored as a string, never a 4xx. Future-dated events are accepted (200) and dropped. Events are immutable. In Identity Resolution workspaces \`customer_id\` may be omitted when \`user_identifiers\` identifies the user. \`app_id\` goes in the path (also accepted in the query; if both differ: 409). Portfolio workspaces add \`project_code\`.`,
  bulkImport: `Sends users (\`customer\`), devices (\`device\`) and events (\`event\`) in one request; each element follows the rules of its single-record API. Top-level problems (wrong \`type\`, missing or empty \`elements\`, a body that is not a JSON object) are 400s; a problem inside one element is accepted with 200 and recorded per element (the emulator's \`strictBulk\` option turns these into 400s). The body limit is 128 KB, as for every operation. \`app_id\` goes in the path (also accepted in the query; if both differ: 409). Portfolio workspaces add \`project_code\`.`,
  triggerFileImport: `Starts a run of a periodic file import now, without changing its schedule. The import must not be expired and must be Scheduled, Successful, Partially Successful or Failed; an unknown, deleted or expired schedule_id is a 400 NOT_FOUND. Served by the file-imports host. Requires the \`MOE-APPKEY\` header. No request body.`,
};

/** The operation's `description`: what it does, its rules, rate limit, size limit and async semantics. */
export function operationDescription(operationId: OperationId): string {
  const parts = [operationTexts[operationId], rateLimitSentence(operationId)];
  if (operationId !== 'triggerFileImport') parts.push(payloadRule);
  if (operationId !== 'getUser') parts.push(asyncRule);
  return parts.join('\n\n');
}
