/**
 * Child processes for the benchmark: servers under test run in their own process (their own event loop,
 * heap and JIT), report their port on stdout, and are stopped by their pid when the suite is done.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** Every child started here and still running, so the run can stop them all by pid if a suite fails. */
const liveChildren = new Set<ChildProcess>();

/** Kills (SIGKILL) every child process this run started that is still running. */
export function killLiveChildren(): void {
  for (const child of liveChildren) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  liveChildren.clear();
}

/** Spawns a child with piped output, remembered until it exits so {@link killLiveChildren} can stop it. */
function spawnTracked(
  command: string,
  args: string[],
  options: { cwd?: string | undefined; env?: Record<string, string> | undefined },
) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

/** A running server child process. */
export interface ServerProcess {
  readonly port: number;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far (for error messages). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link startServerProcess}. */
export interface StartOptions {
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Give up when no port line arrived in time. @default 30000 */
  startTimeoutMs?: number;
  /** Finds the port in one stdout line; defaults to a JSON line `{"port": N}`. */
  parsePort?: (line: string) => number | undefined;
  /** The port the command was told to use: readiness is then a TCP connect that succeeds (for peers whose logs we silence). */
  knownPort?: number;
  cwd?: string;
}

function jsonPortLine(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { port?: unknown };
    return typeof parsed.port === 'number' ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `command args` and resolves once it has printed its port. */
export function startServerProcess(
  command: string,
  args: string[],
  options: StartOptions = {},
): Promise<ServerProcess> {
  const parsePort = options.parsePort ?? jsonPortLine;
  const child = spawnTracked(command, args, options);
  let stderrText = '';
  let stdoutBuffer = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderrText.length < 20_000) stderrText += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (graceMs = 3000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  if (options.knownPort !== undefined) {
    const port = options.knownPort;
    return waitForPort(port, options.startTimeoutMs ?? 30_000, () => child.exitCode !== null).then(
      () => {
        if (child.pid === undefined || child.exitCode !== null)
          throw new Error(`${command} exited early. stderr:\n${stderrText}`);
        return { port, pid: child.pid, child, stderr: () => stderrText, stop };
      },
      async (error: Error) => {
        await stop(500);
        throw new Error(`${error.message}. stderr:\n${stderrText}`);
      },
    );
  }

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      void stop(500);
      reject(
        new Error(
          `${command} ${args.join(' ')} printed no port within ${options.startTimeoutMs ?? 30000} ms. stderr:\n${stderrText}`,
        ),
      );
    }, options.startTimeoutMs ?? 30_000);
    const onEarlyExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timeout);
      reject(new Error(`${command} exited early (code ${code}, signal ${signal}). stderr:\n${stderrText}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdoutBuffer += chunk;
      let newline = stdoutBuffer.indexOf('\n');
      while (newline >= 0) {
        const line = stdoutBuffer.slice(0, newline).trim();
        stdoutBuffer = stdoutBuffer.slice(newline + 1);
        const port = parsePort(line);
        if (port !== undefined && child.pid !== undefined) {
          clearTimeout(timeout);
          child.off('exit', onEarlyExit);
          resolve({ port, pid: child.pid, child, stderr: () => stderrText, stop });
          return;
        }
        newline = stdoutBuffer.indexOf('\n');
      }
      if (stdoutBuffer.length > 100_000) stdoutBuffer = stdoutBuffer.slice(-10_000);
    });
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until something accepts connections on the port (every 100 ms, bounded by `timeoutMs`). */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  gaveUp: () => boolean = () => false,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (gaveUp()) throw new Error(`the process listening on ${port} exited`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** Linux clock ticks per second (`getconf CLK_TCK`); 100 on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a live process has used so far, from /proc; `null` off Linux. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Resident set size of a live process in bytes, from /proc; `null` off Linux. */
export function processRssBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Runs a command to completion with a hard time limit; resolves with its exit code and output. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs: number },
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean; elapsedMs: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawnTracked(command, args, options);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (stdout.length < 2_000_000) stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      if (stderr.length < 2_000_000) stderr += c;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        code: null,
        stdout,
        stderr: `${stderr}${error.message}`,
        timedOut,
        elapsedMs: performance.now() - started,
      });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, elapsedMs: performance.now() - started });
    });
  });
}
