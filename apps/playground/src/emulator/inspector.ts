/**
 * What the playground asks of the emulator besides the Data API: its state for one workspace, a
 * reset, and the rate-limit budgets. Two implementations: over the engine running in this page
 * (worker mode) and over the standalone server's `/_mock/*` JSON endpoints (emulator mode).
 */
import type {
  DeleteRecord,
  DroppedItem,
  Engine,
  FileImportRun,
  MergeRecord,
  RateLimits,
  RequestLogEntry,
  StoredDevice,
  StoredEvent,
  StoredUser,
} from '@moedata/mock';
import type { OperationId } from '@moedata/spec';
import type { RateLimitUnit } from '@moedata/spec/rules';

/** Everything the emulator holds for one workspace. */
export interface WorkspaceState {
  users: StoredUser[];
  devices: StoredDevice[];
  events: StoredEvent[];
  merges: MergeRecord[];
  deletes: DeleteRecord[];
  drops: DroppedItem[];
  fileImportRuns: FileImportRun[];
  requests: RequestLogEntry[];
}

/** The emulator's inspection and control surface, as the playground uses it. */
export interface EmulatorInspector {
  /** Where the state comes from, for the UI (`engine in this page`, `http://127.0.0.1:4010/_mock`). */
  readonly source: string;
  state(workspaceId: string): Promise<WorkspaceState>;
  /** Empties the store and the rate-limit windows (workspaces and budgets stay). */
  reset(): Promise<void>;
  /** The budgets in force for the workspace, per operation and unit. */
  rateLimits(workspaceId: string): Promise<RateLimits>;
  /** Changes one budget (units per window) of one operation, keeping the others. */
  setRateLimit(
    workspaceId: string,
    operationId: OperationId,
    unit: RateLimitUnit,
    value: number,
  ): Promise<void>;
}

function withBudget(current: RateLimits, operationId: OperationId, unit: RateLimitUnit, value: number) {
  return { ...current, [operationId]: { ...current[operationId], [unit]: value } };
}

function unknownWorkspace(workspaceId: string, howToAdd: string): Error {
  return new Error(`The emulator has no workspace "${workspaceId}": ${howToAdd}`);
}

function inPageHint(engine: Engine): string {
  const served = engine.workspaces.list().map((workspace) => workspace.workspaceId);
  return `the emulator in this page serves ${served.join(', ') || 'no workspace'}; use one of those, or switch to the standalone emulator, which serves the workspaces given with --workspace ID:KEY.`;
}

/** Reads and controls the engine running in this page (the MSW worker's engine). */
export function engineInspector(engine: Engine): EmulatorInspector {
  return {
    source: 'the engine inside this page',
    async state(workspaceId) {
      const { store } = engine;
      return {
        users: store.users.list(workspaceId),
        devices: store.devices.list(workspaceId),
        events: store.events.list(workspaceId),
        merges: store.merges.list(workspaceId),
        deletes: store.deletes.list(workspaceId),
        drops: store.drops.list(workspaceId),
        fileImportRuns: store.fileImportRuns.list(workspaceId),
        requests: store.requestLog.list(workspaceId),
      };
    },
    async reset() {
      engine.reset();
    },
    async rateLimits(workspaceId) {
      const workspace = engine.workspaces.get(workspaceId);
      if (!workspace) throw unknownWorkspace(workspaceId, inPageHint(engine));
      return workspace.rateLimits;
    },
    async setRateLimit(workspaceId, operationId, unit, value) {
      const workspace = engine.workspaces.get(workspaceId);
      if (!workspace) throw unknownWorkspace(workspaceId, inPageHint(engine));
      engine.workspaces.update(workspaceId, {
        rateLimits: withBudget(workspace.rateLimits, operationId, unit, value),
      });
    },
  };
}

/** What `/_mock/workspaces` lists per workspace (the part the playground reads). */
interface ListedWorkspace {
  workspaceId: string;
  rateLimits: RateLimits;
}

/**
 * Reads and controls a standalone emulator over HTTP (`/_mock/*`).
 * @param baseUrl the emulator's origin, e.g. `http://127.0.0.1:4010`
 */
