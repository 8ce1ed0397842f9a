/**
 * Suite 6, the pipeline: a cold `turbo run generate --force` and a no-change rerun, which must be a full
 * cache hit (every task restored, none executed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../lib/paths.ts';
import { runCommand } from '../lib/process.ts';
import type { SuiteResult } from '../lib/report.ts';
import { formatNumber } from '../lib/stats.ts';
import type { SuiteContext } from '../lib/suite.ts';

interface TaskSummary {
  taskId: string;
  hash: string;
  inputs: Record<string, string>;
  cache: { status: string };
}

interface TurboRun {
  summaryFile: string | null;
  elapsedMs: number;
  exitCode: number | null;
  cached: number | null;
  total: number | null;
  fullTurbo: boolean;
  tail: string;
}

async function turboGenerate(force: boolean): Promise<TurboRun> {
  const args = ['run', 'generate', '--output-logs=errors-only', '--summarize', ...(force ? ['--force'] : [])];
  const localTurbo = join(repoRoot, 'node_modules', '.bin', 'turbo');
  const result = await runCommand(existsSync(localTurbo) ? localTurbo : 'turbo', args, {
    cwd: repoRoot,
    timeoutMs: 300_000,
    env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const cachedMatch = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  const summaryMatch = /Summary:\s+(\S+\.json)/.exec(output);
  return {
    summaryFile: summaryMatch?.[1] ? resolve(repoRoot, summaryMatch[1]) : null,
    elapsedMs: result.elapsedMs,
    exitCode: result.code,
    cached: cachedMatch ? Number(cachedMatch[1]) : null,
    total: cachedMatch ? Number(cachedMatch[2]) : null,
    fullTurbo: output.includes('FULL TURBO'),
    tail: output.trim().split('\n').slice(-6).join(' / '),
  };
}

function readTasks(file: string | null): Map<string, TaskSummary> {
  if (!file || !existsSync(file)) return new Map();
  const summary = JSON.parse(readFileSync(file, 'utf8')) as { tasks?: TaskSummary[] };
  return new Map((summary.tasks ?? []).map((task) => [task.taskId, task]));
}

/** Says, per task the rerun executed, which inputs changed between the two runs (or that none did). */
function explainMisses(cold: TurboRun, warm: TurboRun): string[] {
  const before = readTasks(cold.summaryFile);
  const after = readTasks(warm.summaryFile);
  const reasons: string[] = [];
  for (const task of after.values()) {
    if (task.cache.status === 'HIT') continue;
    const previous = before.get(task.taskId);
    if (!previous) {
      reasons.push(`${task.taskId}: not in the cold run`);
      continue;
    }
    const files = new Set([...Object.keys(previous.inputs), ...Object.keys(task.inputs)]);
    const changed = [...files].filter((f) => previous.inputs[f] !== task.inputs[f]);
    if (changed.length > 0) {
      reasons.push(
        `${task.taskId}: inputs changed between the runs (${changed.slice(0, 4).join(', ')}${changed.length > 4 ? ', ...' : ''}); if nobody edited them, the task rewrites its own inputs`,
      );
    } else if (previous.hash !== task.hash) {
      reasons.push(
        `${task.taskId}: same files but a different hash (a dependency's hash or an environment variable changed)`,
      );
    } else {
      reasons.push(
        `${task.taskId}: same hash but not restored (its outputs are not declared, or the cache was not written)`,
      );
    }
  }
  return reasons;
}

/** Runs the pipeline suite. */
export async function runPipelineSuite(context: SuiteContext): Promise<SuiteResult> {
  const started = performance.now();
  const notes: string[] = [];
  context.log('cold: turbo run generate --force');
  const cold = await turboGenerate(true);
  context.log('no-change rerun: turbo run generate');
  const warm = cold.exitCode === 0 ? await turboGenerate(false) : null;
  const cacheHit = warm !== null && warm.exitCode === 0 && warm.total !== null && warm.cached === warm.total;
  const rows: string[][] = [
    [
      'cold: `turbo run generate --force`',
      formatNumber(cold.elapsedMs / 1000, 1),
      `${cold.cached ?? '?'} / ${cold.total ?? '?'}`,
      cold.exitCode === 0 ? 'ok' : `failed (exit ${cold.exitCode})`,
    ],
  ];
  if (warm) {
    rows.push([
      'no-change rerun: `turbo run generate`',
      formatNumber(warm.elapsedMs / 1000, 1),
      `${warm.cached ?? '?'} / ${warm.total ?? '?'}`,
      cacheHit ? `cache hit${warm.fullTurbo ? ' (FULL TURBO)' : ''}` : 'NOT a full cache hit',
    ]);
  }
  if (cold.exitCode !== 0)
    notes.push(`Cold generate failed, so the rerun was not attempted. turbo said: ${cold.tail}`);
  else if (warm && !cacheHit) {
    notes.push(
      `The no-change rerun executed tasks again: ${explainMisses(cold, warm).join('; ') || warm.tail}.`,
    );
  }
  notes.push(
    "Both runs use the repository's own turbo and local cache. Nothing changes between them, so a task that runs again either rewrites its own inputs or has undeclared outputs (unless someone edited its files meanwhile: the note above names the files whose hashes changed).",
  );
  const speedup = warm && cold.exitCode === 0 ? cold.elapsedMs / warm.elapsedMs : null;
  return {
    name: 'pipeline',
    title: '6. Pipeline: turbo generate',
    status: cold.exitCode === 0 ? 'ok' : 'partial',
    tables: [
      { title: 'turbo run generate', columns: ['Run', 'Seconds', 'Cached / total tasks', 'Result'], rows },
    ],
    notes,
    summary: {
      pipelineColdSeconds: cold.exitCode === 0 ? Math.round(cold.elapsedMs) / 1000 : null,
      pipelineRerunCacheHit: warm ? cacheHit : null,
      pipelineRerunSpeedup: speedup === null ? null : Math.round(speedup * 10) / 10,
    },
    details: { cold, warm },
    durationMs: performance.now() - started,
  };
}
