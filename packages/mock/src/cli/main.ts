/**
 * The `moengage-mock` command: parses flags and the config file, opens the store (memory or SQLite),
 * starts the standalone server, prints where it listens and which credentials to use, and stops
 * gracefully on SIGINT/SIGTERM. Runs directly on Node 24: `node packages/mock/src/cli/main.ts --port 4477`.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/engine.ts';
import type { WorkspaceConfig } from '../engine/types.ts';
import { createLogger, type Logger, type LogSink } from '../server/logger.ts';
import { type MockServer, startMockServer } from '../server/mock-server.ts';
import { stopOnSignals } from '../server/shutdown.ts';
import { createSqliteStore } from '../store/sqlite.ts';
import { HELP_TEXT, parseCliArgs } from './args.ts';
import { findBuiltApp } from './built-apps.ts';
import { loadConfigFile } from './config-file.ts';
import { DEMO_WORKSPACE } from './demo-workspace.ts';
import { CliUsageError } from './errors.ts';

/** Where the CLI writes; tests pass their own. */
export interface CliIo extends LogSink {}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Hooks of {@link startCli}. */
export interface StartCliOptions {
  /** Called once the server listens, before the banner (with its URL) is printed. */
  onStarted?: (running: RunningCli) => void;
}

/** A started CLI: the server and how to stop it (closes the server, then the store). */
export interface RunningCli {
  server: MockServer;
  logger: Logger;
  stop(): Promise<void>;
}

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** A folder given by a flag or the config file, checked now so a typo is not a silent 404 later. */
function existingFolder(path: string | undefined, option: string): string | undefined {
  if (path !== undefined && !statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliUsageError(`${option}: ${path} is not a folder. Pass the folder of a built site.`);
  }
  return path;
}

function openDataFile(path: string) {
  try {
    return createSqliteStore({ path });
  } catch (error) {
    throw new CliUsageError(`--data: ${(error as Error).message}`);
  }
}

function banner(
  server: MockServer,
  details: { data?: string | undefined; docs: boolean; app: boolean; demo: boolean },
): string[] {
  const lines = [
    `MoEngage Data API emulator listening on ${server.url}`,
    `  Base URL (all data centers, core and file-import paths): ${server.url}`,
    `  Inspection API: ${server.url}/_mock`,
    server.adminToken === undefined
      ? '  Admin token: off (--no-admin-token): any local program may change /_mock state'
      : `  Admin token (x-mock-admin-token header, for POST/PUT/PATCH/DELETE /_mock): ${server.adminToken}`,
    `  State: ${details.data ? `SQLite file ${details.data}` : 'in memory (use --data FILE to keep it)'}`,
  ];
  if (details.app) lines.push(`  Playground: ${server.url}/`);
  if (details.docs) lines.push(`  API reference: ${server.url}/docs/`);
  if (details.demo) {
    const { workspaceId, apiKey } = DEMO_WORKSPACE;
    const basic = Buffer.from(`${workspaceId}:${apiKey}`).toString('base64');
    lines.push(
      'No workspace was given, so a demo workspace was created:',
      `  Workspace ID: ${workspaceId}`,
      `  API key:      ${apiKey}`,
      `  Header:       Authorization: Basic ${basic}`,
      `  Try: curl -s ${server.url}/v1/customer/${workspaceId} -H 'Authorization: Basic ${basic}' ` +
        `-H 'Content-Type: application/json' -d '{"type":"customer","customer_id":"john","attributes":{"name":"John"}}'`,
    );
  } else {
    const ids = server.engine.workspaces.list().map((workspace) => workspace.workspaceId);
    lines.push(`  Workspaces: ${ids.join(', ')}`);
  }
  lines.push('Press Ctrl+C to stop.');
  return lines;
}

/**
 * Starts the emulator as the command line describes and resolves once it listens; resolves `null`
 * after printing `--help` or `--version`. Throws {@link CliUsageError} for a bad flag or config file.
 * This is the CLI's programmatic start: it installs no signal handlers (see {@link runCli}).
 */
