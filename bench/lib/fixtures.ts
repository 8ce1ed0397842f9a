/**
 * Deterministic request bodies: a typical ~300-byte Track User body and ~120 KB Bulk Import bodies of
 * customers and events (the mix an import job sends). Identifiers are zero-padded so every body of one
 * kind has the same size.
 */

/** The workspace every benchmark target is configured with. */
export const WORKSPACE_ID = 'BENCHWS01';
export const API_KEY = 'bench-secret-key';
/** `Authorization` header value for {@link WORKSPACE_ID}. */
export const AUTHORIZATION = `Basic ${Buffer.from(`${WORKSPACE_ID}:${API_KEY}`).toString('base64')}`;

/** The headers our client sends on a core operation. */
export const REQUEST_HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  authorization: AUTHORIZATION,
  'moe-appkey': WORKSPACE_ID,
};

/** A past timestamp, so the emulator never drops events as future-dated. */
const EVENT_TIME = 1_717_000_000;

function customerId(index: number): string {
  return `user-${String(index).padStart(8, '0')}`;
}

/** A Track User body of about 300 bytes for user `index`. */
export function trackUserBody(index: number) {
  return {
    type: 'customer' as const,
    customer_id: customerId(index),
    attributes: {
      name: 'Jane Doe',
      first_name: 'Jane',
      email: `jane.doe.${String(index).padStart(8, '0')}@example.com`,
      mobile: '+14155550101',
      gender: 'female',
      plan: 'premium',
      city: 'Berlin',
      country: 'DE',
      signup_source: 'web',
      lifetime_value: 1234.5,
      newsletter: true,
    },
  };
}

/** A customer element of a Bulk Import body. */
export function customerElement(index: number) {
  return trackUserBody(index);
}

/** An event element with one action, of about 190 bytes. */
export function eventElement(index: number, action: number) {
  return {
    type: 'event' as const,
    customer_id: customerId(index),
    actions: [
      {
        action: action % 2 === 0 ? 'Added to Cart' : 'Purchased',
        attributes: { product: 'Running shoes', price: 59.9, currency: 'EUR', quantity: 1 },
        platform: 'web',
        current_time: EVENT_TIME + action,
      },
    ],
  };
}

/** Elements in the import mix: per user one customer element and two events. */
export function importElements(firstUser: number, users: number) {
  const elements: Array<ReturnType<typeof customerElement> | ReturnType<typeof eventElement>> = [];
  for (let u = firstUser; u < firstUser + users; u++) {
    elements.push(customerElement(u), eventElement(u, 0), eventElement(u, 1));
  }
  return elements;
}

/** A Bulk Import body filled with the import mix up to at most `maxBytes` (UTF-8). */
export function bulkImportBody(firstUser: number, maxBytes = 120 * 1024) {
  const body = { type: 'transition' as const, elements: [] as ReturnType<typeof importElements> };
  let size = Buffer.byteLength(JSON.stringify(body));
  let user = firstUser;
  for (;;) {
    const next = importElements(user, 1);
    const added = next.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)) + 1, 0);
    if (size + added > maxBytes) break;
    body.elements.push(...next);
    size += added;
    user++;
  }
  return body;
}

/** The fixed success body of the core operations (decisions.md). */
export const SUCCESS_BODY = {
  status: 'success',
  message: 'Your request has been accepted and will be processed soon.',
  request_id: 'AbCdEfGh',
};
