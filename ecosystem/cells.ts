/**
 * The cells of the matrix: each one runs a fixture's program as its users would, on one runtime, and
 * passes only if that program exits 0 (each asserts what it got back). See README.md for what each proves.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BrowserCheck, checkInChromium } from './lib/browser.ts';
import type { Background } from './lib/processes.ts';
import type { NodeMajor, Toolchains } from './lib/toolchains.ts';

export type FixtureName = 'service' | 'commonjs-service' | 'vitest-frontend' | 'browser-worker';

/** What a cell gets to work with. */
export interface CellContext {
  /** The fixture's installed copy. */
  dir: string;
  toolchains: Toolchains;
  /**
   * Runs a command in the fixture with `node` of `major` first on PATH and resolves with what it printed;
   * throws with its output on failure.
   */
  exec(
    major: NodeMajor,
    command: string,
    args: readonly string[],
    env?: Record<string, string>,
  ): Promise<string>;
  /** Starts the installed `moengage-mock` bin on Node `major`, as `npx moengage-mock` would; stopped after the cell. */
  emulator(major: NodeMajor): Promise<Background>;
  /** Notes that end up in the cell's log. */
  log(line: string): void;
  /** Marks the cell skipped: it cannot run on this machine and need not (see decideChromiumSuite). */
  skip(reason: string): void;
}

export interface Cell {
  name: string;
  fixture: FixtureName;
  timeoutMs: number;
  /** Resolves (with anything) when the cell passed or called `context.skip`; rejects when it failed. */
  run(context: CellContext): Promise<unknown>;
}

/** The workspace and key every fixture uses. */
export const WORKSPACE = { id: 'ECO', apiKey: 'eco-secret' } as const;

/** Node majors the packages support: msw 3 (and so the mock) needs 22.12+; 20 is past its end of life. */
const SUPPORTED_NODES: readonly NodeMajor[] = [22, 24, 26];
/** The Node the tools (tsc, vitest, vite) and the emulator for Bun, Deno and Node 20 run on. */
const TOOL_NODE: NodeMajor = 24;

const tsc = (context: CellContext, config: string, ...extra: string[]) =>
  context.exec(TOOL_NODE, 'node', [
    join(context.dir, 'node_modules/typescript/bin/tsc'),
    '-p',
    config,
    ...extra,
  ]);

/**
 * Loading the packages must print no warning of Node's (an ExperimentalWarning for `node:sqlite` or for
 * `require()` of ESM would land in every user's logs). Checked on plain JavaScript only: Node 22 warns
 * about type stripping itself when it runs a .ts file.
 */
function quiet(output: string): void {
  const warning = /^\(node:\d+\) \w*Warning: .*$/m.exec(output);
  if (warning) throw new Error(`the program printed a warning: ${warning[0]}`);
}

/** Runs the service against a fresh `moengage-mock` started on `emulatorNode`. */
async function againstEmulator(
  context: CellContext,
  emulatorNode: NodeMajor,
  program: (env: Record<string, string>) => Promise<unknown>,
): Promise<void> {
  const emulator = await context.emulator(emulatorNode);
  try {
    await program({ MOENGAGE_BASE_URL: emulator.url });
  } finally {
    emulator.stop();
  }
}

const nodeCells: Cell[] = SUPPORTED_NODES.flatMap((major): Cell[] => [
  {
    name: `node${major} esm`,
    fixture: 'service',
    timeoutMs: 60_000,
    run: (context) =>
      againstEmulator(context, major, (env) => context.exec(major, 'node', ['src/service.ts'], env)),
  },
  {
    name: `node${major} cjs`,
    fixture: 'commonjs-service',
    timeoutMs: 60_000,
    run: async (context) => quiet(await context.exec(major, 'node', ['src/service.js'])),
  },
]);

const typecheckCells: Cell[] = ['nodenext', 'bundler'].map((resolution) => ({
  name: `tsc ${resolution}`,
  fixture: 'service',
  // Tens of seconds on an idle machine (every .d.ts is checked); a busy CI machine takes several times that.
  timeoutMs: 240_000,
  run: (context) => tsc(context, `tsconfig.${resolution}.json`),
}));