export async function startCli(
  argv: readonly string[],
  io: CliIo = processIo,
  options: StartCliOptions = {},
): Promise<RunningCli | null> {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.out(HELP_TEXT.trimEnd());
    return null;
  }
  if (args.version) {
    io.out(packageVersion());
    return null;
  }
  const config = args.config === undefined ? {} : loadConfigFile(args.config);

  const workspaces: Record<string, WorkspaceConfig> = { ...config.workspaces };
  for (const { workspaceId, apiKey } of args.workspaces) {
    workspaces[workspaceId] = { ...workspaces[workspaceId], apiKey };
  }
  const demo = Object.keys(workspaces).length === 0;
  if (demo) workspaces[DEMO_WORKSPACE.workspaceId] = { apiKey: DEMO_WORKSPACE.apiKey };

  const logger = createLogger(args.log ?? config.log ?? 'info', io);
  const dataFile = args.data === undefined ? config.data : resolve(args.data);
  const store = dataFile === undefined ? undefined : openDataFile(dataFile);
  const docsDir =
    args.docs === undefined
      ? (existingFolder(config.docsDir, 'docsDir') ?? findBuiltApp('docs'))
      : existingFolder(resolve(args.docs), '--docs');
  const appDir =
    args.app === undefined
      ? (existingFolder(config.appDir, 'appDir') ?? findBuiltApp('playground'))
      : existingFolder(resolve(args.app), '--app');

  const engine = createEngine({
    workspaces,
    defaults: config.defaults,
    ...(store && { store }),
    ...(config.requestLogLimit !== undefined && { requestLogLimit: config.requestLogLimit }),
  });
  let server: MockServer;
  try {
    server = await startMockServer({
      engine,
      port: args.port ?? config.port ?? 4010,
      host: args.host ?? config.host ?? '127.0.0.1',
      corsOrigins: args.corsOrigins.length > 0 ? args.corsOrigins : (config.corsOrigins ?? '*'),
      allowedHosts: [...(config.allowedHosts ?? []), ...args.allowedHosts],
      adminToken: args.noAdminToken ? false : args.adminToken,
      maxConnections: args.maxConnections ?? config.maxConnections,
      docsDir,
      appDir,
      logger,
    });
  } catch (error) {
    engine.store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliUsageError(
        'That port is already in use: pick another with --port N (or --port 0 for any free one).',
      );
    }
    throw error;
  }
  const running: RunningCli = {
    server,
    logger,
    stop: async () => {
      await server.close();
      engine.store.close();
    },
  };
  // Before the banner: whoever waits for the "listening" line may signal the process right away.
  options.onStarted?.(running);
  const shown = { data: dataFile, docs: docsDir !== undefined, app: appDir !== undefined, demo };
  for (const line of banner(server, shown)) logger.info(line);
  return running;
}

/**
 * Runs the CLI as a process: starts it, stops gracefully on SIGINT/SIGTERM, and turns a usage mistake
 * into a message on stderr with exit code 2.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<void> {
  try {
    // Loaded only when asked for: `@moedata/mock/node` re-exports this module and must stay quick to load.
    if (argv[0] === 'proxy') return await (await import('../proxy/cli.ts')).runProxyCli(argv.slice(1), io);
    await startCli(argv, io, { onStarted: (running) => stopOnSignals(running.stop, running.logger) });
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`moengage-mock: ${error.message}`);
      io.err('Run moengage-mock --help for the options.');
      process.exitCode = 2;
      return;
    }
    io.err(
      `moengage-mock failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
}

// Run as a script (`node src/cli/main.ts`, as `npm start` does). No top-level await: `@moedata/mock/node`
// re-exports this module, and require() refuses a module graph that awaits at the top level.
// (`import.meta.main` is undefined before Node 24.2, so an older Node never takes this branch.)
if (import.meta.main) void runCli(process.argv.slice(2));
