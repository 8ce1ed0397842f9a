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
  /**
   * The ingestor guide's recipes: the client's exports, a client, and the app's own CSV reader and HTTP
   * framework (shaped like csv-parse and Express), which the recipes only call.
   */
  ingestor: [
    "import { createIngestor, type MoEngageClient, QueueFullError } from '@moedata/client';",
    'declare const moengage: MoEngageClient;',
    'declare function readRows(path: string): AsyncIterable<{ id: string; email: string }>;',
    'interface Response { status(code: number): { end(): void } }',
    'declare const app: {',
    '  post(path: string, handler: (req: { body: { id: string } }, res: Response) => Promise<unknown>): void;',
    '};',
    '',
  ].join('\n'),
} as const;

export type PreambleName = keyof typeof PREAMBLES;
