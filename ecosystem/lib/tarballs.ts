/**
 * The published packages as npm users get them: built, then packed with `pnpm pack` (which applies
 * `publishConfig` and turns `workspace:*` into the shared version) into ecosystem/.cache/tarballs.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './cache.ts';
import { cacheDir, repoRoot } from './layout.ts';
import { runOrThrow } from './processes.ts';

/** The published packages and where each lives in the repo. */
export const PUBLISHED = [
  { name: '@moedata/spec', dir: 'spec' },
  { name: '@moedata/client', dir: 'packages/client' },
  { name: '@moedata/mock', dir: 'packages/mock' },
  { name: '@moedata/conformance', dir: 'packages/conformance' },
] as const;
export type PublishedName = (typeof PUBLISHED)[number]['name'];

export interface Tarball {
  name: PublishedName;
  file: string;
  bytes: number;
  sha256: string;
  fileCount: number;
}

const tarballsDir = join(cacheDir, 'tarballs');

/** Builds the published packages (a turbo cache hit when nothing changed) and packs them. */
export async function packPublished(): Promise<Tarball[]> {
  await runOrThrow(
    'turbo',
    ['run', 'build', ...PUBLISHED.map(({ name }) => `--filter=${name}`), '--output-logs=errors-only'],
    { cwd: repoRoot, timeoutMs: 600_000 },
  );
  rmSync(tarballsDir, { recursive: true, force: true });
  mkdirSync(tarballsDir, { recursive: true });
  return Promise.all(
    PUBLISHED.map(async ({ name, dir }) => {
      const { stdout } = await runOrThrow('pnpm', ['pack', '--json', '--pack-destination', tarballsDir], {
        cwd: join(repoRoot, dir),
        timeoutMs: 120_000,
      });
      const packed = JSON.parse(stdout) as { filename: string; files: unknown[] };
      const content = readFileSync(packed.filename);
      return {
        name,
        file: packed.filename,
        bytes: content.byteLength,
        sha256: sha256(content),
        fileCount: packed.files.length,
      };
    }),
  );
}
