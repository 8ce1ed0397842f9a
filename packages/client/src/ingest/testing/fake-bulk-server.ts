/**
 * A fake Bulk Import endpoint for ingestor tests: fixed rate-limit windows counted in users and
 * events (a request over the budget gets a 429 and consumes nothing, as decisions.md says), the
 * `x-ratelimit-*` info on every answer, a payload limit, latency on the fake clock, and scripted
 * failures. It throws the client's real error classes.
 */
import type { RateLimitInfo } from '@moedata/spec/rate-limit';
import {
  AbortedError,
  BadRequestError,
  ConnectionError,
  type MoEngageError,
  PayloadTooLargeError,
  RateLimitedError,
  ResponseValidationError,
  ServerError,
} from '../../errors.ts';
import type { BulkElement, BulkImportClient } from '../types.ts';
import type { FakeIngestClock } from './fake-ingest-clock.ts';

/** Which budget the rate-limit info of a successful answer describes. */
export type HeadlineUnit = 'smallestShare' | 'users' | 'events';

/** Settings of the fake endpoint. */
export interface FakeBulkServerOptions {
  clock: FakeIngestClock;
  usersPerWindow?: number;
  eventsPerWindow?: number;
  windowMs?: number;
  /** Windows are `[windowStart + k * windowMs, ...)`: a phase the ingestor does not know. @default 0 */
  windowStart?: number;
  /** @default 131072 */
  payloadLimitBytes?: number;
  /** Round trip; the request is counted halfway. @default 20 */
  latencyMs?: number;
  /** Whether device elements count as users. @default false */
  countDevices?: boolean;
  /** @default 'smallestShare' (what the emulator does) */
  headline?: HeadlineUnit;
  /** How `x-ratelimit-reset` rounds the seconds left. @default 'ceil' */
  resetRounding?: 'ceil' | 'floor';
}

/** One request the fake received. */
export interface RecordedRequest {
  /** When it was counted (fake clock). */
  at: number;
  /** UTF-8 bytes of `JSON.stringify(body)`: what the real client sends. */
  bytes: number;
  elements: BulkElement[];
  status: number;
  users: number;
  events: number;
  /** Index of the rate-limit window it fell in. */
  window: number;
}

/** A scripted failure: return an error to throw it instead of answering normally. */
export type Fault = (request: { bytes: number; elements: BulkElement[] }) => Error | undefined;

/** The fake and what it saw. */
export interface FakeBulkServer {
  client: BulkImportClient;
  requests: RecordedRequest[];
  /** Users and events accepted per window index. */
  usage: Map<number, { users: number; events: number }>;
  /** Makes the next requests fail, one fault per request, in order. */
  failNext(...faults: Fault[]): void;
  /** Spends budget as another producer of the same workspace would. */
  consumeElsewhere(users: number, events: number): void;
  /** Changes the limits from now on, as MoEngage lowering a workspace's quota mid-run would. */
  setLimits(next: { users?: number; events?: number }): void;
}

const details = { operationId: 'bulkImport' as const };

/** A 5xx answer as the client reports it. */
export const serverError =
  (status = 500): Fault =>
  () =>
    new ServerError({ ...details, status, attempts: 1 });
/** A lost connection as the client reports it. */
export const connectionLost: Fault = () =>
  new ConnectionError({ ...details, cause: new Error('socket hang up') });
/** A 200 whose body is not JSON, as the client reports it: MoEngage took the request. */
export const unreadableOk: Fault = () =>
  new ResponseValidationError({ ...details, status: 200, issues: ['the body is not JSON: <html>OK</html>'] });
/** A 400 as the client reports it. */
export const badRequest: Fault = () =>
  new BadRequestError({ ...details, status: 400, type: 'Blacklisted', serverMessage: 'blacklisted' });
/** A 413 as the client reports it, whatever the size. */
export const payloadTooLarge: Fault = () => new PayloadTooLargeError({ ...details, status: 413 });

