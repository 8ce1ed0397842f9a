/**
 * Child processes for the matrix: every command runs in its own process group with a deadline, so a
 * hung cell is killed whole (its emulator and browsers included) and never stalls the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** How to run one command. */
export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (the whole process group) after this long. */
  timeoutMs: number;
}

/** What a finished command printed (stdout and stderr interleaved) and how it ended. */
export interface RunResult {
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  /** stdout alone, for commands that answer in JSON. */
  stdout: string;
}

/** Runs `command` to its end or its deadline; never rejects for a failing command. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawnGroup(command, args, options);
    let output = '';
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.on('error', (error) => {
      output += `\ncould not run ${command}: ${error.message}\n`;
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      // Whatever the command left behind (a server it started) goes with it.
      killGroup(child);
      const ended = timedOut ? `\n[timed out after ${options.timeoutMs / 1000} s]\n` : '';
      resolve({ ok: exitCode === 0 && !timedOut, exitCode, timedOut, output: output + ended, stdout });
    });
  });
}

/** Runs `command` and throws, with its output, unless it succeeds. */
export async function runOrThrow(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (!result.ok) {
    const how = result.timedOut ? 'timed out' : `exited with ${result.exitCode}`;
    throw new Error(`${[command, ...args].join(' ')} ${how}:\n${result.output.trimEnd()}`);
  }
  return result;
}

/** A server started for a cell, with the URL it printed. */
export interface Background {
  url: string;
  output(): string;
  stop(): void;
}

/**
 * Starts a long-running command and resolves once a line of its output matches `ready` (whose first
 * group is the URL it listens on); rejects with its output if it exits or stays silent for `timeoutMs`.
 */
export function startBackground(
  command: string,
  args: readonly string[],
  options: RunOptions & { ready: RegExp },
): Promise<Background> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, options);
    let output = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${[command, ...args].join(' ')} ${reason}:\n${output.trimEnd()}`));
    };
    const timer = setTimeout(
      () => fail(`printed no URL within ${options.timeoutMs / 1000} s`),
      options.timeoutMs,
    );
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = options.ready.exec(output)?.[1];
      if (url === undefined || settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url, output: () => output, stop: () => killGroup(child) });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('error', (error) => fail(`could not start (${error.message})`));
    child.on('exit', (code) => fail(`exited with ${code} before it was ready`));
  });
}

function spawnGroup(command: string, args: readonly string[], { cwd, env }: RunOptions): ChildProcess {
  return spawn(command, args, {
    cwd,
    env: env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
