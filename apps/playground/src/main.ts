/**
 * Entry point: picks the emulator (in the page, or the standalone server), opens it, and starts the
 * page. Any failure to start is shown on the page with what to do, never only in the console.
 */
import { DEMO_WORKSPACE } from '@moedata/mock';
import { startApp } from './app.ts';
import { chooseMode, healthProbe, switchModeSearch } from './connection/choose-mode.ts';
import { type Connection, connectEmulator, connectWorker } from './connection/connect.ts';
import { createPlayground } from './playground.ts';
import './styles.css';

/** Where the build puts MSW's worker script: next to index.html, whatever path the page is served under. */
const WORKER_URL = new URL('mockServiceWorker.js', document.baseURI).pathname;

async function boot(root: Element): Promise<void> {
  const { choice, emulatorUrl } = await chooseMode(location.search, location.origin, healthProbe());
  let connection: Connection;
  try {
    connection = choice.mode === 'worker' ? await connectWorker(WORKER_URL) : connectEmulator(choice.baseUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not start the in-page emulator (${reason}). Service workers need http://localhost, http://127.0.0.1 or https; ` +
        `or run \`npm start\` and open the standalone emulator instead.`,
    );
  }
  const playground = createPlayground(connection, { credentials: DEMO_WORKSPACE });
  startApp(root, playground, {
    connection,
    switchSearch: switchModeSearch(choice, location.search, emulatorUrl),
  });
  await playground.load();
  root.setAttribute('data-ready', connection.choice.mode);
}

const root = document.querySelector('#app');
if (root) {
  boot(root).catch((error: unknown) => {
    const box = document.createElement('div');
    box.className = 'callout callout-danger boot-error';
    box.setAttribute('data-testid', 'boot-error');
    box.textContent = error instanceof Error ? error.message : String(error);
    root.replaceChildren(box);
  });
}
