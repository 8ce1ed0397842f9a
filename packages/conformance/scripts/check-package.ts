// Checks the package as npm users get it: packs it with pnpm (which applies publishConfig, so `exports`
// points at dist/; `attw --pack .` would pack with npm, which ignores publishConfig and finds src/ missing),
// checks what the tarball holds, then runs publint and Are-the-Types-Wrong on it. Offline.
// Run after `pnpm --filter @moedata/conformance build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Files every install needs: the entry point, what the `moengage-conformance` bin runs, the licence. */
const REQUIRED = ['dist/index.js', 'dist/cli.js', 'bin/moengage-conformance.js', 'LICENSE', 'README.md'];
/** What must never ship: sources (the bin would run them, and Node refuses .ts under node_modules), tests, test helpers. */
const FORBIDDEN = [/^src\//, /\.test(-d)?\.(js|d\.ts)$/, /testing\//];

if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
  console.error('dist/ is missing: run `pnpm --filter @moedata/conformance build` first.');
  process.exit(1);
}

const packDir = mkdtempSync(join(tmpdir(), 'moedata-conformance-pack-'));
try {
  const packed = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', packDir], 'pipe')) as {
    filename: string;
    files: Array<{ path: string }>;
  };
  const files = packed.files.map((file) => file.path);
  const problems = [
    ...REQUIRED.filter((path) => !files.includes(path)).map((path) => `missing ${path}`),
    ...files.filter((path) => FORBIDDEN.some((pattern) => pattern.test(path))).map((path) => `ships ${path}`),
  ];
  if (problems.length > 0) {
    console.error(
      `The tarball is wrong:\n  ${problems.join('\n  ')}\nFix "files" in package.json or tsconfig.build.json.`,
    );
    process.exit(1);
  }
  console.log(`Tarball: ${files.length} files, entry points and bin present, no sources or tests.`);
  run(devTool('publint'), ['run', packed.filename, '--strict']);
  run(devTool('attw'), [packed.filename, '--profile', 'esm-only']);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

/** A devDependency's executable, so the script also works when run with plain `node` (not via pnpm). */
function devTool(name: string): string {
  return join(packageDir, 'node_modules', '.bin', name);
}

function run(command: string, args: string[], stdout: 'inherit' | 'pipe' = 'inherit'): string {
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
}
