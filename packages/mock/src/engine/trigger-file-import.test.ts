import { describe, expect, it } from 'vitest';
import { harness, KEY1, T0, WS1 } from './test-support/harness.ts';

const trigger = (scheduleId: string) => ({ path: `/v1.0/data/fileimports/trigger/${scheduleId}` });

describe('Trigger File Imports', () => {
  it('records a run and answers "Triggered Import Successfully"', async () => {
    const h = harness();
    const response = await h.send('triggerFileImport', trigger('S1'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'success', message: 'Triggered Import Successfully' });
    expect(h.engine.store.fileImportRuns.list(WS1)).toEqual([
      { workspaceId: WS1, scheduleId: 'S1', at: T0, requestId: 'req1' },
    ]);
  });

  it('answers 400 ALREADY_EXISTS within 5 minutes of the last run of the same schedule, and runs again after', async () => {
    const h = harness();
    await h.send('triggerFileImport', trigger('S1'));
    h.clock.advance(299_000);
    const again = await h.send('triggerFileImport', trigger('S1'));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      status: 'fail',
      error_type: 'ALREADY_EXISTS',
      message: 'Import has run in the last 5 min.',
    });
    expect(again.headers).toMatchObject({
      'x-ratelimit-limit': '1; w=300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1',
    });
    expect((await h.send('triggerFileImport', trigger('S2'))).status).toBe(200);
    h.clock.advance(1_000);
    expect((await h.send('triggerFileImport', trigger('S1'))).status).toBe(200);
    expect(h.engine.store.fileImportRuns.list(WS1)).toHaveLength(3);
  });

  it('accepts any schedule id unless the workspace lists its known ones', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, fileImportSchedules: ['KNOWN'] } } });
    expect((await h.send('triggerFileImport', trigger('KNOWN'))).status).toBe(200);
    const unknown = await h.send('triggerFileImport', trigger('EXPIRED'));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      status: 'fail',
      error_type: 'NOT_FOUND',
      message: 'This import is either deleted or expired.',
    });
  });

  it('honours a shorter cooldown configured for the workspace', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, fileImportCooldownSeconds: 10 } } });
    await h.send('triggerFileImport', trigger('S1'));
    h.clock.advance(10_000);
    expect((await h.send('triggerFileImport', trigger('S1'))).status).toBe(200);
  });

  it('ignores an empty or absent body, whatever the Content-Type says', async () => {
    const h = harness();
    expect((await h.send('triggerFileImport', trigger('S1'))).status).toBe(200);
    const emptyText = await h.send('triggerFileImport', {
      ...trigger('S2'),
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect(emptyText.status).toBe(200);
    const noType = await h.send('triggerFileImport', {
      ...trigger('S3'),
      headers: { 'content-type': undefined },
    });
    expect(noType.status).toBe(200);
    expect(h.engine.store.fileImportRuns.list(WS1)).toHaveLength(3);
  });

  it('answers 415 to a body sent with another Content-Type, or with none, and triggers nothing', async () => {
    const h = harness();
    for (const contentType of ['text/plain', undefined]) {
      const answer = await h.send('triggerFileImport', {
        ...trigger('S1'),
        headers: { 'content-type': contentType },
        body: 'run it now',
      });
      expect(answer.status).toBe(415);
      expect(h.errorOf(answer)).toMatchObject({
        type: 'Unsupported Media Type',
        message: 'Unsupported Media Type',
      });
    }
    expect(h.engine.store.fileImportRuns.list(WS1)).toEqual([]);
  });

  it('accepts a small JSON body and answers 413 to one over the payload limit', async () => {
    const h = harness();
    expect((await h.send('triggerFileImport', { ...trigger('S1'), body: { note: 'nightly' } })).status).toBe(
      200,
    );
    const big = await h.send('triggerFileImport', { ...trigger('S2'), body: { pad: 'x'.repeat(200_000) } });
    expect(big.status).toBe(413);
    expect(h.errorOf(big)).toMatchObject({ type: 'Payload too large' });
    const streamed = await h.send('triggerFileImport', {
      ...trigger('S3'),
      bodyExceededLimit: true,
      body: '{',
    });
    expect(streamed.status).toBe(413);
    expect(h.engine.store.fileImportRuns.list(WS1).map((run) => run.scheduleId)).toEqual(['S1']);
  });

  it('checks the Content-Type of a body before its size', async () => {
    const h = harness();
    const answer = await h.send('triggerFileImport', {
      ...trigger('S1'),
      headers: { 'content-type': 'text/csv' },
      body: 'x'.repeat(200_000),
    });
    expect(answer.status).toBe(415);
  });

  it('requires MOE-APPKEY equal to the Basic username', async () => {
    const h = harness();
    expect(
      (await h.send('triggerFileImport', { ...trigger('S1'), headers: { 'moe-appkey': '' } })).status,
    ).toBe(401);
    expect(h.engine.store.fileImportRuns.list()).toEqual([]);
  });
});