const node20Cell: Cell = {
  name: 'node20 client',
  fixture: 'service',
  timeoutMs: 120_000,
  // Node 20 cannot strip types: the service is compiled as its users on 20 would, then run there
  // (without a second type check: the tsc cells do that).
  run: async (context) => {
    const emit = ['--noEmit', 'false', '--noCheck', '--rootDir', 'src', '--outDir', 'build/node20'];
    await tsc(context, 'tsconfig.nodenext.json', ...emit);
    await againstEmulator(context, TOOL_NODE, async (env) =>
      quiet(await context.exec(20, 'node', ['build/node20/service.js'], env)),
    );
  },
};

const vitestCells: Cell[] = ['node', 'jsdom', 'happy-dom'].map((environment) => ({
  name: `vitest ${environment}`,
  fixture: 'vitest-frontend',
  timeoutMs: 120_000,
  run: (context) =>
    context.exec(TOOL_NODE, 'node', [
      join(context.dir, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--environment',
      environment,
    ]),
}));

const runtimeCells: Cell[] = [
  {
    name: 'bun',
    fixture: 'service',
    timeoutMs: 60_000,
    run: (context) =>
      againstEmulator(context, TOOL_NODE, (env) =>
        context.exec(TOOL_NODE, context.toolchains.bun, ['src/service.ts'], env),
      ),
  },
  {
    name: 'deno',
    fixture: 'service',
    timeoutMs: 90_000,
    run: (context) =>
      againstEmulator(context, TOOL_NODE, (env) =>
        context.exec(
          TOOL_NODE,
          context.toolchains.deno,
          ['run', '--allow-env', '--allow-read', '--allow-net=127.0.0.1', 'src/service.ts'],
          { ...env, DENO_NO_UPDATE_CHECK: '1' },
        ),
      ),
  },
];

const browserCell: Cell = {
  name: 'chromium worker',
  fixture: 'browser-worker',
  timeoutMs: 180_000,
  run: async (context) => {
    const msw = join(context.dir, 'node_modules/msw/cli/index.js');
    await context.exec(TOOL_NODE, 'node', [msw, 'init', 'public/', '--no-save']);
    await context.exec(TOOL_NODE, 'node', [join(context.dir, 'node_modules/vite/bin/vite.js'), 'build']);
    const check: BrowserCheck = await checkInChromium(join(context.dir, 'dist'));
    if (check.status === 'skipped') {
      context.skip(check.reason);
      return;
    }
    context.log(`page reported: ${check.result}`);
  },
};

/**
 * What each published manifest's `engines.node` must say: the oldest Node the cells run the package on
 * (the client and spec from Node 20; the mock from Node 22, whose floor 22.12 is msw 3's). A package that
 * claims another range, or a cell dropped, must change the other side too.
 */
const PROVEN_NODE_RANGES = {
  '@moedata/spec': '>=20',
  '@moedata/client': '>=20',
  '@moedata/mock': '>=22.12',
  '@moedata/conformance': '>=20',
} as const;

/**
 * The conformance kit as its README runs it: the installed `moengage-conformance` bin, on Node 20 as its
 * `engines` claims, against the installed `moengage-mock` (account-state scenarios included); every
 * scenario must match the contract.
 */
const conformanceCell: Cell = {
  name: 'node20 conformance',
  fixture: 'service',
  timeoutMs: 120_000,
  run: (context) =>
    againstEmulator(context, TOOL_NODE, async (env) => {
      const bin = join(context.dir, 'node_modules/.bin/moengage-conformance');
      const args = [
        '--base-url',
        env.MOENGAGE_BASE_URL ?? '',
        '--workspace',
        WORKSPACE.id,
        '--key',
        WORKSPACE.apiKey,
      ];
      const output = await context.exec(20, 'node', [bin, ...args]);
      assert.match(output, / 0 differ, 0 could not tell, .*: 100 % match/);
    }),
};

const enginesCell: Cell = {
  name: 'engines',
  fixture: 'service',
  timeoutMs: 10_000,
  run: async (context) => {
    for (const [name, range] of Object.entries(PROVEN_NODE_RANGES)) {
      const manifestFile = join(context.dir, 'node_modules', name, 'package.json');
      const manifest: { engines?: { node?: string } } = JSON.parse(await readFile(manifestFile, 'utf8'));
      assert.equal(manifest.engines?.node, range, `${name}: engines.node should say what the matrix proves`);
      context.log(`${name}: engines.node ${range}`);
    }
  },
};

export const CELLS: readonly Cell[] = [
  ...typecheckCells,
  ...nodeCells,
  node20Cell,
  ...vitestCells,
  ...runtimeCells,
  browserCell,
  conformanceCell,
  enginesCell,
];
