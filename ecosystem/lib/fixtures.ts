/**
 * Fixture projects as npm users install them: each is copied out of the repo to <tmp>/moedata-ecosystem-<hash>/<name>
 * (outside the repository, so npm sees a lone project), its `@moedata/*` dependencies are pointed at
 * the packed tarballs, and `npm install` runs only when the manifest or a tarball changed.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installOnce, sha256 } from './cache.ts';
import { cleanEnv, fixturesDir, workDir } from './layout.ts';
import { runOrThrow } from './processes.ts';
import type { Tarball } from './tarballs.ts';

export interface PreparedFixture {
  name: string;
  /** The installed copy, where the cell runs. */
  dir: string;
  /** Whether npm ran this time (false: the cached install was still valid). */
  installed: boolean;
}

type DependencyMap = Record<string, string>;
interface FixtureManifest {
  dependencies?: DependencyMap;
  devDependencies?: DependencyMap;
  [field: string]: unknown;
}

export async function prepareFixture(name: string, tarballs: readonly Tarball[]): Promise<PreparedFixture> {
  const source = join(fixturesDir, name);
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  // Sources are refreshed every run (a fixture edit needs no reinstall); node_modules stays.
  cpSync(source, dir, { recursive: true, filter: (path) => !path.includes('node_modules') });

  const manifest = pointAtTarballs(JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')), tarballs);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, 'package.json'), manifestText);

  const key = sha256(manifestText, ...tarballs.map((tarball) => tarball.sha256));
  const installed = await installOnce(dir, key, async () => {
    // The tarballs keep their file names from one version to the next: the old lockfile and copies
    // would pin the previous content, so they go; the rest of node_modules is reused.
    rmSync(join(dir, 'package-lock.json'), { force: true });
    rmSync(join(dir, 'node_modules', '@moedata'), { recursive: true, force: true });
    await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: dir,
      env: cleanEnv(),
      timeoutMs: 600_000,
    });
  });
  if (!existsSync(join(dir, 'node_modules', '@moedata'))) {
    throw new Error(`${name}: npm installed no @moedata package; does the fixture depend on one?`);
  }
  return { name, dir, installed };
}

/**
 * Replaces each `@moedata/*` version in the fixture's manifest with `file:` + its tarball, and overrides
 * every published package with its tarball, so the client's own dependency on `@moedata/spec` resolves
 * to the packed spec as it would to the published one (never to whatever the registry holds).
 */
export function pointAtTarballs(manifest: FixtureManifest, tarballs: readonly Tarball[]): FixtureManifest {
  const point = (dependencies: DependencyMap | undefined) => {
    if (dependencies === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(dependencies).map(([dependency, version]) => {
        if (!dependency.startsWith('@moedata/')) return [dependency, version];
        const tarball = tarballs.find((candidate) => candidate.name === dependency);
        if (tarball === undefined) throw new Error(`${dependency} is not a published package of this repo`);
        return [dependency, `file:${tarball.file}`];
      }),
    );
  };
  return {
    ...manifest,
    dependencies: point(manifest.dependencies),
    devDependencies: point(manifest.devDependencies),
    overrides: Object.fromEntries(tarballs.map((tarball) => [tarball.name, `file:${tarball.file}`])),
  };
}
