// Checks a published package as npm users get it: packs it with pnpm (which applies publishConfig, so
// `exports` points at dist/; `attw --pack .` would pack with npm, which ignores publishConfig and finds
// src/ missing), checks what the tarball holds, then runs publint and Are-the-Types-Wrong on it. Offline.
// Each published package's `scripts/check-package.ts` calls it with its own lists, after its build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface PackageCheck {
  /** The package folder (holding package.json). */
  packageDir: string;
  /** Files every install needs (entry points, what a bin runs, the licence). */
  required: readonly string[];
  /** What must never ship: sources (Node refuses .ts under node_modules), tests, test helpers. */
  forbidden: readonly RegExp[];
}

export function checkPackage({ packageDir, required, forbidden }: PackageCheck): void {
  const name = basename(packageDir);
  if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
    console.error(`dist/ is missing: run \`pnpm --filter @moedata/${name} build\` first.`);
    process.exit(1);
  }
  const run = (command: string, args: string[], stdout: 'inherit' | 'pipe' = 'inherit'): string => {
    const result = spawnSync(command, args, {
      cwd: packageDir,
      stdio: ['ignore', stdout, 'inherit'],
      encoding: 'utf8',
    });
    if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
    if (result.status !== 0) {
      console.error(`\ncheck:package failed at: ${command} ${args.join(' ')}`);
      process.exit(result.status ?? 1);
    }
    return result.stdout ?? '';
  };
  // A devDependency's executable, so the check also works when run with plain `node` (not via pnpm).
  const devTool = (tool: string) => join(packageDir, 'node_modules', '.bin', tool);

  const packDir = mkdtempSync(join(tmpdir(), `moedata-${name}-pack-`));
  try {
    const packed = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', packDir], 'pipe')) as {
      filename: string;
      files: Array<{ path: string }>;
    };
    const files = packed.files.map((file) => file.path);
    const problems = [
      ...required.filter((path) => !files.includes(path)).map((path) => `missing ${path}`),
      ...files
        .filter((path) => forbidden.some((pattern) => pattern.test(path)))
        .map((path) => `ships ${path}`),
    ];
    if (problems.length > 0) {
      console.error(
        `The tarball is wrong:\n  ${problems.join('\n  ')}\nFix "files" in package.json or tsconfig.build.json.`,
      );
      process.exit(1);
    }
    console.log(`Tarball: ${files.length} files, every required file present, no sources or tests.`);
    run(devTool('publint'), ['run', packed.filename, '--strict']);
    run(devTool('attw'), [packed.filename, '--profile', 'esm-only']);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}
