import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from './config-file.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'moengage-mock-config-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function writeConfig(content: unknown): string {
  const file = join(folder, 'mock.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('--config file', () => {
  it('accepts every per-workspace option and resolves paths against the file', () => {
    const config = loadConfigFile(
      writeConfig({
        port: 4477,
        data: 'state.db',
        corsOrigins: ['http://localhost:5173'],
        defaults: { payloadLimitBytes: 65_536 },
        workspaces: {
          MAIN: {
            apiKey: 'secret',
            accountState: 'temporarilySuspended',
            rateLimits: { trackUser: { users: 5 }, bulkImport: { users: 1, events: 2 } },
            identityResolution: { identifiers: ['moe_mobile', 'u_em'] },
            strictBulk: true,
            faults: { rate: 0.5, nextFailures: 2, status: 502, latencyMs: 10 },
            fileImportSchedules: ['s1'],
            fileImportCooldownSeconds: 60,
          },
          NOKEY: { apiKey: null },
        },
      }),
    );
    expect(config.data).toBe(join(folder, 'state.db'));
    expect(config.workspaces?.MAIN?.rateLimits).toEqual({
      trackUser: { users: 5 },
      bulkImport: { users: 1, events: 2 },
    });
    expect(config.workspaces?.NOKEY?.apiKey).toBeUndefined();
  });

  it('resolves the docs and app folders against the file and reads the request-log limit', () => {
    const config = loadConfigFile(
      writeConfig({ docsDir: 'reference', appDir: '../web/dist', requestLogLimit: 500 }),
    );
    expect(config.docsDir).toBe(join(folder, 'reference'));
    expect(config.appDir).toBe(join(folder, '..', 'web', 'dist'));
    expect(config.requestLogLimit).toBe(500);
  });

  it('names every bad field with its full path', () => {
    const file = writeConfig({
      port: 'high',
      workspaces: {
        MAIN: { apiKey: 'k', accountState: 'gone', rateLimits: { trackUser: { users: 0, events: 3 } } },
      },
    });
    let message = '';
    try {
      loadConfigFile(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`The config file ${file} has invalid fields:`);
    expect(message).toMatch(/- port: /);
    expect(message).toMatch(/- workspaces\.MAIN\.accountState: /);
    expect(message).toMatch(/- workspaces\.MAIN\.rateLimits\.trackUser\.users: /);
    expect(message).toMatch(/- workspaces\.MAIN\.rateLimits\.trackUser: .*"events"/);
  });

  it('refuses an unknown top-level key so a typo is not silently ignored', () => {
    expect(() => loadConfigFile(writeConfig({ workspace: {} }))).toThrow(/\(top level\): .*"workspace"/);
  });

  it('reports a file that is not JSON, or not there, with what to do', () => {
    expect(() => loadConfigFile(writeConfig('{ port: 1 }'))).toThrow(/is not valid JSON .*Fix the syntax/);
    expect(() => loadConfigFile(join(folder, 'missing.json'))).toThrow(
      /it does not exist\. Check the --config path/,
    );
  });
});
