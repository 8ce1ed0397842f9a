/**
 * The peers we compare against, installed for the benchmark only into the git-ignored `bench/.peers/`
 * with npm (exact versions), so the workspace lockfile never carries them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './process.ts';

/** Exact versions of the peers. */
export const PEER_VERSIONS = {
  '@stoplight/prism-cli': '5.16.0',
  'openapi-fetch': '0.17.0',
} as const;

export type PeerName = keyof typeof PEER_VERSIONS;

/** `bench/.peers`. */
export const peersDir = new URL('../.peers/', import.meta.url).pathname;

/** Folder of an installed peer package. */
export function peerPackageDir(name: PeerName): string {
  return join(peersDir, 'node_modules', name);
}

function installedVersion(name: PeerName): string | undefined {
  try {
    return (
      JSON.parse(readFileSync(join(peerPackageDir(name), 'package.json'), 'utf8')) as { version?: string }
    ).version;
  } catch {
    return undefined;
  }
}

/** The peers that are missing or at another version. */
export function missingPeers(): PeerName[] {
  return (Object.keys(PEER_VERSIONS) as PeerName[]).filter(
    (name) => installedVersion(name) !== PEER_VERSIONS[name],
  );
}

/** What {@link ensurePeers} found or did, for the report. */
export interface PeersState {
  ok: boolean;
  note: string;
}

let installing: Promise<PeersState> | undefined;

/**
 * Installs the missing peers with `npm install --prefix bench/.peers` (first run only; about 20 s on a
 * warm npm cache). Every caller of one run shares the same install: `run.ts` starts it before the
 * suites, outside their budgets, and the suites await its result. Resolves with a sentence for the
 * report; never throws, so a failed install only skips the peer rows.
 */
export function ensurePeers(): Promise<PeersState> {
  installing ??= installPeers();
  return installing;
}

async function installPeers(): Promise<PeersState> {
  const missing = missingPeers();
  if (missing.length === 0) return { ok: true, note: 'peers already installed in bench/.peers' };
  mkdirSync(peersDir, { recursive: true });
  const manifest = join(peersDir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(
      manifest,
      `${JSON.stringify({ private: true, description: 'Benchmark peers; git-ignored' }, null, 2)}\n`,
    );
  }
  const specs = missing.map((name) => `${name}@${PEER_VERSIONS[name]}`);
  console.log(`[bench] installing benchmark peers into bench/.peers (first run only): ${specs.join(' ')}`);
  const result = await runCommand(
    'npm',
    [
      'install',
      '--prefix',
      peersDir,
      '--no-audit',
      '--no-fund',
      '--save-exact',
      '--ignore-scripts',
      ...specs,
    ],
    // No install script of these peers is needed (one is a telemetry postinstall).
    { timeoutMs: 300_000, env: { SCARF_ANALYTICS: 'false' } },
  );
  const stillMissing = missingPeers();
  if (stillMissing.length === 0)
    return { ok: true, note: `installed ${specs.join(', ')} into bench/.peers with npm` };
  return {
    ok: false,
    note: `could not install ${stillMissing.join(', ')} (npm exit ${result.code}${result.timedOut ? ', timed out' : ''}: ${result.stderr.trim().split('\n').slice(-2).join(' ')})`,
  };
}

/** The Prism CLI entry script (run with the current Node). */
export function prismEntry(): string {
  return join(peerPackageDir('@stoplight/prism-cli'), 'dist', 'index.js');
}