/** Creates the fake endpoint. */
export function createFakeBulkServer(options: FakeBulkServerOptions): FakeBulkServer {
  const { clock } = options;
  const limits = { users: options.usersPerWindow ?? 10_000, events: options.eventsPerWindow ?? 30_000 };
  const windowMs = options.windowMs ?? 60_000;
  const windowStart = options.windowStart ?? 0;
  const payloadLimit = options.payloadLimitBytes ?? 131_072;
  const halfLatency = (options.latencyMs ?? 20) / 2;
  const round = options.resetRounding === 'floor' ? Math.floor : Math.ceil;
  const requests: RecordedRequest[] = [];
  const usage = new Map<number, { users: number; events: number }>();
  const faults: Fault[] = [];

  const windowOf = (t: number) => Math.floor((t - windowStart) / windowMs);
  const usageOf = (window: number) => {
    let used = usage.get(window);
    if (!used) {
      used = { users: 0, events: 0 };
      usage.set(window, used);
    }
    return used;
  };
  const info = (unit: 'users' | 'events', t: number): RateLimitInfo => {
    const window = windowOf(t);
    const end = windowStart + (window + 1) * windowMs;
    return {
      limit: limits[unit],
      windowSeconds: windowMs / 1000,
      remaining: Math.max(0, limits[unit] - usageOf(window)[unit]),
      resetSeconds: round((end - t) / 1000),
    };
  };
  const headline = (t: number): 'users' | 'events' => {
    if (options.headline === 'users' || options.headline === 'events') return options.headline;
    const used = usageOf(windowOf(t));
    return (limits.users - used.users) / limits.users <= (limits.events - used.events) / limits.events
      ? 'users'
      : 'events';
  };

  const wait = async (ms: number, signal: AbortSignal | undefined) => {
    try {
      await clock.sleep(ms, signal);
    } catch (reason) {
      throw new AbortedError({ ...details, cause: reason });
    }
  };

  const client: BulkImportClient = {
    async bulkImport(body, callOptions) {
      const signal = callOptions?.signal;
      const bytes = Buffer.byteLength(JSON.stringify(body));
      const elements = body.elements as BulkElement[];
      await wait(halfLatency, signal);
      const t = clock.now();
      const window = windowOf(t);
      let users = 0;
      let events = 0;
      for (const element of elements) {
        if (element.type === 'customer' || (element.type === 'device' && options.countDevices)) users++;
        if (element.type === 'event') events += element.actions.length;
      }
      const record = (status: number) =>
        requests.push({ at: t, bytes, elements, status, users, events, window });
      const fault = faults.shift()?.({ bytes, elements });
      let failure: MoEngageError | Error | undefined = fault;
      const used = usageOf(window);
      if (!failure && bytes > payloadLimit) {
        failure = new PayloadTooLargeError({ ...details, status: 413, rateLimit: info(headline(t), t) });
      } else if (!failure && (used.users + users > limits.users || used.events + events > limits.events)) {
        const over = used.users + users > limits.users ? 'users' : 'events';
        failure = new RateLimitedError({ ...details, status: 429, rateLimit: info(over, t) });
      }
      if (failure) {
        record((failure as { status?: number }).status ?? 0);
        await wait(halfLatency, signal);
        throw failure;
      }
      used.users += users;
      used.events += events;
      record(200);
      const rateLimit = info(headline(t), t);
      await wait(halfLatency, signal);
      return { requestId: `req${requests.length}`, rateLimit };
    },
  };

  return {
    client,
    requests,
    usage,
    failNext: (...more) => faults.push(...more),
    consumeElsewhere(users, events) {
      const used = usageOf(windowOf(clock.now()));
      used.users += users;
      used.events += events;
    },
    setLimits(next) {
      limits.users = next.users ?? limits.users;
      limits.events = next.events ?? limits.events;
    },
  };
}
