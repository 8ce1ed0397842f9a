/**
 * The mock's inspection API behind one interface: the store accessors in-process, or the `/_mock/*`
 * endpoints of the standalone server. Round-trip tests read the stored state through it and compare
 * it with what Get User reports, so both views of the state are checked against each other.
 */
import type {
  DeleteRecord,
  FileImportRun,
  MergeRecord,
  RequestLogEntry,
  Store,
  StoredDevice,
  StoredEvent,
  StoredUser,
} from '@moedata/mock';

/** What the emulator holds for a workspace. */
export interface Inspector {
  user(workspaceId: string, customerId: string): Promise<StoredUser | undefined>;
  users(workspaceId: string): Promise<StoredUser[]>;
  events(workspaceId: string, filter?: { customerId?: string }): Promise<StoredEvent[]>;
  devices(workspaceId: string): Promise<StoredDevice[]>;
  merges(workspaceId: string): Promise<MergeRecord[]>;
  deletes(workspaceId: string): Promise<DeleteRecord[]>;
  fileImportRuns(workspaceId: string): Promise<FileImportRun[]>;
  requests(workspaceId: string): Promise<RequestLogEntry[]>;
}

/** Reads the store of an in-process engine. */
export function storeInspector(store: Store): Inspector {
  return {
    user: async (workspaceId, customerId) => store.users.get(workspaceId, customerId),
    users: async (workspaceId) => store.users.list(workspaceId),
    events: async (workspaceId, filter = {}) => store.events.list(workspaceId, filter),
    devices: async (workspaceId) => store.devices.list(workspaceId),
    merges: async (workspaceId) => store.merges.list(workspaceId),
    deletes: async (workspaceId) => store.deletes.list(workspaceId),
    fileImportRuns: async (workspaceId) => store.fileImportRuns.list(workspaceId),
    requests: async (workspaceId) => store.requestLog.list(workspaceId),
  };
}

/** Reads the `/_mock/*` endpoints of a standalone server. */
export function httpInspector(baseUrl: string): Inspector {
  /** Every record of a list, following its pages (`next`) to the end. */
  const list = async <T>(
    path: string,
    key: string,
    workspaceId: string,
    extra: Record<string, string> = {},
  ) => {
    const records: T[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ workspace: workspaceId, ...extra, limit: '5000' });
      if (cursor !== null) query.set('cursor', cursor);
      const response = await fetch(`${baseUrl}/_mock${path}?${query}`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        throw new Error(`GET /_mock${path} answered ${response.status}: ${await response.text()}`);
      const page = (await response.json()) as Record<string, unknown>;
      records.push(...(page[key] as T[]));
      cursor = page.next as string | null;
    } while (cursor !== null);
    return records;
  };
  return {
    async user(workspaceId, customerId) {
      const response = await fetch(
        `${baseUrl}/_mock/users/${encodeURIComponent(workspaceId)}/${encodeURIComponent(customerId)}`,
        { signal: AbortSignal.timeout(10_000) },
      );
      if (response.status === 404) return undefined;
      return ((await response.json()) as { user: StoredUser }).user;
    },
    users: (workspaceId) => list('/users', 'users', workspaceId),
    events: (workspaceId, filter = {}) =>
      list('/events', 'events', workspaceId, filter.customerId ? { customer_id: filter.customerId } : {}),
    devices: (workspaceId) => list('/devices', 'devices', workspaceId),
    merges: (workspaceId) => list('/merges', 'merges', workspaceId),
    deletes: (workspaceId) => list('/deletes', 'deletes', workspaceId),
    fileImportRuns: (workspaceId) => list('/file-imports', 'fileImportRuns', workspaceId),
    requests: (workspaceId) => list('/requests', 'requests', workspaceId),
  };
}
