import { describe, expect, it } from 'vitest';
import {
  exitCodeOf,
  FailureTally,
  formatBytes,
  formatDuration,
  formatSummary,
  type RunSummary,
} from './summary.ts';

const clean: RunSummary = {
  mode: 'send',
  interrupted: false,
  stoppedEarly: undefined,
  durationMs: 2_000,
  inputs: ['users.ndjson'],
  lines: 1_000,
  bytesRead: 150_000,
  valid: 1_000,
  byType: { customer: 600, event: 300, device: 100 },
  invalid: 0,
  warnings: 0,
  acceptedButDropped: 0,
  sent: 1_000,
  failed: 0,
  dropped: 0,
  maybeDelivered: 0,
  maybeTwice: 0,
  requests: 2,
  retries: 0,
  rateLimited: 0,
  bytesSent: 149_000,
  failures: [],
  failedOut: undefined,
};

describe('exitCodeOf', () => {
  it('is 0 when everything was delivered', () => {
    expect(exitCodeOf(clean)).toBe(0);
  });

  it.each([
    ['an invalid line', { invalid: 1 }],
    ['a failed element', { failed: 1 }],
    ['a dropped element', { dropped: 1 }],
    ['an element of unknown fate', { maybeDelivered: 1 }],
    ['an early stop', { stoppedEarly: 'credentials' }],
  ])('is 1 after %s', (_case, change) => {
    expect(exitCodeOf({ ...clean, ...change })).toBe(1);
  });

  it('is 130 after an interrupt, whatever else happened', () => {
    expect(exitCodeOf({ ...clean, interrupted: true, failed: 3 })).toBe(130);
  });
});

describe('formatSummary on delivery that is not certain', () => {
  it('shows elements of unknown fate, ones maybe stored twice, and ones MoEngage accepts then drops', () => {
    const text = formatSummary({
      ...clean,
      sent: 990,
      maybeDelivered: 10,
      maybeTwice: 20,
      warnings: 3,
      acceptedButDropped: 3,
      failedOut: 'failed.ndjson',
    }).join('\n');
    expect(text).toContain(
      'uncertain  10 elements maybe delivered (no answer came; check before sending again)',
    );
    expect(text).toContain('20 elements sent again after an unanswered attempt: may be stored twice');
    expect(text).toContain('3 elements sent, accepted and then dropped by MoEngage (the warnings above)');
    expect(text).toContain(
      'retry with moengage-ingest [same options] failed.ndjson  (the 10 elements not delivered)',
    );
  });
});

describe('FailureTally', () => {
  it('groups failed elements by reason, with the HTTP status when the error has one', () => {
    const tally = new FailureTally();
    const unauthorized = Object.assign(new Error('Wrong key.\nMore detail'), {
      name: 'AuthenticationError',
      status: 401,
    });
    tally.add(unauthorized, 10);
    tally.add(new Error('close() gave up'), 2);
    tally.add(unauthorized, 5);
    expect(tally.list()).toEqual([
      { reason: 'AuthenticationError (HTTP 401): Wrong key.', elements: 15 },
      { reason: 'Error: close() gave up', elements: 2 },
    ]);
  });
});

describe('formatSummary', () => {
  it('reports what was read, sent and rejected', () => {
    expect(formatSummary(clean)).toEqual([
      'moengage-ingest finished in 2.00 s',
      '  read       1,000 lines, 146.5 KB (users.ndjson)',
      '  valid      1,000 elements (600 customers, 300 events, 100 devices)',
      '  sent       1,000 elements in 2 requests, 145.5 KB (500 elements/s)',
      '  invalid    0 lines',
      '  failed     0 elements',
      '  dropped    0 elements',
      '  rate limit 0 429 answers, 0 retries',
    ]);
  });

  it('lists failure reasons and the retry command when elements were written to --failed-out', () => {
    const lines = formatSummary({
      ...clean,
      sent: 990,
      failed: 10,
      failures: [{ reason: 'ServerError (HTTP 503): down', elements: 10 }],
      failedOut: 'failed.ndjson',
    });
    expect(lines).toContain('             10 × ServerError (HTTP 503): down');
    expect(lines.at(-1)).toContain('moengage-ingest [same options] failed.ndjson');
  });

  it('says a dry run sent nothing', () => {
    expect(formatSummary({ ...clean, mode: 'dry-run', inputs: ['-'] })[0]).toMatch(
      /dry run .*nothing was sent$/,
    );
  });
});

describe('formatting', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [7.5 * 1024 * 1024, '7.5 MB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [840, '0.84 s'],
    [42_100, '42.1 s'],
    [185_000, '3 min 05 s'],
    [7_260_000, '2 h 01 min'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
