import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.ts';
import { DEFAULT_TIMEOUT_MS, type MoEngageOptions, MoEngageOptionsError, resolveOptions } from './options.ts';
import { DEFAULT_RETRY_OPTIONS } from './retry.ts';

const credentials = { workspaceId: 'WS123', apiKey: 'secret-key' };
const resolve = (options: Record<string, unknown>) => resolveOptions(options as unknown as MoEngageOptions);

describe('resolveOptions', () => {
  it('fills in the defaults: 30 s timeout, 5 retries every 2 s, request validation on, response validation off', () => {
    const { settings, fetch, logger, onWarning } = resolveOptions({ ...credentials, dataCenter: '01' });
    expect(settings).toEqual({
      workspaceId: 'WS123',
      hosts: {
        core: 'https://api-01.moengage.com',
        fileImports: 'https://fileimports-data-api-01.moengage.com',
      },
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retry: DEFAULT_RETRY_OPTIONS,
      validateRequests: true,
      validateResponses: false,
      clock: systemClock,
    });
    expect(fetch()).toBe(globalThis.fetch);
    expect(logger).toBeUndefined();
    expect(onWarning).toBeUndefined();
  });

  it('points both hosts at one baseUrl, without a trailing slash', () => {
    const { settings } = resolveOptions({ ...credentials, baseUrl: 'http://127.0.0.1:4010/' });
    expect(settings.hosts).toEqual({ core: 'http://127.0.0.1:4010', fileImports: 'http://127.0.0.1:4010' });
    expect(
      resolveOptions({ ...credentials, baseUrl: new URL('http://localhost:9/moe/') }).settings.hosts.core,
    ).toBe('http://localhost:9/moe');
  });

  it('freezes the settings so a running client cannot be reconfigured by accident', () => {
    const { settings } = resolveOptions({ ...credentials, dataCenter: '02' });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.retry)).toBe(true);
  });

  it.each([
    [{ dataCenter: '07' }, /Unknown dataCenter "07": use one of '01', '02', '03', '04', '05', '06', '101'/],
    [{ dataCenter: 1 }, /Unknown dataCenter 1: .*\(did you mean '01'\?\)/],
    [{ dataCenter: 'dc-03' }, /did you mean '03'\?/],
    [{}, /Pass dataCenter \(e\.g\. dataCenter: '01'.*\) or baseUrl/],
    [{ dataCenter: '01', baseUrl: 'http://127.0.0.1:4010' }, /either dataCenter .* or baseUrl .*, not both/],
    [{ baseUrl: 'ftp://127.0.0.1:4010' }, /baseUrl must start with http:\/\/ or https:\/\/; got ftp:/],
    [{ baseUrl: 'not a url' }, /is not an absolute URL: write it like http:\/\/127\.0\.0\.1:4010/],
    [{ baseUrl: 'http://127.0.0.1:4010/?x=1' }, /must not have a query string/],
  ])('rejects %o with a message saying what to fix', (placement, message) => {
    expect(() => resolve({ ...credentials, ...placement })).toThrow(message);
    expect(() => resolve({ ...credentials, ...placement })).toThrow(MoEngageOptionsError);
  });

  it.each([
    [
      { apiKey: '' },
      /apiKey is empty: copy it from the MoEngage dashboard \(Settings > Account > APIs, Data tile\)/,
    ],
    [{ apiKey: undefined }, /apiKey must be a string; got undefined/],
    [{ workspaceId: '   ' }, /workspaceId is empty/],
    [{ workspaceId: ' WS123' }, /workspaceId has leading or trailing whitespace/],
    [{ workspaceId: 'WS123:key' }, /workspaceId contains ":"/],
    [
      { workspaceId: '..' },
      /workspaceId "\.\." cannot be sent: a URL drops a path segment made only of dots/,
    ],
    [{ workspaceId: '.' }, /workspaceId "\." cannot be sent/],
    [{ apiKey: 'kéy' }, /apiKey contains characters that cannot be sent in a header/],
  ])('rejects bad credentials %o', (override, message) => {
    expect(() => resolve({ ...credentials, dataCenter: '01', ...override })).toThrow(message);
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be a number >= 1; got 0/],
    [{ retry: { retries: -1 } }, /retry\.retries must be an integer >= 0/],
    [{ retry: 'always' }, /retry must be an object/],
    [{ fetch: 'fetch' }, /No fetch implementation/],
    [{ clock: { now: () => 0 } }, /clock must have now\(\) and sleep/],
    [{ onWarning: true }, /onWarning must be a function/],
  ])('rejects bad settings %o', (override, message) => {
    expect(() => resolve({ ...credentials, dataCenter: '01', ...override })).toThrow(message);
  });

  it('accepts an infinite timeout to turn timeouts off', () => {
    expect(
      resolveOptions({ ...credentials, dataCenter: '01', timeoutMs: Number.POSITIVE_INFINITY }).settings
        .timeoutMs,
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('explains the expected shape when called without options', () => {
    expect(() => resolveOptions(undefined as unknown as MoEngageOptions)).toThrow(/needs an options object/);
  });
});