export function httpInspector(baseUrl: string, fetchImpl: typeof fetch = fetch): EmulatorInspector {
  const root = `${baseUrl.replace(/\/+$/, '')}/_mock`;

  // The emulator hands its admin token to its own origin and to origins it was started to allow;
  // fetched once, on the first change.
  let adminHeaders: Promise<Record<string, string>> | undefined;
  const loadAdminHeaders = async () => {
    const { header, token } = await request<{ header: string; token: string | null }>('GET', '/admin-token');
    return { 'content-type': 'application/json', ...(token !== null && { [header]: token }) };
  };
  const admin = (): Promise<Record<string, string>> => {
    adminHeaders ??= loadAdminHeaders().catch((error: unknown) => {
      adminHeaders = undefined; // an emulator started later gets asked again
      throw error;
    });
    return adminHeaders;
  };

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    const headers = method === 'GET' ? undefined : await admin();
    try {
      response = await fetchImpl(`${root}${path}`, {
        method,
        ...(headers && { headers }),
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(
        `Could not reach the emulator at ${baseUrl} (${error instanceof Error ? error.message : String(error)}): is it running? Start it with \`npm start\`.`,
      );
    }
    const answer = (await response.json().catch(() => null)) as { message?: string } | null;
    if (!response.ok) {
      throw new Error(
        `${method} ${root}${path} answered ${response.status}: ${answer?.message ?? 'no details'}`,
      );
    }
    return answer as T;
  }

  const listed = async (workspaceId: string): Promise<ListedWorkspace> => {
    const { workspaces } = await request<{ workspaces: ListedWorkspace[] }>('GET', '/workspaces');
    const workspace = workspaces.find((candidate) => candidate.workspaceId === workspaceId);
    if (!workspace) {
      throw unknownWorkspace(
        workspaceId,
        `restart the emulator with --workspace ${workspaceId}:KEY, or add it with POST ${root}/workspaces.`,
      );
    }
    return workspace;
  };

  return {
    source: root,
    async state(workspaceId) {
      const query = `?workspace=${encodeURIComponent(workspaceId)}`;
      const [users, devices, events, merges, deletes, drops, fileImports, requests] = await Promise.all([
        request<{ users: StoredUser[] }>('GET', `/users${query}`),
        request<{ devices: StoredDevice[] }>('GET', `/devices${query}`),
        request<{ events: StoredEvent[] }>('GET', `/events${query}`),
        request<{ merges: MergeRecord[] }>('GET', `/merges${query}`),
        request<{ deletes: DeleteRecord[] }>('GET', `/deletes${query}`),
        request<{ drops: DroppedItem[] }>('GET', `/drops${query}`),
        request<{ fileImportRuns: FileImportRun[] }>('GET', `/file-imports${query}`),
        request<{ requests: RequestLogEntry[] }>('GET', `/requests${query}`),
      ]);
      return {
        users: users.users,
        devices: devices.devices,
        events: events.events,
        merges: merges.merges,
        deletes: deletes.deletes,
        drops: drops.drops,
        fileImportRuns: fileImports.fileImportRuns,
        requests: requests.requests,
      };
    },
    async reset() {
      await request('POST', '/reset');
    },
    async rateLimits(workspaceId) {
      return (await listed(workspaceId)).rateLimits;
    },
    async setRateLimit(workspaceId, operationId, unit, value) {
      const { rateLimits } = await listed(workspaceId);
      await request('PATCH', `/workspaces/${encodeURIComponent(workspaceId)}`, {
        rateLimits: withBudget(rateLimits, operationId, unit, value),
      });
    },
  };
}

/** Workspace ids the standalone emulator serves (for the header's suggestions). */
export async function listEmulatorWorkspaces(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string[]> {
  const response = await fetchImpl(`${baseUrl.replace(/\/+$/, '')}/_mock/workspaces`);
  if (!response.ok) return [];
  const { workspaces } = (await response.json()) as { workspaces: ListedWorkspace[] };
  return workspaces.map((workspace) => workspace.workspaceId);
}
