/**
 * Picks the load generator: wrk when installed (installing it with apt-get when possible), otherwise a
 * Node generator in a worker thread. Either way the caller checks it against the bare server.
 */
import { Worker } from 'node:worker_threads';
import { assertLoopback, type LoadResult, type LoadSpec } from './types.ts';
import { runWrk, tryInstallWrk, wrkAvailable } from './wrk.ts';

export type { LoadResult, LoadSpec } from './types.ts';

/** Runs the Node load generator in a worker thread; it stops by itself at the spec's duration. */
export function runNodeLoad(spec: LoadSpec): Promise<LoadResult> {
  assertLoopback(spec.url);
  const worker = new Worker(new URL('./node-loadgen-worker.ts', import.meta.url), { workerData: spec });
  return new Promise((resolve, reject) => {
    const guard = setTimeout(
      () => {
        void worker.terminate();
        reject(new Error(`The Node load generator did not finish within ${spec.durationSeconds + 30} s`));
      },
      (spec.durationSeconds + 30) * 1000,
    );
    worker.once('message', (message: Omit<LoadResult, 'tool' | 'requestsPerSecond'>) => {
      clearTimeout(guard);
      void worker.terminate();
      resolve({ tool: 'node', ...message, requestsPerSecond: message.requests / message.durationSeconds });
    });
    worker.once('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
  });
}

/** A chosen load generator. */
export interface LoadGenerator {
  tool: 'wrk' | 'node';
  /** How it was chosen (for the report). */
  note: string;
  run(spec: LoadSpec, id: string): Promise<LoadResult>;
}

/** wrk if we have it (or can install it), else the Node generator; `BENCH_LOADGEN=node` forces Node. */
export function chooseLoadGenerator(workDir: string): LoadGenerator {
  if (process.env.BENCH_LOADGEN !== 'node') {
    const installNote = tryInstallWrk();
    if (wrkAvailable()) {
      return {
        tool: 'wrk',
        note: `wrk 1 thread (${installNote})`,
        run: (spec, id) => runWrk(spec, workDir, id),
      };
    }
    return {
      tool: 'node',
      note: `Node worker-thread generator (${installNote})`,
      run: (spec) => runNodeLoad(spec),
    };
  }
  return {
    tool: 'node',
    note: 'Node worker-thread generator (BENCH_LOADGEN=node)',
    run: (spec) => runNodeLoad(spec),
  };
}
