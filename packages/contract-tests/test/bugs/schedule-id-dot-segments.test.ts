/**
 * Fixed bug (owners: spec, by narrowing ScheduleId; packages/client). The spec's ScheduleId was any
 * non-empty string, so `.` and `..` were valid ones, but URL normalisation (WHATWG) turns
 * `/v1.0/data/fileimports/trigger/..` into `/v1.0/data/fileimports/`: the mock answered 404 and the
 * client threw NotFoundError ("check dataCenter or baseUrl"), which blamed the wrong thing.
 * Percent-encoding cannot fix it: `%2e` and `%2E` are dot segments too. The fix: ScheduleId has a
 * pattern (no `/` or `\`, not made only of dots, plain or percent-encoded), and the client refuses such
 * an id before sending, validateRequests: false included, with a RequestValidationError saying why.
 * These tests used to assert the old premise (`..` accepted by the spec, then triggered through the
 * client, as `it.fails`); they now assert the fix.
 */
import { RequestValidationError } from '@moedata/client';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createContractClient } from '../../src/contract-client.ts';
import { setupContractMsw, WS1 } from '../../src/contract-mock.ts';
import { schemaForComponent } from '../../src/document.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

const DOT_SEGMENTS = ['.', '..', '%2e', '%2E.'];

it.each(DOT_SEGMENTS)(
  'rejects %j as a ScheduleId in the spec (a URL would drop the segment)',
  (scheduleId) => {
    expect(schemaForComponent('ScheduleId').safeParse(scheduleId).success).toBe(false);
  },
);

it.each(
  DOT_SEGMENTS.flatMap((scheduleId) => [
    [scheduleId, true],
    [scheduleId, false],
  ]),
)(
  'refuses to trigger the schedule %j through the client before sending (validateRequests: %s)',
  async (scheduleId, validateRequests) => {
    const call = createContractClient({ target: { kind: 'msw' }, validateRequests }).triggerFileImport({
      scheduleId,
    });
    await expect(call).rejects.toBeInstanceOf(RequestValidationError);
    await expect(call).rejects.toThrow(/would reach another path/);
    expect(mock.store.requestLog.list(WS1)).toEqual([]);
    expect(mock.store.fileImportRuns.list(WS1)).toEqual([]);
  },
);
