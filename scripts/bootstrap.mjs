#!/usr/bin/env node
// The one entry point behind `npm start` and `npm test`: it must run on the oldest Node a newcomer
// may have (the machines here ship Node 20), so it is plain JavaScript with no dependencies.
// It brings the pinned toolchain (Node 24, pnpm) into .toolchain/, installs the workspace from the
// frozen lockfile when anything changed, then runs the job with that toolchain first on PATH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.22.3';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolchainDir = join(root, '.toolchain');
const pnpmVersion = readJson(join(root, 'package.json')).packageManager.replace(/^pnpm@/, '');

/** The playground and the API reference that the emulator serves at / and /docs/. */
const buildSite = [
  'turbo',
  'run',
  'build',
  '--filter=@moedata/docs',
  '--filter=@moedata/playground',
  '--output-logs=errors-only',
];

/** Each job is a list of commands, run in order inside the toolchain; the first failure stops it. */
const jobs = {
  test: [
    ['turbo', 'run', 'generate'],
    ['node', 'scripts/check-generated.mjs'],
    ['biome', 'ci', '--colors=off', '.'],
    // Two at a time: the machines have 2 cores, and browser and fuzz suites starve each other beyond that.
    ['turbo', 'run', 'typecheck', 'build', 'test', '--concurrency=2'],
    // The published packages as installed tarballs in consumer projects: needs the dist/ built above.
    ['tsc', '-p', 'ecosystem/tsconfig.json'],
    ['vitest', 'run', '--dir', 'ecosystem/lib'],
    ['node', 'ecosystem/run.ts'],
  ],
  start: [buildSite, ['node', 'packages/mock/src/cli/main.ts', ...process.argv.slice(3)]],
  // The emulator restarted on every change of a file it imports (Node's own --watch; decisions/012).
  dev: [buildSite, ['node', '--watch', 'packages/mock/src/cli/main.ts', ...process.argv.slice(3)]],
};

main();

function main() {
  const jobName = process.argv[2];
  // `exec CMD ...` runs any command inside the toolchain: handy for editors and one-off scripts.
  const job = jobName === 'exec' ? [process.argv.slice(3)] : jobs[jobName];
  if (!job) fail('usage', `unknown job "${jobName}"; expected one of: ${Object.keys(jobs).join(', ')}, exec`);

  const nodeBinDir = step('toolchain', ensureToolchain);
  const env = toolchainEnv(nodeBinDir);
  step('dependencies', () => ensureDependencies(env));
  for (const command of job) {
    const result = spawnSync(command[0], command.slice(1), { cwd: root, env, stdio: 'inherit' });
    if (result.error) fail(jobName, `could not run "${command[0]}": ${result.error.message}`);
    if (result.signal) process.kill(process.pid, result.signal);
    if (result.status !== 0) {
      console.error(`\n[bootstrap] ${jobName} failed at: ${command.join(' ')}`);
      process.exit(result.status ?? 1);
    }
  }
}

/** Runs one set-up step and names it if it fails, so a newcomer knows where to look. */
function step(name, action) {
  try {
    return action();
  } catch (error) {
    fail(name, error instanceof Error ? error.message : String(error));
  }
}

function fail(stepName, message) {
  console.error(`\n[bootstrap] step "${stepName}" failed: ${message}`);
  process.exit(1);
}

/** Returns the folder holding a Node >= 24 binary, installing the pinned one when needed. */
function ensureToolchain() {
  const nodePackage = `node-${process.platform}-${process.arch}`;
  const runningIsModern = Number(process.versions.node.split('.')[0]) >= 24;
  const wanted = runningIsModern ? { pnpm: pnpmVersion } : { [nodePackage]: NODE_VERSION, pnpm: pnpmVersion };
  const installed = Object.entries(wanted).every(([name, version]) => readInstalledVersion(name) === version);
  if (!installed) {
    const what = Object.entries(wanted)
      .map(([name, version]) => `${name}@${version}`)
      .join(' and ');
    console.error(`[bootstrap] installing ${what} into .toolchain/ ...`);
    mkdirSync(toolchainDir, { recursive: true });
    writeFileSync(
      join(toolchainDir, 'package.json'),
      `${JSON.stringify({ private: true, dependencies: wanted }, null, 2)}\n`,
    );
    const result = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      { cwd: toolchainDir, stdio: 'inherit', env: withoutNpmVariables(process.env) },
    );
    if (result.status !== 0) {
      throw new Error(
        `npm could not install ${Object.keys(wanted).join(' and ')} from the registry ` +
          `(is there a build of Node for ${process.platform}-${process.arch}? If not, install Node 24 yourself).`,
      );
    }
  }
  const binDir = join(toolchainDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const pnpmEntry = join(toolchainDir, 'node_modules', 'pnpm', 'bin', 'pnpm.mjs');
  writeExecutable(join(binDir, 'pnpm'), `#!/bin/sh\nexec node "${pnpmEntry}" "$@"\n`);
  return runningIsModern ? dirname(process.execPath) : join(toolchainDir, 'node_modules', nodePackage, 'bin');
}

function readInstalledVersion(name) {
  const manifest = join(toolchainDir, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? readJson(manifest).version : undefined;
}

function toolchainEnv(nodeBinDir) {
  const env = withoutNpmVariables(process.env);
  const path = [
    nodeBinDir,
    join(toolchainDir, 'bin'),
    join(root, 'node_modules', '.bin'),
    env.PATH ?? '',
  ].join(':');
  return {
    ...env,
    PATH: path,
    TURBO_TELEMETRY_DISABLED: '1',
    TURBO_NO_UPDATE_NOTIFIER: '1',
    DO_NOT_TRACK: '1',
  };
}

/** Installs the workspace from the frozen lockfile unless nothing it depends on changed. */
function ensureDependencies(env) {
  const stampFile = join(root, 'node_modules', '.bootstrap-stamp');
  const stamp = dependencyStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      'pnpm install --frozen-lockfile failed. If you changed a package.json, run `pnpm install` and commit pnpm-lock.yaml.',
    );
  }
  writeFileSync(stampFile, stamp);
}

function dependencyStamp() {
  const hash = createHash('sha256').update(NODE_VERSION).update(pnpmVersion);
  const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const group of ['spec', 'packages', 'apps']) {
    const groupDir = join(root, group);
    if (existsSync(join(groupDir, 'package.json'))) manifests.push(join(group, 'package.json'));
    else if (existsSync(groupDir)) {
      for (const entry of readdirSync(groupDir).sort()) {
        const manifest = join(group, entry, 'package.json');
        if (existsSync(join(root, manifest))) manifests.push(manifest);
      }
    }
  }
  for (const file of manifests) {
    const path = join(root, file);
    hash.update(file).update(existsSync(path) ? readFileSync(path) : '');
  }
  return hash.digest('hex');
}

/** npm exports its own settings as npm_* variables; pnpm would read some of them as its own. */
function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

function writeExecutable(path, content) {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== content) writeFileSync(path, content);
  chmodSync(path, 0o755);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
