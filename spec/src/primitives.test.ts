import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document.ts';
import { ScheduleId } from './primitives.ts';
import { SCHEDULE_ID_PATTERN } from './rules.ts';

/** Where a URL parser sends a request whose schedule_id segment is `raw`, written as is. */
const pathReached = (raw: string) =>
  new URL(`https://fileimports.example/v1.0/data/fileimports/trigger/${raw}`).pathname;

const DOT_SEGMENTS = ['.', '..', '%2e', '%2E', '%2e%2e', '%2E.', '.%2e', '%2e%2E'];

describe('ScheduleId', () => {
  it('accepts import ids, including ones that contain dots or percent signs', () => {
    for (const id of [
      '6512a3b4c5d6e7f8a9b0c1d2',
      'daily-users',
      'a.b',
      '.hidden',
      'v1..2',
      '%',
      '%2',
      '%2f',
    ]) {
      expect(ScheduleId.safeParse(id).success, id).toBe(true);
    }
  });

  it('rejects every spelling of a dot segment, since URL normalisation would send the request elsewhere', () => {
    for (const id of DOT_SEGMENTS) {
      expect(pathReached(id), id).not.toMatch(/\/trigger\/[^/]+$/);
      expect(ScheduleId.safeParse(id).success, id).toBe(false);
    }
  });

  it('rejects ids made only of dots, plain or percent-encoded, and ids with a slash or backslash', () => {
    for (const id of ['...', '%2e%2e%2E', 'a/b', '/', 'a\\b', '']) {
      expect(ScheduleId.safeParse(id).success, id).toBe(false);
    }
  });

  it('says what is wrong and what to send instead', () => {
    const issue = ScheduleId.safeParse('..').error?.issues[0];
    expect(issue?.message).toMatch(/made only of dots.*another path.*Import ID/);
  });

  it('emits the rule as a JSON Schema pattern, written without lookahead for every validator', () => {
    const { components } = buildOpenApiDocument({ version: '0.0.0' }) as {
      components: { schemas: Record<string, { pattern?: string }> };
    };
    expect(components.schemas.ScheduleId?.pattern).toBe(SCHEDULE_ID_PATTERN);
    expect(SCHEDULE_ID_PATTERN).not.toMatch(/\(\?[=!<]/);
  });
});
