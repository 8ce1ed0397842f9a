/** A request as the fake fetch saw it, with its body already read. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The JSON body, parsed; the raw text when it is not JSON; undefined when there is none. */
  body: unknown;
  signal: AbortSignal;
}

/** Produces the answer to one request: a Response, or a rejection for network failures. */
export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/** A fetch double that records requests; see {@link createFakeFetch}. */
export interface FakeFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  readonly requests: readonly RecordedRequest[];
}

/**
 * A fetch that answers from `responders` in order; the last one answers every further request.
 * @example createFakeFetch(respond(503, {}), respond(503, {}), respond(200, success()))
 */
export function createFakeFetch(...responders: Responder[]): FakeFetch {
  if (responders.length === 0) throw new Error('createFakeFetch needs at least one responder.');
  const requests: RecordedRequest[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text === '' ? undefined : parseJson(text),
      signal: request.signal,
    };
    const responder = responders[Math.min(requests.length, responders.length - 1)] as Responder;
    requests.push(recorded);
    return responder(recorded);
  };
  return Object.assign(fake, { requests });
}

/** Answers with `status` and a JSON body (a fresh Response each time). */
export function respond(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers },
    });
}

/** Fails like fetch does when the connection cannot be made. */
export function networkError(message = 'fetch failed'): Responder {
  return () =>
    Promise.reject(new TypeError(message, { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }));
}

/** Never answers; rejects with the abort reason once the request's signal aborts. */
export function hang(): Responder {
  return (request) =>
    new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
    });
}

/** The three rate-limit headers, as the Data API sends them. */
export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetSeconds: number,
): Record<string, string> {
  return {
    'x-ratelimit-limit': `${limit}; w=60`,
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(resetSeconds),
  };
}

/** The Data API's generic success body. */
export function successBody(requestId = 'kXwpDESb') {
  return {
    status: 'success',
    message: 'Your request has been accepted and will be processed soon.',
    request_id: requestId,
  };
}

/** The standard failure envelope. */
export function failBody(
  type: string,
  message: string,
  extra: { attribute?: string; requestId?: string } = {},
) {
  return {
    status: 'fail',
    error: {
      type,
      message,
      ...(extra.attribute === undefined ? {} : { attribute: extra.attribute }),
      request_id: extra.requestId ?? 'ZbPXtKFL',
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
