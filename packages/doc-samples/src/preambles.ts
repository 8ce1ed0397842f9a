/**
 * What a README fragment (```ts fragment=NAME) may use without declaring it. Each preamble only
 * declares values (no behaviour), so a fragment is typechecked exactly as written after it, and a reader
 * can tell from the name what the fragment assumes.
 */
export const PREAMBLES = {
  /** A client created as in the client README's quickstart, and a Track User body. */
  client: [
    "import type { MoEngageClient, TrackUserBody } from '@moedata/client';",
    'declare const moengage: MoEngageClient;',
    'declare const user: TrackUserBody;',
    '',
  ].join('\n'),
} as const;

export type PreambleName = keyof typeof PREAMBLES;
