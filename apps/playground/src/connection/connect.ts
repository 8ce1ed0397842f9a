/**
 * Opens the chosen emulator: starts MSW's worker with the engine inside the page, or points at a
 * standalone emulator. Either way the page then uses the same generated client and the same views.
 */
import { createMoEngage, type MoEngageClient } from '@moedata/client';
import { DEMO_WORKSPACE, type Engine } from '@moedata/mock';
import {
  type EmulatorInspector,
  engineInspector,
  httpInspector,
  listEmulatorWorkspaces,
} from '../emulator/inspector.ts';
import type { ModeChoice } from './choose-mode.ts';

/** What the client signs requests with. */
export interface Credentials {
  workspaceId: string;
  apiKey: string;
}

/** An open emulator. */
export interface Connection {
  readonly choice: ModeChoice;
  /** One line for the header, e.g. "Emulator in this page (MSW service worker)". */
  readonly label: string;
  /** Where the Data API requests go, as the client is configured. */
  readonly target: string;
  readonly inspector: EmulatorInspector;
  /** The API reference next to the emulator, when there is one. */
  readonly docsUrl: string | undefined;
  /** A client for these credentials; `validateRequests: false` lets bad bodies reach the emulator. */
  createClient(credentials: Credentials, validateRequests: boolean): MoEngageClient;
  /** Workspace ids the emulator knows (suggestions for the header). */
  workspaceIds(): Promise<string[]>;
}

/**
 * The emulator inside the page: the client talks to the real MoEngage host of data center 01, as
 * production code does, and MSW (the service worker here, `setupServer` in tests) hands each request
 * to `engine`, so nothing reaches the network.
 */
export function inPageConnection(engine: Engine): Connection {
  return {
    choice: { mode: 'worker' },
    label: 'Emulator inside this page (MSW service worker)',
    target: 'https://api-01.moengage.com (answered by the service worker)',
    inspector: engineInspector(engine),
    docsUrl: undefined,
    createClient: (credentials, validateRequests) =>
      createMoEngage({ ...credentials, dataCenter: '01', validateRequests }),
    workspaceIds: async () => engine.workspaces.list().map((workspace) => workspace.workspaceId),
  };
}

/**
 * Starts the emulator's MSW worker in this page, with the demo workspace (`DEMO_WORKSPACE`, the one
 * `moengage-mock` creates by default).
 * @param workerUrl where the build serves `mockServiceWorker.js`
 */
export async function connectWorker(workerUrl: string): Promise<Connection> {
  // Loaded only in this mode, so a page talking to a standalone emulator never downloads MSW.
  const { setupMoEngageWorker } = await import('@moedata/mock/browser');
  const mock = setupMoEngageWorker({
    workspaces: { [DEMO_WORKSPACE.workspaceId]: { apiKey: DEMO_WORKSPACE.apiKey } },
  });
  await mock.start({ serviceWorker: { url: workerUrl } });
  return inPageConnection(mock.engine);
}

/** Uses the standalone emulator at `baseUrl` (same origin when it serves this page). */
export function connectEmulator(baseUrl: string): Connection {
  return {
    choice: { mode: 'emulator', baseUrl },
    label: `Standalone emulator at ${baseUrl}`,
    target: baseUrl,
    inspector: httpInspector(baseUrl),
    docsUrl: `${baseUrl}/docs/`,
    createClient: (credentials, validateRequests) =>
      createMoEngage({ ...credentials, baseUrl, validateRequests }),
    workspaceIds: () => listEmulatorWorkspaces(baseUrl).catch(() => []),
  };
}
