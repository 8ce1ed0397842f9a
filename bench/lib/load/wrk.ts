/**
 * wrk (Debian's package) as the load generator: written in C, one thread drives 16 connections with a
 * fraction of a core, so the server under test is the limit. A Lua script rotates the bodies and prints
 * the summary as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../process.ts';
import { assertLoopback, type LoadResult, type LoadSpec } from './types.ts';

/** `true` when a `wrk` binary is on the PATH. */
export function wrkAvailable(): boolean {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  // wrk --version prints its banner and exits 1; a missing binary has no status at all.
  return probe.error === undefined && `${probe.stdout}${probe.stderr}`.includes('wrk');
}

/**
 * Installs wrk with apt-get when we are root on Debian; returns a sentence saying what happened.
 * Never fails the run: without wrk the Node load generator is used instead.
 */
export function tryInstallWrk(): string {
  if (wrkAvailable()) return 'wrk already installed';
  if (process.getuid?.() !== 0)
    return 'wrk is missing and we are not root: run `sudo apt-get install -y wrk` for the wrk figures';
  console.log(
    '[bench] wrk is missing: installing it with `apt-get install -y wrk` (Debian package, load generator only)...',
  );
  let install = spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', timeout: 120_000 });
    install = spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { encoding: 'utf8', timeout: 120_000 });
  }
  return wrkAvailable()
    ? 'wrk installed with apt-get'
    : `apt-get could not install wrk (${(install.stderr ?? '').trim().split('\n').pop()}); using the Node load generator`;
}

function luaString(value: string): string {
  return JSON.stringify(value); // A JSON string literal is a valid Lua string literal for ASCII paths and headers.
}

function writeScript(spec: LoadSpec, workDir: string, id: string): string {
  mkdirSync(workDir, { recursive: true });
  const bodiesFile = join(workDir, `${id}.bodies`);
  writeFileSync(bodiesFile, `${spec.bodies.join('\n')}\n`);
  const headerLines = Object.entries(spec.headers)
    .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`)
    .join('\n');
  const script = `
local bodies = {}
for line in io.lines(${luaString(bodiesFile)}) do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.body = bodies[1]
${headerLines}
local index = 0
if #bodies > 1 then
  request = function()
    index = index + 1
    if index > #bodies then index = 1 end
    return wrk.format(nil, nil, nil, bodies[index])
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests":%d,"durationUs":%d,"status":%d,"socket":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
  const scriptFile = join(workDir, `${id}.lua`);
  writeFileSync(scriptFile, script);
  return scriptFile;
}

function parseChildCpu(timesOutput: string): number | null {
  // bash `times`: line 1 = the shell's user/sys, line 2 = its children's (wrk's) user/sys.
  const line = timesOutput.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return null;
  return parts.reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

/** Runs one wrk measurement (1 thread, `spec.connections` connections). */
export async function runWrk(spec: LoadSpec, workDir: string, id: string): Promise<LoadResult> {
  assertLoopback(spec.url);
  const script = writeScript(spec, workDir, id);
  const duration = Math.max(1, Math.round(spec.durationSeconds));
  const wrkArgs = [
    '-t1',
    `-c${spec.connections}`,
    `-d${duration}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    spec.url,
  ];
  const shell = `wrk ${wrkArgs.map((a) => `'${a}'`).join(' ')}; rc=$?; echo BENCH_TIMES; times; exit $rc`;
  const result = await runCommand('bash', ['-c', shell], { timeoutMs: (duration + 30) * 1000 });
  const jsonLine = result.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (result.code !== 0 || !jsonLine) {
    throw new Error(
      `wrk failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}): ${result.stderr || result.stdout}`,
    );
  }
  const parsed = JSON.parse(jsonLine.slice('BENCH_JSON '.length)) as {
    requests: number;
    durationUs: number;
    status: number;
    socket: number;
    p50: number;
    p99: number;
  };
  const durationSeconds = parsed.durationUs / 1e6;
  return {
    tool: 'wrk',
    requests: parsed.requests,
    durationSeconds,
    requestsPerSecond: parsed.requests / durationSeconds,
    errorStatuses: parsed.status,
    socketErrors: parsed.socket,
    latencyP50Ms: parsed.p50 / 1000,
    latencyP99Ms: parsed.p99 / 1000,
    generatorCpuSeconds: parseChildCpu(result.stdout.split('BENCH_TIMES')[1] ?? ''),
  };
}
