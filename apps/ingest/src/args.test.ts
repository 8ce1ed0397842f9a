import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, HELP, HELP_TEXT, parseIngestArgs, UsageError } from './args.ts';

const credentials = ['--workspace', 'WS1', '--api-key', 'secret'];

describe('parseIngestArgs', () => {
  it('sends to the local emulator and reads stdin when given only credentials', () => {
    const settings = parseIngestArgs(credentials);
    expect(settings).toMatchObject({
      inputs: ['-'],
      target: { baseUrl: DEFAULT_BASE_URL },
      workspaceId: 'WS1',
      apiKey: 'secret',
      dryRun: false,
      limitScale: 1,
      concurrency: 1,
      progress: 'auto',
      progressIntervalMs: 5000,
      maxReported: 50,
    });
  });

  it('takes the credentials and the data center from the environment, flags winning', () => {
    const env = { MOENGAGE_WORKSPACE_ID: 'ENVWS', MOENGAGE_API_KEY: 'envkey', MOENGAGE_DATA_CENTER: '02' };
    expect(parseIngestArgs(['users.ndjson'], env)).toMatchObject({
      workspaceId: 'ENVWS',
      apiKey: 'envkey',
      target: { dataCenter: '02' },
      inputs: ['users.ndjson'],
    });
    expect(parseIngestArgs(['--workspace', 'FLAG', '--base-url', 'http://127.0.0.1:9'], env)).toMatchObject({
      workspaceId: 'FLAG',
      target: { baseUrl: 'http://127.0.0.1:9' },
    });
  });

  it('needs no credentials for a dry run', () => {
    expect(parseIngestArgs(['--dry-run', 'a.csv', '--type', 'event'])).toMatchObject({
      dryRun: true,
      workspaceId: undefined,
      csvType: 'event',
    });
  });

  it('returns HELP for --help and -h, and the help names every flag', () => {
    expect(parseIngestArgs(['--help'])).toBe(HELP);
    expect(parseIngestArgs(['-h'])).toBe(HELP);
    for (const flag of [
      '--workspace',
      '--api-key',
      '--data-center',
      '--base-url',
      '--dry-run',
      '--limit-scale',
      '--type',
      '--failed-out',
    ]) {
      expect(HELP_TEXT).toContain(flag);
    }
  });

  it.each([
    [['--dry-run', '--bogus'], /Unknown option '--bogus'.*--help/],
    [['--api-key', 'k'], /--workspace ID or set MOENGAGE_WORKSPACE_ID/],
    [['--workspace', 'w'], /--api-key KEY or set MOENGAGE_API_KEY/],
    [[...credentials, '--data-center', '7'], /--data-center must be one of 01, 02/],
    [
      [...credentials, '--data-center', '01', '--base-url', 'http://x'],
      /either --data-center .* or --base-url/,
    ],
    [[...credentials, '--type', 'user'], /--type must be one of customer, event, device/],
    [[...credentials, '--limit-scale', '0'], /--limit-scale must be a number above 0/],
    [[...credentials, '--concurrency', '1.5'], /--concurrency must be a whole number/],
    [[...credentials, '--progress', 'fancy'], /--progress must be one of auto, bar, lines, none/],
  ])('rejects %j with a message that says what to type', (argv, message) => {
    expect(() => parseIngestArgs(argv)).toThrow(UsageError);
    expect(() => parseIngestArgs(argv)).toThrow(message);
  });

  it('reads numbers for scale, concurrency, intervals and the report cap', () => {
    expect(
      parseIngestArgs([
        ...credentials,
        '--limit-scale',
        '2.5',
        '--concurrency',
        '3',
        '--progress-interval',
        '0.5',
        '--max-reported',
        '0',
      ]),
    ).toMatchObject({ limitScale: 2.5, concurrency: 3, progressIntervalMs: 500, maxReported: 0 });
  });
});
