/** Test support: an in-memory {@link IngestIo} whose stdout and stderr are captured as text. */
import { Readable } from 'node:stream';
import type { IngestIo } from '../main.ts';

/** Captured output of one in-process run. */
export interface CapturedIo extends IngestIo {
  out(): string;
  err(): string;
}

/** An io with captured stdout/stderr (not a terminal), no environment, and `stdinText` as stdin. */
export function captureIo(stdinText = '', extra: Partial<IngestIo> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdin: () => Readable.from([Buffer.from(stdinText)]),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    env: {},
    ...extra,
    out: () => out,
    err: () => err,
  };
}
