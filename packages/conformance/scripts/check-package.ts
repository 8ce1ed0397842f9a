// Checks the package as npm users get it: packs it with pnpm (which applies publishConfig, so
// `exports` points at dist/), then runs publint and Are-the-Types-Wrong on the tarball. Offline.
// Run after `pnpm --filter @moedata/conformance build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `pnpm --filter @moedata/conformance build` first.');
  process.exit(1);
}

const packDir = mkdtempSync(join(tmpdir(), 'moedata-conformance-pack-'));
try {
  run('pnpm', ['pack', '--pack-destination', packDir]);
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${packDir}`);
  const tarballPath = join(packDir, tarball);
  run('publint', ['run', tarballPath, '--strict']);
  run('attw', [tarballPath, '--profile', 'esm-only']);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: packageDir, stdio: 'inherit' });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    console.error(`\ncheck:package failed at: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}
