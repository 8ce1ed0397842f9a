/** `moengage-mock proxy --upstream URL`: flags → {@link startProxyServer}. */
import { parseArgs } from 'node:util';
import { CliUsageError } from '../cli/errors.ts';
import { createLogger, LOG_LEVELS, type LogLevel, type LogSink } from '../server/logger.ts';
import { stopOnSignals } from '../server/shutdown.ts';
import { fileImportsOrigin, type ProxyServer, startProxyServer } from './proxy-server.ts';

export const PROXY_HELP = `moengage-mock proxy: forward Data API traffic to MoEngage and log where it leaves the contract

Usage: moengage-mock proxy --upstream https://api-0N.moengage.com [options]

  --upstream URL               MoEngage's core origin (required)
  --file-imports-upstream URL  Trigger File Imports origin (default: derived, fileimports-data-api-0N)
  --port N                     Port to listen on (default 4011; 0 picks a free one)
  --host HOST                  Interface to listen on (default 127.0.0.1)
  --log LEVEL                  silent|error|info|debug (default info: one line per divergence)
  --help

Requests and answers pass through unchanged; each divergence (request body against the operation's
schema, the answer's status, body and rate-limit headers against the contract) is logged afterwards.`;

function originFlag(name: string, value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new CliUsageError(
      `${name} must be an http(s) URL, e.g. https://api-01.moengage.com; got "${value}".`,
    );
  return value;
}

/** Starts the proxy from command-line flags; null after --help. @throws CliUsageError */
export async function startProxyCli(argv: readonly string[], io: LogSink): Promise<ProxyServer | null> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    io.out(PROXY_HELP);
    return null;
  }
  if (values.upstream === undefined)
    throw new CliUsageError('proxy needs --upstream, e.g. --upstream https://api-01.moengage.com');
  const upstream = originFlag('--upstream', values.upstream);
  const fileImportsUpstream = originFlag(
    '--file-imports-upstream',
    values['file-imports-upstream'] ?? fileImportsOrigin(upstream),
  );
  const port = Number(values.port ?? '4011');
  if (!/^\d+$/.test(values.port ?? '4011') || port > 65_535)
    throw new CliUsageError(`--port must be a whole number from 0 to 65535; got "${values.port}".`);
  const level = values.log ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new CliUsageError(`--log must be one of ${LOG_LEVELS.join(', ')}; got "${level}".`);
  const logger = createLogger(level as LogLevel, io);
  const proxy = await startProxyServer({
    upstream,
    fileImportsUpstream,
    port,
    host: values.host ?? '127.0.0.1',
    logger,
  });
  logger.info(`moengage-mock proxy on ${proxy.url} → ${upstream} (file imports → ${fileImportsUpstream})`);
  return proxy;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      upstream: { type: 'string' },
      'file-imports-upstream': { type: 'string' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      log: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

/** `moengage-mock proxy ...` from the main CLI: stops on SIGINT/SIGTERM. */
export async function runProxyCli(argv: readonly string[], io: LogSink): Promise<void> {
  const proxy = await startProxyCli(argv, io);
  if (proxy !== null) stopOnSignals(proxy.close, createLogger('info', io));
}
