import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';
import { CliUsageError } from './errors.ts';

describe('command-line flags', () => {
  it('reads port, host, repeated workspaces, data file, log level and CORS origins', () => {
    const args = parseCliArgs([
      '--port',
      '4477',
      '--host',
      '0.0.0.0',
      '--workspace',
      'FIRST:key-1',
      '-w',
      'SECOND:key:with:colons',
      '--data',
      'state.db',
      '--log',
      'debug',
      '--cors-origin',
      'http://localhost:5173',
    ]);
    expect(args).toMatchObject({
      port: 4477,
      host: '0.0.0.0',
      workspaces: [
        { workspaceId: 'FIRST', apiKey: 'key-1' },
        { workspaceId: 'SECOND', apiKey: 'key:with:colons' },
      ],
      data: 'state.db',
      log: 'debug',
      corsOrigins: ['http://localhost:5173'],
    });
  });

  it('reads the folders served at /docs and at / (--docs, --app)', () => {
    expect(parseCliArgs(['--docs', 'reference', '--app', 'web/dist'])).toMatchObject({
      docs: 'reference',
      app: 'web/dist',
    });
  });

  it('reads the /_mock guards: allowed host names, a fixed admin token, or none at all', () => {
    expect(
      parseCliArgs([
        '--allowed-host',
        'emulator.test',
        '--allowed-host',
        'box.lan',
        '--admin-token',
        'a-fixed-token-for-ci',
      ]),
    ).toMatchObject({
      allowedHosts: ['emulator.test', 'box.lan'],
      adminToken: 'a-fixed-token-for-ci',
      noAdminToken: false,
    });
    expect(parseCliArgs(['--no-admin-token'])).toMatchObject({ noAdminToken: true });
    expect(parseCliArgs([]).adminToken).toBeUndefined();
  });

  it('reads a connection cap and refuses one that is not a whole number', () => {
    expect(parseCliArgs(['--max-connections', '500']).maxConnections).toBe(500);
    expect(() => parseCliArgs(['--max-connections', '0'])).toThrow(/--max-connections/);
    expect(() => parseCliArgs(['--max-connections', 'many'])).toThrow(/--max-connections/);
  });

  it('refuses a guessable admin token and contradicting token flags', () => {
    expect(() => parseCliArgs(['--admin-token', 'short'])).toThrow(/at least 16 characters/);
    expect(() => parseCliArgs(['--admin-token', 'a-fixed-token-for-ci', '--no-admin-token'])).toThrow(
      /contradict/,
    );
  });

  it('leaves unset options undefined so the config file and defaults apply', () => {
    const args = parseCliArgs([]);
    expect(args.port).toBeUndefined();
    expect(args.app).toBeUndefined();
    expect(args.workspaces).toEqual([]);
  });

  it('explains a workspace without a key', () => {
    expect(() => parseCliArgs(['--workspace', 'ONLYID'])).toThrow(/--workspace takes ID:KEY/);
  });

  it('explains a port that is not a number', () => {
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(/--port must be a whole number/);
  });

  it('explains an unknown log level, listing the valid ones', () => {
    expect(() => parseCliArgs(['--log', 'loud'])).toThrow(/silent, error, info, debug/);
  });

  it('turns an unknown flag into a usage error', () => {
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(CliUsageError);
  });
});
