import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../server/logger.ts';
import { WorkspaceIdSchema } from '../server/workspace-schema.ts';
import { CliUsageError } from './errors.ts';

/** What the command line asked for; absent fields fall back to the config file, then to defaults. */
export interface CliArgs {
  help: boolean;
  version: boolean;
  port?: number;
  host?: string;
  /** `--workspace ID:KEY`, in order. */
  workspaces: Array<{ workspaceId: string; apiKey: string }>;
  config?: string;
  data?: string;
  log?: LogLevel;
  corsOrigins: string[];
  /** `--allowed-host NAME`, in order. */
  allowedHosts: string[];
  /** `--admin-token TOKEN`: a fixed token instead of a random one. */
  adminToken?: string;
  /** `--no-admin-token`: state-changing `/_mock` calls need no token. */
  noAdminToken: boolean;
  maxConnections?: number;
  docs?: string;
  app?: string;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  workspace: { type: 'string', short: 'w', multiple: true },
  config: { type: 'string', short: 'c' },
  data: { type: 'string', short: 'd' },
  log: { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  'allowed-host': { type: 'string', multiple: true },
  'admin-token': { type: 'string' },
  'no-admin-token': { type: 'boolean' },
  'max-connections': { type: 'string' },
  docs: { type: 'string' },
  app: { type: 'string' },
} as const;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new CliUsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${value}".`,
    );
  }
  return port;
}

function parseWorkspace(value: string): { workspaceId: string; apiKey: string } {
  const colon = value.indexOf(':');
  const workspaceId = colon === -1 ? value : value.slice(0, colon);
  const apiKey = colon === -1 ? '' : value.slice(colon + 1);
  if (!workspaceId || !apiKey) {
    throw new CliUsageError(
      `--workspace takes ID:KEY (the workspace id, a colon, the API key), e.g. --workspace DEMO:secret; got "${value}".`,
    );
  }
  if (!WorkspaceIdSchema.safeParse(workspaceId).success) {
    throw new CliUsageError(`--workspace ${value}: the id may use only letters, digits, "_" and "-".`);
  }
  return { workspaceId, apiKey };
}

function parseLogLevel(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new CliUsageError(`--log must be one of ${LOG_LEVELS.join(', ')}; got "${value}".`);
  }
  return value as LogLevel;
}

/** Parses the command line (without `node` and the script). Throws {@link CliUsageError} on a mistake. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}.`);
  }
  const args: CliArgs = {
    help: values.help ?? false,
    version: values.version ?? false,
    workspaces: (values.workspace ?? []).map(parseWorkspace),
    corsOrigins: values['cors-origin'] ?? [],
    allowedHosts: values['allowed-host'] ?? [],
    noAdminToken: values['no-admin-token'] ?? false,
  };
  if (values['admin-token'] !== undefined) {
    if (args.noAdminToken)
      throw new CliUsageError('--admin-token and --no-admin-token contradict each other; pass one.');
    if (values['admin-token'].length < 16) {
      throw new CliUsageError(
        '--admin-token must be at least 16 characters: it guards /_mock against other pages.',
      );
    }
    args.adminToken = values['admin-token'];
  }
  if (values.port !== undefined) args.port = parsePort(values.port);
  if (values['max-connections'] !== undefined) {
    const max = Number(values['max-connections']);
    if (!/^\d+$/.test(values['max-connections']) || max < 1) {
      throw new CliUsageError(
        `--max-connections must be a whole number ≥ 1; got "${values['max-connections']}".`,
      );
    }
    args.maxConnections = max;
  }
  if (values.host !== undefined) args.host = values.host;
  if (values.config !== undefined) args.config = values.config;
  if (values.data !== undefined) args.data = values.data;
  if (values.log !== undefined) args.log = parseLogLevel(values.log);
  if (values.docs !== undefined) args.docs = values.docs;
  if (values.app !== undefined) args.app = values.app;
  return args;
}

/** The `--help` text. */
export const HELP_TEXT = `moengage-mock — a local emulator of the MoEngage Data API (stateful: auth, validation, rate limits, errors)

Usage:
  moengage-mock [options]

Options:
  -p, --port N             Port to listen on (default 4010; 0 picks a free port)
      --host HOST          Interface to bind (default 127.0.0.1)
  -w, --workspace ID:KEY   A workspace and its API key; repeat for several.
                           Without any, a demo workspace is created and its credentials printed.
  -c, --config FILE        JSON file with every option and per-workspace settings (see below)
  -d, --data FILE          Keep state in this SQLite file (survives restarts); default: in memory
      --log LEVEL          silent | error | info | debug (default info)
      --cors-origin ORIGIN Browser origin allowed to call the emulator; repeat for several (default: any
                           origin for the Data API; /_mock answers only its own origin and listed ones)
      --allowed-host NAME  Host name /_mock accepts besides localhost, 127.0.0.1 and [::1]; repeat for several
      --admin-token TOKEN  The token state-changing /_mock calls send in x-mock-admin-token
                           (default: a random one per start, printed below the URL)
      --no-admin-token     Let state-changing /_mock calls through without a token (tests only)
      --max-connections N  Connections open at once (default 4000); at the cap the oldest idle one is
                           closed for a new one, and a new one is refused when all are busy
      --docs DIR           Static site to serve at /docs (default: apps/docs/dist when built)
      --app DIR            Web app to serve at / (default: apps/playground/dist, the playground, when
                           built). GET/HEAD only, never on Data API paths; a missing file reaches the API
  -h, --help               Show this help
  -v, --version            Show the version

Endpoints:
  /v1/...  and /v1.0/data/fileimports/...   the Data API (every data center's paths on one host)
  /_mock                                     inspection API for tests (users, events, drops, reset, ...);
                                             writes need Content-Type: application/json and the token
  /docs/                                     the API reference, when built
  /                                          the playground (or --app DIR), when built

Config file (all fields optional; command-line flags win):
  {
    "port": 4010, "host": "127.0.0.1", "log": "info", "data": "./mock.db",
    "docsDir": "./reference", "appDir": "./app/dist",  // relative to this file
    "corsOrigins": ["http://localhost:5173"],
    "allowedHosts": ["emulator.test"],        // Host names /_mock accepts besides the loopback ones
    "maxConnections": 4000,
    "requestLogLimit": 10000,                 // request-log entries kept (oldest evicted; GET /_mock/requests)
    "defaults": { "payloadLimitBytes": 131072 },
    "workspaces": {
      "MYWORKSPACE": {
        "apiKey": "secret",                   // null = no key generated yet (every call gets 409)
        "accountState": "active",             // active | blacklisted | suspended | temporarilySuspended
        "rateLimits": { "trackUser": { "users": 10000 }, "bulkImport": { "users": 10000, "events": 30000 } },
        "payloadLimitBytes": 131072,
        "identityResolution": { "identifiers": ["moe_mobile", "u_em"] },
        "strictBulk": false,
        "faults": { "rate": 0.1, "nextFailures": 2, "status": 503, "latencyMs": 200 },
        "fileImportSchedules": ["schedule-1"],
        "fileImportCooldownSeconds": 300
      }
    }
  }

Examples:
  moengage-mock --port 4477 --workspace MYWORKSPACE:secret
  moengage-mock --config mock.json --data .moengage-mock.db --log debug
`;
