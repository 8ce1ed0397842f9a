/**
 * Which emulator the playground talks to. `?mode=worker` runs the emulator inside the page (MSW's
 * service worker; no server at all); `?emulator=URL` (or `?mode=emulator`) uses a standalone
 * emulator. Without either, a page served by the emulator itself (it answers `/_mock/health` on the
 * same origin) uses it, and any other page runs the worker.
 */

/** Where requests go. */
export type ModeChoice = { mode: 'worker' } | { mode: 'emulator'; baseUrl: string };

/** Answers whether an emulator listens at `baseUrl` (its `/_mock/health` says ok). */
export type EmulatorProbe = (baseUrl: string) => Promise<boolean>;

/** Where `npm start` runs the emulator when the page does not come from it. */
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4010';

/**
 * Chooses the mode from the page's query string and origin, and tells where the emulator would be
 * (for the link that switches modes).
 * @param search `location.search`
 * @param origin `location.origin`
 */
export async function chooseMode(
  search: string,
  origin: string,
  probe: EmulatorProbe,
): Promise<{ choice: ModeChoice; emulatorUrl: string }> {
  const params = new URLSearchParams(search);
  const mode = params.get('mode');
  const emulator = params.get('emulator')?.replace(/\/+$/, '');
  if (emulator) return { choice: { mode: 'emulator', baseUrl: emulator }, emulatorUrl: emulator };
  if (mode === 'emulator') return { choice: { mode: 'emulator', baseUrl: origin }, emulatorUrl: origin };
  const servedByEmulator = await probe(origin);
  const emulatorUrl = servedByEmulator ? origin : DEFAULT_EMULATOR_URL;
  if (mode !== 'worker' && servedByEmulator)
    return { choice: { mode: 'emulator', baseUrl: origin }, emulatorUrl };
  return { choice: { mode: 'worker' }, emulatorUrl };
}

/**
 * The default probe: `GET {baseUrl}/_mock/health` within `timeoutMs`. A dev server answering with
 * its HTML page (or nothing) is not an emulator.
 */
export function healthProbe(fetchImpl: typeof fetch = fetch, timeoutMs = 1500): EmulatorProbe {
  return async (baseUrl) => {
    try {
      const response = await fetchImpl(`${baseUrl}/_mock/health`, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return false;
      const body = (await response.json()) as { status?: unknown };
      return body.status === 'ok';
    } catch {
      return false;
    }
  };
}

/** The query string that switches to the other mode, keeping the rest of the page's query. */
export function switchModeSearch(current: ModeChoice, search: string, emulatorUrl: string): string {
  const params = new URLSearchParams(search);
  params.delete('mode');
  params.delete('emulator');
  if (current.mode === 'emulator') params.set('mode', 'worker');
  else params.set('emulator', emulatorUrl);
  return `?${params.toString()}`;
}
