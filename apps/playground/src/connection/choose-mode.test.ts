import { describe, expect, it } from 'vitest';
import { chooseMode, DEFAULT_EMULATOR_URL, healthProbe, switchModeSearch } from './choose-mode.ts';

const origin = 'http://127.0.0.1:4010';
const emulatorHere = async () => true;
const nothingHere = async () => false;

describe('choosing where requests go', () => {
  it('uses the emulator that serves the page', async () => {
    expect(await chooseMode('', origin, emulatorHere)).toEqual({
      choice: { mode: 'emulator', baseUrl: origin },
      emulatorUrl: origin,
    });
  });

  it('runs the emulator inside the page when no emulator serves it', async () => {
    expect(await chooseMode('', 'http://localhost:5173', nothingHere)).toEqual({
      choice: { mode: 'worker' },
      emulatorUrl: DEFAULT_EMULATOR_URL,
    });
  });

  it('runs in the page on ?mode=worker even when served by the emulator', async () => {
    expect((await chooseMode('?mode=worker', origin, emulatorHere)).choice).toEqual({ mode: 'worker' });
  });

  it('uses the emulator named by ?emulator=, without a trailing slash', async () => {
    const { choice } = await chooseMode(
      '?emulator=http://127.0.0.1:4477/',
      'http://localhost:5173',
      nothingHere,
    );
    expect(choice).toEqual({ mode: 'emulator', baseUrl: 'http://127.0.0.1:4477' });
  });

  it('links to the other mode, keeping the rest of the query', () => {
    expect(switchModeSearch({ mode: 'worker' }, '?mode=worker&x=1', origin)).toBe(
      `?x=1&emulator=${encodeURIComponent(origin)}`,
    );
    expect(switchModeSearch({ mode: 'emulator', baseUrl: origin }, `?emulator=${origin}`, origin)).toBe(
      '?mode=worker',
    );
  });
});

describe('the health probe', () => {
  const answering = (body: string, status = 200) =>
    (async () => new Response(body, { status })) as unknown as typeof fetch;

  it('recognises the emulator by its /_mock/health answer', async () => {
    expect(await healthProbe(answering('{"status":"ok"}'))(origin)).toBe(true);
  });

  it('does not take a dev server page or a failure for an emulator', async () => {
    expect(await healthProbe(answering('<!doctype html><html></html>'))(origin)).toBe(false);
    expect(await healthProbe(answering('{"status":"fail"}', 404))(origin)).toBe(false);
    const refusing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await healthProbe(refusing)(origin)).toBe(false);
  });
});
