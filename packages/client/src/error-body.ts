/** The fields every error envelope of the Data API can be reduced to. */
export interface ParsedErrorBody {
  type?: string | undefined;
  message?: string | undefined;
  attribute?: string | undefined;
  requestId?: string | undefined;
}

const MAX_TEXT_LENGTH = 500;

/**
 * Reads any of the four error envelopes the Data API uses (or a non-JSON body):
 * - standard `{ status: 'fail', error: { type, message, attribute?, request_id } }`
 * - title `{ status?, title, description, code? }` (Delete User 429/500, file-import 401/415/500)
 * - errorType `{ status, error_type, message }` (Trigger File Imports 400)
 * - plain `{ status: 'fail', message }` (404/405)
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (typeof body === 'string') {
    const text = body.trim();
    return text
      ? { message: text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text }
      : {};
  }
  if (!isRecord(body)) return {};

  if (isRecord(body.error)) {
    return {
      type: stringOrUndefined(body.error.type),
      message: stringOrUndefined(body.error.message),
      attribute: stringOrUndefined(body.error.attribute),
      requestId: stringOrUndefined(body.error.request_id),
    };
  }
  if (typeof body.title === 'string' || typeof body.description === 'string') {
    return {
      type: stringOrUndefined(body.title),
      message: stringOrUndefined(body.description),
      // The title envelope's `code` is the 8-letter request id (e.g. "GlQhUzvM").
      requestId: stringOrUndefined(body.code) ?? stringOrUndefined(body.request_id),
    };
  }
  if (typeof body.error_type === 'string') {
    return { type: body.error_type, message: stringOrUndefined(body.message) };
  }
  // A bare string `error` is not documented, but proxies and gateways answer that way.
  return {
    type: stringOrUndefined(body.type) ?? stringOrUndefined(body.error),
    message: stringOrUndefined(body.message),
    requestId: stringOrUndefined(body.request_id),
  };
}

/** The `request_id` of a success body, when it has one (getUser and mergeUsers answers do not). */
export function requestIdOf(body: unknown): string | undefined {
  return isRecord(body) ? stringOrUndefined(body.request_id) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
