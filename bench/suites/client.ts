/**
 * Suite 3, client overhead per call: a Track User call through a stub `fetch` that answers at once (no
 * network), so what is timed is the client's own work. Four ways to make the same call: a hand-written
 * `fetch` call (the floor), openapi-fetch (the peer), and our client with request validation off and on.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMoEngage } from '@moedata/client';
import { API_KEY, AUTHORIZATION, SUCCESS_BODY, trackUserBody, WORKSPACE_ID } from '../lib/fixtures.ts';
import { ensurePeers, peerPackageDir } from '../lib/peers.ts';
import type { SuiteResult } from '../lib/report.ts';
import { formatNumber, formatRatio, type LoopBounds, ratio, round, timeInterleaved } from '../lib/stats.ts';
import { pick, type SuiteContext } from '../lib/suite.ts';

const BASE_URL = 'https://api-01.moengage.com';
const SUCCESS_TEXT = JSON.stringify(SUCCESS_BODY);
const RESPONSE_HEADERS = {
  'content-type': 'application/json',
  'x-ratelimit-limit': '10000; w=60',
  'x-ratelimit-remaining': '9999',
  'x-ratelimit-reset': '42',
};

/** Answers every call with the success body, like the emulator would, without touching the network. */
const stubFetch: typeof fetch = async () =>
  new Response(SUCCESS_TEXT, { status: 200, headers: RESPONSE_HEADERS });

/** The floor: what an app would write by hand with `fetch`. */
async function rawTrackUser(body: ReturnType<typeof trackUserBody>): Promise<unknown> {
  const response = await stubFetch(`${BASE_URL}/v1/customer/${WORKSPACE_ID}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: AUTHORIZATION, 'moe-appkey': WORKSPACE_ID },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Track User failed with ${response.status}`);
  return response.json();
}

/** The slice of openapi-fetch we call (it is loaded from bench/.peers at run time, untyped there). */
interface OpenapiFetchClient {
  POST(
    path: string,
    init: { params: { path: Record<string, string> }; body: unknown },
  ): Promise<{ data?: unknown; error?: unknown }>;
}
type CreateOpenapiFetch = (options: {
  baseUrl: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
}) => OpenapiFetchClient;

async function loadOpenapiFetch(): Promise<CreateOpenapiFetch> {
  const entry = pathToFileURL(join(peerPackageDir('openapi-fetch'), 'dist', 'index.mjs')).href;
  return ((await import(entry)) as { default: CreateOpenapiFetch }).default;
}

interface Variant {
  key: string;
  label: string;
  call: (index: number) => Promise<unknown>;
}

/** Runs the client-overhead suite. */
export async function runClientSuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const notes: string[] = [];
  const bodies = Array.from({ length: 256 }, (_, i) => trackUserBody(i));
  const bodyAt = (i: number) => bodies[i % bodies.length] as ReturnType<typeof trackUserBody>;

  const ours = createMoEngage({
    workspaceId: WORKSPACE_ID,
    apiKey: API_KEY,
    dataCenter: '01',
    fetch: stubFetch,
    validateRequests: false,
  });
  const oursValidated = createMoEngage({
    workspaceId: WORKSPACE_ID,
    apiKey: API_KEY,
    dataCenter: '01',
    fetch: stubFetch,
    validateRequests: true,
  });
  const variants: Variant[] = [
    { key: 'raw', label: 'hand-written fetch call (floor)', call: (i) => rawTrackUser(bodyAt(i)) },
    { key: 'ours', label: 'our client, validation off', call: (i) => ours.trackUser(bodyAt(i)) },
    {
      key: 'oursValidated',
      label: 'our client, validation on (default)',
      call: (i) => oursValidated.trackUser(bodyAt(i)),
    },
  ];
  const peers = await ensurePeers();
  try {
    if (!peers.ok) throw new Error(peers.note);
    const createClient = await loadOpenapiFetch();
    const peer = createClient({
      baseUrl: BASE_URL,
      fetch: stubFetch,
      headers: { authorization: AUTHORIZATION, 'moe-appkey': WORKSPACE_ID },
    });
    variants.splice(1, 0, {
      key: 'openapiFetch',
      label: 'openapi-fetch (peer)',
      call: (i) =>
        peer.POST('/v1/customer/{app_id}', { params: { path: { app_id: WORKSPACE_ID } }, body: bodyAt(i) }),
    });
  } catch (error) {
    notes.push(`openapi-fetch not measured: ${error instanceof Error ? error.message : String(error)}`);
  }

  const bounds: LoopBounds = pick(
    context,
    { warmupIterations: 3000, minIterations: 5000, maxIterations: 300_000, maxMilliseconds: 2500 },
    { warmupIterations: 500, minIterations: 1000, maxIterations: 20_000, maxMilliseconds: 400 },
  );
  context.log(`timing ${variants.map((v) => v.label).join(', ')} in interleaved rounds`);
  const best = await timeInterleaved(Object.fromEntries(variants.map((v) => [v.key, v.call])), bounds, 500);

  const raw = best.raw?.nsPerOp ?? null;
  const rows = variants.map((v) => {
    const ns = best[v.key]?.nsPerOp ?? null;
    return [
      v.label,
      formatNumber(ns === null ? null : ns / 1000, 2),
      formatNumber(ns === null || raw === null ? null : (ns - raw) / 1000, 2),
      formatRatio(ratio(ns, raw)),
    ];
  });
  notes.push(
    'The stub fetch builds a fresh `Response` per call (with the three x-ratelimit headers), the same for every variant; its cost is part of the floor.',
    "The variants run in interleaved rounds of 500 calls (A, B, C, D, A, ...) so each samples the same moments of the machine; the table shows each one's median round.",
  );
  const oursNs = best.ours?.nsPerOp ?? null;
  return {
    name: 'client',
    title: '3. Client overhead per call',
    status: best.openapiFetch ? 'ok' : 'partial',
    tables: [
      {
        title: 'Track User through a stub fetch (µs per call; lower is better)',
        columns: ['Caller', 'µs / call', 'µs over the floor', '× floor'],
        rows,
      },
    ],
    notes,
    summary: {
      clientOverheadRatioToRawFetch: round(ratio(oursNs, raw)),
      clientValidatedOverheadRatioToRawFetch: round(ratio(best.oursValidated?.nsPerOp, raw)),
      clientOverheadRatioToOpenapiFetch: round(ratio(oursNs, best.openapiFetch?.nsPerOp)),
    },
    details: {
      nsPerCall: Object.fromEntries(Object.entries(best).map(([k, v]) => [k, Math.round(v.nsPerOp)])),
      iterations: Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v.iterations])),
    },
    durationMs: performance.now() - started,
  };
}
