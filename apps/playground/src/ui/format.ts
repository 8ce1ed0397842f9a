/** Small formatting helpers shared by the views. */

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `429 Too Many Requests`. */
export function statusLine(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}

/** A colour class for a status: success, client error, rate limited, server error. */
export function statusTone(status: number | undefined): 'success' | 'warning' | 'danger' | 'neutral' {
  if (status === undefined) return 'neutral';
  if (status >= 200 && status < 300) return 'success';
  if (status === 429 || status >= 500) return 'danger';
  return 'warning';
}

/** `12,345`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Pretty JSON for display. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `14:03:27` in the viewer's time zone. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });
}
