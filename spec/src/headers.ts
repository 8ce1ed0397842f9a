/**
 * Request and response header values as zod schemas. The document references them from parameter and
 * header components; the mock validates with the same schemas.
 */
import { z } from 'zod';
import { FILE_IMPORT_COOLDOWN_SECONDS } from './rules.ts';

/** `MOE-APPKEY`: the workspace id again; required by Trigger File Imports, optional elsewhere. */
export const MoeAppKeyHeader = z
  .string()
  .min(1)
  .meta({
    id: 'MoeAppKey',
    description:
      'The workspace ID. Required on Trigger File Imports (missing: 401 "MOE-APPKEY is missing in Header"); optional on ' +
      'the other operations, but when present it must equal the Basic-auth username (401 "MOE_APPKEY doesn\'t match the ' +
      'Username (APP_KEY) used in Basic Auth authorization."). Our client always sends it.',
    example: 'WORKSPACE1234567890ABCDEF',
  });

/** `X-Forwarded-For`: originating client IPs. */
export const ForwardedForHeader = z.string().min(1).meta({
  id: 'ForwardedFor',
  description:
    'IP address of the originating client; a comma-separated list when proxies are involved. Optional.',
  example: '203.0.113.7, 198.51.100.2',
});

/**
 * `Content-Type` of a request body: `application/json`, a charset parameter allowed.
 * Documented on each request body rather than as a header parameter (OpenAPI ignores Content-Type parameters).
 */
export const ContentTypeHeader = z
  .string()
  .regex(/^\s*application\/json\s*(;.*)?$/i)
  .meta({
    description:
      'Must be `application/json` (a `charset` parameter is allowed). Missing: 400 "Missing header value"; any other type: 415.',
    example: 'application/json',
  });

/** `x-ratelimit-limit` value: budget per window and the window length. */
export const RateLimitLimitValue = z
  .string()
  .regex(/^\d+; ?w=\d+$/)
  .meta({
    id: 'RateLimitLimitValue',
    description:
      'Budget (users, events, devices or requests, depending on the operation) per window, then `w=` and the window ' +
      'length in seconds: `<N>; w=60`.',
    example: '31500; w=60',
  });

/** `x-ratelimit-remaining` value. */
export const RateLimitRemainingValue = z.number().int().min(0).meta({
  id: 'RateLimitRemainingValue',
  description: 'Budget left in the current window.',
  example: 31499,
});

/** `x-ratelimit-reset` value: seconds left, not an epoch. */
export const RateLimitResetValue = z
  .number()
  .int()
  .min(0)
  .max(FILE_IMPORT_COOLDOWN_SECONDS)
  .meta({
    id: 'RateLimitResetValue',
    description:
      'Seconds until the current window ends and the budget resets: 0..60 (0..300 on Trigger File Imports, whose window ' +
      'is the 5-minute cooldown of a schedule_id). The overview describes a countdown; ' +
      "MoEngage's rate-limit page calls it an epoch timestamp, so clients should treat values above 60 as epoch seconds.",
    example: 29,
  });
