import { execFile } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { specPackageDir } from './spec-document.ts';

/** What a CLI printed and how it exited. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI of the spec package (`spec/node_modules/.bin/<name>`) from the package folder.
 * Resolves whatever the exit code: lint tools exit non-zero when they find problems, and the
 * caller reads their JSON report. Redocly's usage data and update check are turned off: tests
 * never touch the network.
 */
export function runSpecCli(name: string, args: readonly string[], timeoutMs = 300_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      join(specPackageDir, 'node_modules', '.bin', name),
      args,
      {
        cwd: specPackageDir,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          // The .bin shims run `node`: make it this Node (24), whatever PATH says.
          PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
        },
      },
      (error, stdout, stderr) => {
        if (error?.killed) {
          reject(
            new Error(`${name} did not finish within ${timeoutMs / 1000} s: is the machine overloaded?`),
          );
          return;
        }
        if (error && typeof error.code !== 'number') {
          reject(
            new Error(`Could not run ${name}: ${error.message}. Run \`pnpm install\` in the repo root.`),
          );
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Parses a CLI's JSON report, or throws with everything it printed. */
export function parseJsonReport<T>(name: string, result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `${name} did not print a JSON report (exit ${result.exitCode}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}
