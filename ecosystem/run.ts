/**
 * `pnpm test:ecosystem`: packs @moedata/spec, client and mock, installs the tarballs with plain npm into
 * the fixture projects (outside the workspace), and runs every cell of the matrix, two at a time.
 * Prints one line per cell and a summary, writes ecosystem/results.json, exits 1 if a cell failed.
 *
 *   node ecosystem/run.ts                      # every cell
 *   node ecosystem/run.ts --cell node22 --cell vitest   # cells whose name starts with one of these
 *   node ecosystem/run.ts --list
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CELLS, type Cell, type CellContext, type FixtureName, WORKSPACE } from './cells.ts';
import { type PreparedFixture, prepareFixture } from './lib/fixtures.ts';
import { cleanEnv, resultsFile, workDir } from './lib/layout.ts';
import { type Background, runOrThrow, startBackground } from './lib/processes.ts';
import { packPublished, type Tarball } from './lib/tarballs.ts';
import { ensureToolchains, type NodeMajor, type Toolchains } from './lib/toolchains.ts';

const CONCURRENCY = 2;

type Status = 'pass' | 'fail' | 'skip';
interface CellResult {
  cell: string;
  fixture: FixtureName;
  status: Status;
  seconds: number;
  log: string;
}

const { values } = parseArgs({
  options: { cell: { type: 'string', multiple: true }, list: { type: 'boolean' } },
  strict: true,
});
const filters = values.cell ?? [];
const selected = CELLS.filter(
  (cell) => filters.length === 0 || filters.some((prefix) => cell.name.startsWith(prefix)),
);

if (values.list) {
  for (const cell of CELLS) console.log(`${cell.name.padEnd(18)} ${cell.fixture}`);
  process.exit(0);
}
if (selected.length === 0) {
  console.error(`No cell matches ${filters.join(', ')}; \`node ecosystem/run.ts --list\` lists them.`);
  process.exit(2);
}

const started = performance.now();
mkdirSync(workDir, { recursive: true });

// Only the cells need the runtimes: they download while the packages are packed and the fixtures installed.
const pendingToolchains = timed('toolchains', ensureToolchains);
pendingToolchains.catch(() => {}); // awaited (and so thrown) below, once the fixtures are installed
const tarballs = await timed('pack', packPublished);
for (const tarball of tarballs.value) {
  console.log(`  ${tarball.name}: ${(tarball.bytes / 1024).toFixed(1)} KiB, ${tarball.fileCount} files`);
}

const fixtureNames = [...new Set(selected.map((cell) => cell.fixture))];
const fixtures = new Map<FixtureName, Promise<PreparedFixture>>();
const fixtureSeconds: Record<string, { seconds: number; installed: boolean } | { error: string }> = {};
// npm installs share the machine with the cells: at most two at a time, like the cells.
await pool(fixtureNames, CONCURRENCY, async (name) => {
  const setup = timed(`install ${name}`, () => prepareFixture(name, tarballs.value));
  const prepared = setup.then((result) => result.value);
  // Its cells read the failure later and report it as theirs.
  prepared.catch(() => {});
  fixtures.set(name, prepared);
  try {
    const { seconds, value } = await setup;
    fixtureSeconds[name] = { seconds: round(seconds), installed: value.installed };
  } catch (error) {
    fixtureSeconds[name] = { error: String(error) };
  }
});

const toolchainSetup = await pendingToolchains;
const toolchains = toolchainSetup.value.toolchains;

console.log(`\nRunning ${selected.length} cells, ${CONCURRENCY} at a time:`);
const results = await pool(selected, CONCURRENCY, async (cell) => {
  const result = await runCell(cell, fixtures.get(cell.fixture), toolchains);
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[result.status];
  console.log(`  ${mark}  ${cell.name.padEnd(18)} ${result.seconds.toFixed(1).padStart(6)} s`);
  if (result.status !== 'pass') console.log(indent(tail(result.log, 60)));
  return result;
});

const totalSeconds = (performance.now() - started) / 1000;
printSummary(results, totalSeconds);
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      finishedAt: new Date().toISOString(),
      totalSeconds: round(totalSeconds),
      setup: {
        packSeconds: round(tarballs.seconds),
        toolchainsSeconds: round(toolchainSetup.seconds),
        toolchainsInstalled: toolchainSetup.value.installed,
        fixtures: fixtureSeconds,
      },
      tarballs: tarballs.value.map(({ name, bytes, fileCount, sha256 }: Tarball) => ({
        name,
        bytes,
        fileCount,
        sha256,
      })),
      cells: results.map(({ log, ...result }) => ({
        ...result,
        seconds: round(result.seconds),
        ...(result.status === 'pass' ? {} : { log: tail(log, 200) }),
      })),
    },
    null,
    2,
  )}\n`,
);
console.log(`Results: ${resultsFile}`);
process.exit(results.some((result) => result.status === 'fail') ? 1 : 0);

async function runCell(
  cell: Cell,
  fixture: Promise<PreparedFixture> | undefined,
  toolchains: Toolchains,
): Promise<CellResult> {
  const start = performance.now();
  const deadline = start + cell.timeoutMs;
  const log: string[] = [];
  const backgrounds: Background[] = [];
  let skipped = false;
  const finish = (status: Status): CellResult => ({
    cell: cell.name,
    fixture: cell.fixture,
    status,
    seconds: (performance.now() - start) / 1000,
    log: log.join('\n'),
  });
  try {
    if (fixture === undefined) throw new Error(`fixture ${cell.fixture} was not prepared`);
    const { dir } = await fixture;
    const remaining = () => Math.max(1_000, deadline - performance.now());
    const envFor = (major: NodeMajor, extra: Record<string, string> = {}) => {
      const base = cleanEnv();
      const path = [toolchains.nodeBinDir(major), join(dir, 'node_modules/.bin'), base.PATH].join(':');
      return { ...base, ...extra, PATH: path };
    };
    const context: CellContext = {
      dir,
      toolchains,
      log: (line) => log.push(line),
      skip: (reason) => {
        skipped = true;
        log.push(reason);
      },
      exec: async (major, command, args, extra) => {
        log.push(`$ ${[command, ...args].join(' ')}`);
        const result = await runOrThrow(command, args, {
          cwd: dir,
          env: envFor(major, extra),
          timeoutMs: remaining(),
        });
        log.push(result.output.trimEnd());
        return result.output;
      },
      emulator: async (major) => {
        const emulator = await startBackground(
          join(dir, 'node_modules/.bin/moengage-mock'),
          ['--port', '0', '--workspace', `${WORKSPACE.id}:${WORKSPACE.apiKey}`],
          {
            cwd: dir,
            env: envFor(major),
            timeoutMs: Math.min(30_000, remaining()),
            ready: /listening on (http:\/\/\S+)/,
          },
        );
        backgrounds.push(emulator);
        log.push(`emulator on Node ${major} at ${emulator.url}`);
        return emulator;
      },
    };
    await cell.run(context);
    return finish(skipped ? 'skip' : 'pass');
  } catch (error) {
    log.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return finish('fail');
  } finally {
    for (const background of backgrounds) {
      background.stop();
      const output = background.output().trim();
      if (output) log.push(`emulator output:\n${output}`);
    }
  }
}

function printSummary(results: readonly CellResult[], totalSeconds: number): void {
  console.log('\nEcosystem matrix');
  console.log(`  ${'cell'.padEnd(18)} ${'result'.padEnd(6)} ${'seconds'.padStart(7)}`);
  for (const result of results) {
    console.log(
      `  ${result.cell.padEnd(18)} ${result.status.padEnd(6)} ${result.seconds.toFixed(1).padStart(7)}`,
    );
  }
  const count = (status: Status) => results.filter((result) => result.status === status).length;
  console.log(
    `  ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped in ${totalSeconds.toFixed(1)} s\n`,
  );
}

/** Runs `action` and measures it; the label is printed when it ends. */
async function timed<T>(label: string, action: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await action();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
}

/** Maps `items` through `work` with at most `limit` running at once, keeping the order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `        ${line}`)
    .join('\n');
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
