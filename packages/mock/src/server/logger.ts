/** How much the standalone server and the CLI print. */
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

/** The log levels, quietest first (the CLI's `--log` accepts exactly these). */
export const LOG_LEVELS: readonly LogLevel[] = ['silent', 'error', 'info', 'debug'];

/** Where log lines go: one call per line, without the trailing newline. */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

/** A leveled logger; lines below the level are never formatted. */
export interface Logger {
  readonly level: LogLevel;
  error(message: string): void;
  info(message: string): void;
  /** `message` may be a function so expensive debug lines cost nothing when debug is off. */
  debug(message: string | (() => string)): void;
}

const processSink: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Creates a logger: `error` lines go to stderr, `info` and `debug` lines to stdout.
 * @default level 'info', sink process.stdout / process.stderr
 */
export function createLogger(level: LogLevel = 'info', sink: LogSink = processSink): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  return {
    level,
    error: (message) => {
      if (rank >= 1) sink.err(message);
    },
    info: (message) => {
      if (rank >= 2) sink.out(message);
    },
    debug: (message) => {
      if (rank >= 3) sink.out(typeof message === 'function' ? message() : message);
    },
  };
}
