/**
 * The inputs of a run: files (checked up front, so a typo fails before anything is sent) or stdin,
 * each with its format and size, opened as streams one at a time.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { type InputFormat, UsageError } from './args.ts';

/** One input, ready to be opened. */
export interface InputSource {
  /** The path as given, or `-` for stdin. */
  name: string;
  format: InputFormat;
  /** Bytes, for progress; `undefined` for stdin. */
  size: number | undefined;
  open(): Readable;
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, InputFormat>> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.ldjson': 'ndjson',
  '.json': 'ndjson',
  '.csv': 'csv',
};

/** Reads big enough to fill a 128 KB request in one or two chunks. */
const READ_CHUNK_BYTES = 256 * 1024;

function formatOf(path: string, forced: InputFormat | undefined): InputFormat {
  if (forced) return forced;
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (format) return format;
  throw new UsageError(
    `Cannot tell the format of ${path} from its extension: name it .ndjson, .jsonl or .csv, or pass --format ndjson|csv.`,
  );
}

/**
 * Checks every input and returns them in order. Standard input is opened (`stdin.stream` read) only
 * when its turn comes.
 * @throws UsageError when a file is missing, is a folder, or has an unknown extension.
 */
export async function resolveSources(
  inputs: readonly string[],
  forcedFormat: InputFormat | undefined,
  stdin: { readonly stream: Readable },
): Promise<InputSource[]> {
  if (inputs.filter((input) => input === '-').length > 1) {
    throw new UsageError('Standard input (-) can be read only once; name it a single time.');
  }
  const sources: InputSource[] = [];
  for (const input of inputs) {
    if (input === '-') {
      sources.push({
        name: '-',
        format: forcedFormat ?? 'ndjson',
        size: undefined,
        open: () => stdin.stream,
      });
      continue;
    }
    const format = formatOf(input, forcedFormat);
    let size: number;
    try {
      const info = await stat(input);
      if (!info.isFile()) throw new UsageError(`${input} is not a file; pass NDJSON or CSV files.`);
      size = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `Cannot read ${input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path.`,
      );
    }
    sources.push({
      name: input,
      format,
      size,
      open: () => createReadStream(input, { highWaterMark: READ_CHUNK_BYTES }),
    });
  }
  return sources;
}
