import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

const WORKER_FILE = 'mockServiceWorker.js';

/**
 * Ships MSW's service worker script with the page, from the msw version installed here, so it can
 * never go stale the way a copy committed into public/ can: served by the dev server, emitted into
 * the build next to index.html (the page registers it relative to itself).
 */
function mswWorkerScript(): Plugin {
  const source = createRequire(import.meta.url).resolve(`msw/${WORKER_FILE}`);
  return {
    name: 'playground:msw-worker-script',
    configureServer(server) {
      server.middlewares.use(`/${WORKER_FILE}`, (_request, response) => {
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        response.setHeader('cache-control', 'no-store');
        response.end(readFileSync(source));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKER_FILE, source: readFileSync(source, 'utf8') });
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the same build works at `/` of the emulator and under any other path.
  base: './',
  plugins: [mswWorkerScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2023',
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
