/**
 * Runs samples in the consumer project, each in its own process with only the environment a user would
 * set: `run` samples in Node with the emulator's MSW handlers installed first (nothing reaches the
 * network), `vitest` samples with vitest, curl samples with `sh` against the standalone emulator on
 * 127.0.0.1 (the sample's MoEngage host swapped for the emulator's URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EngineFixtures, RequestLogEntry, StoreSnapshot } from '@moedata/mock';
import { sampleFile } from './compile.ts';
import type { Consumer } from './consumer.ts';
import type { Sample } from './samples.ts';

/** The emulator a sample runs against: one workspace, whose credentials the sample reads from its env. */
export interface EmulatorSetup {
  readonly workspaceId: string;
  readonly apiKey: string;
  /** Users and other records that exist before the sample runs. */
  readonly seed?: EngineFixtures;
}

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunResult extends ProcessResult {
  /** The emulator's store when the sample's process exited (absent for vitest samples, which own theirs). */
  readonly state?: StoreSnapshot;
}

const TIMEOUT_MS = 60_000;

/** What a user's shell has, plus the credentials the samples read; nothing from the test runner. */
function sampleEnv(setup: EmulatorSetup, extra: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]]] : [],
    ),
  );
  return {
    ...inherited,
    MOENGAGE_WORKSPACE_ID: setup.workspaceId,
    MOENGAGE_DATA_API_KEY: setup.apiKey,
    ...extra,
  };
}

function emulatorEnv(setup: EmulatorSetup): string {
  return JSON.stringify({ workspaces: { [setup.workspaceId]: { apiKey: setup.apiKey } }, seed: setup.seed });
}

function collect(child: ChildProcess, label: string): Promise<ProcessResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not finish within ${TIMEOUT_MS / 1000} s\n${stdout}\n${stderr}`));
    }, TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** Runs a `run` sample in Node (which strips the types) after the emulator's MSW preload. */
export async function runSample(
  consumer: Consumer,
  sample: Sample,
  setup: EmulatorSetup,
): Promise<RunResult> {
  const stateDir = mkdtempSync(join(consumer.dir, '.state-'));
  const statePath = join(stateDir, 'state.json');
  try {
    const child = spawn(
      process.execPath,
      ['--import', './harness/emulator-preload.mjs', sampleFile(sample)],
      {
        cwd: consumer.dir,
        env: sampleEnv(setup, { DOC_SAMPLES_EMULATOR: emulatorEnv(setup), DOC_SAMPLES_STATE: statePath }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const result = await collect(child, sample.origin);
    let state: StoreSnapshot | undefined;
    try {
      state = JSON.parse(readFileSync(statePath, 'utf8')) as StoreSnapshot;
    } catch {
      state = undefined;
    }
    return { ...result, state };
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * What went wrong in a `run` sample, empty when nothing did: a non-zero exit, a request the emulator
 * answered with an error, or a user, event or device the fence promises that the emulator does not hold.
 */
export function failuresOfRun(sample: Sample, result: RunResult): string[] {
  const failures: string[] = [];
  if (result.exitCode !== 0) failures.push(`exit ${result.exitCode}`);
  if (result.state === undefined) return [...failures, 'the emulator preload wrote no state'];
  for (const entry of result.state.requestLog) {
    if (entry.status >= 300) failures.push(`${entry.operationId ?? entry.url} answered ${entry.status}`);
  }
  const held = {
    user: result.state.users.map((user) => user.customerId),
    event: result.state.events.map((event) => event.action),
    device: result.state.devices.map((device) => device.deviceId),
  };
  const promised = { user: sample.expect.users, event: sample.expect.events, device: sample.expect.devices };
  for (const kind of ['user', 'event', 'device'] as const) {
    for (const id of promised[kind]) if (!held[kind].includes(id)) failures.push(`no ${kind} ${id}`);
  }
  return failures;
}

/** Runs a `vitest` sample with the vitest the consumer installed, as `npx vitest run FILE` would. */
export function runVitestSample(
  consumer: Consumer,
  sample: Sample,
  setup: EmulatorSetup,
): Promise<ProcessResult> {
  const vitest = join(consumer.dir, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', sampleFile(sample)], {
    cwd: consumer.dir,
    env: sampleEnv(setup, { CI: 'true', NO_COLOR: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, sample.origin);
}

/** The standalone emulator from the installed tarball, on 127.0.0.1 with a free port. */
export interface RunningEmulator {
  readonly url: string;
  /** The request log, newest last. */
  requests(): Promise<RequestLogEntry[]>;
  stop(): Promise<void>;
}

export async function startEmulator(consumer: Consumer, setup: EmulatorSetup): Promise<RunningEmulator> {
  const child = spawn(process.execPath, ['harness/serve.mjs'], {
    cwd: consumer.dir,
    env: sampleEnv(setup, { DOC_SAMPLES_EMULATOR: emulatorEnv(setup) }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = collect(child, 'the emulator');
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    exited.then(
      ({ exitCode }) => reject(new Error(`the emulator exited with ${exitCode} before listening`)),
      reject,
    );
  });
  lines.close();
  return {
    url,
    async requests() {
      const response = await fetch(
        `${url}/_mock/requests?workspace=${encodeURIComponent(setup.workspaceId)}`,
      );
      return ((await response.json()) as { requests: RequestLogEntry[] }).requests;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const MOENGAGE_HOST = /https:\/\/(?:api|fileimports-data-api)-\d+\.moengage\.com/g;

/** Runs a curl sample with `sh`, its MoEngage host swapped for the emulator's URL. */
export function runShellSample(
  sample: Sample,
  emulator: RunningEmulator,
  setup: EmulatorSetup,
): Promise<ProcessResult> {
  const child = spawn('sh', ['-c', sample.source.replace(MOENGAGE_HOST, emulator.url)], {
    env: sampleEnv(setup),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, sample.origin);
}
