import { describe, expect, it } from 'vitest';
import { checkAgainstSnapshot, redact, type Secrets, toSnapshotStep } from './snapshots.ts';

const secrets: Secrets = { workspace: 'WS123', key: 'k3y-WS123', prefix: 'moedata-conformance-ab12-' };

describe('redact', () => {
  it('replaces the run prefix, the key, the workspace, request ids and MoEngage ids', () => {
    expect(
      redact(
        {
          request_id: 'kXwpDESb',
          data: {
            users: [
              {
                user_attributes: {
                  id: '62e79fb15ada55a123b987bc',
                  customer_id: 'moedata-conformance-ab12-x',
                },
              },
            ],
          },
          message: 'App key WS123 uses k3y-WS123',
        },
        secrets,
      ),
    ).toEqual({
      request_id: '{{request_id}}',
      data: { users: [{ user_attributes: { id: '{{moengage_id}}', customer_id: '{{prefix}}x' } }] },
      message: 'App key {{workspace}} uses {{key}}',
    });
  });
});

describe('toSnapshotStep', () => {
  it('keeps no Authorization value and only the headers that mean the same on every call', () => {
    const step = toSnapshotStep(
      'Track User',
      {
        origin: 'core',
        method: 'POST',
        path: '/v1/customer/WS123',
        headers: { authorization: 'Basic secret' },
        body: '{}',
      },
      {
        status: 200,
        headers: { 'x-request-id': 'abc', date: 'now', 'x-ratelimit-limit': '10000; w=60' },
        body: {},
      },
      secrets,
    );
    expect(step.request).toMatchObject({
      path: '/v1/customer/{{workspace}}',
      headers: { authorization: '<redacted>' },
    });
    expect(step.response.headers).toEqual({ 'x-ratelimit-limit': '10000; w=60' });
  });
});

describe('checkAgainstSnapshot', () => {
  const recorded = toSnapshotStep(
    'Get User',
    { origin: 'core', method: 'POST', path: '/v1/customers/export?app_id=WS123', headers: {} },
    {
      status: 200,
      headers: { 'x-ratelimit-limit': '1000; w=60' },
      body: { status: 'success', data: { users: [] } },
    },
    secrets,
  );

  it('matches an answer that differs only in per-request values and budget counts', () => {
    const checks = checkAgainstSnapshot(
      recorded,
      {
        status: 200,
        headers: { 'x-ratelimit-limit': '50; w=60' },
        body: { status: 'success', data: { users: [] } },
      },
      secrets,
    );
    expect(checks.filter((check) => check.verdict !== 'match')).toEqual([]);
  });

  it('names each field that differs', () => {
    const checks = checkAgainstSnapshot(
      recorded,
      { status: 400, headers: {}, body: { status: 'fail' } },
      secrets,
    );
    expect(checks.filter((check) => check.verdict === 'differs').map((check) => check.name)).toEqual([
      'HTTP status',
      'status',
      'data.users',
      'x-ratelimit-limit present',
    ]);
  });
});
