/**
 * Copies MSW's service worker script (`mockServiceWorker.js`, from the msw version this package uses)
 * into a folder your dev server serves at its root, so `setupMoEngageWorker().start()` can register it.
 * msw 3 installs no copy itself. Usage: `node packages/mock/scripts/copy-worker.ts public/`
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The worker script's file name; the page registers it as `/mockServiceWorker.js` by default. */
export const WORKER_FILE_NAME = 'mockServiceWorker.js';

/** Copies the worker script into `folder` (created when missing) and returns the written path. */
export function copyWorkerScript(folder: string): string {
  const source = fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js'));
  mkdirSync(folder, { recursive: true });
  const target = join(resolve(folder), WORKER_FILE_NAME);
  copyFileSync(source, target);
  return target;
}

if (import.meta.main) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('Usage: node packages/mock/scripts/copy-worker.ts <folder your dev server serves at />');
    process.exit(2);
  }
  console.log(`Wrote ${copyWorkerScript(folder)}`);
}
