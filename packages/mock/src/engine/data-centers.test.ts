import { coreHost, fileImportsHost } from '@moedata/spec/rules';
import { describe, expect, it } from 'vitest';
import { harness, KEY1, pathFor, validBodies, WS1 } from './test-support/harness.ts';

const boundTo02 = { workspaces: { [WS1]: { apiKey: KEY1, dataCenter: '02' as const } } };

describe('a workspace bound to one data center', () => {
  it('answers on its own data center', async () => {
    const h = harness(boundTo02);
    const response = await h.send('trackUser', {
      path: `${coreHost('02')}${pathFor('trackUser', WS1)}`,
      body: validBodies.trackUser,
    });
    expect(response.status).toBe(200);
  });

  it("is unknown on another data center's host, as an unknown workspace is there", async () => {
    const h = harness(boundTo02);
    const response = await h.send('trackUser', {
      path: `${coreHost('01')}${pathFor('trackUser', WS1)}`,
      body: validBodies.trackUser,
    });
    expect(response.status).toBe(401);
    expect(h.errorOf(response).message).toBe('Invalid APP_ID used in Authentication Header');
    expect(h.engine.store.users.count()).toBe(0);
  });

  it('is unknown for a core operation on the file-imports host, and for a file import on the core host', async () => {
    const h = harness(boundTo02);
    const core = await h.send('trackUser', {
      path: `${fileImportsHost('02')}${pathFor('trackUser', WS1)}`,
      body: validBodies.trackUser,
    });
    const fileImport = await h.send('triggerFileImport', {
      path: `${coreHost('02')}${pathFor('triggerFileImport', WS1)}`,
    });
    const unknown = harness();
    const unknownAnswer = await unknown.send('triggerFileImport', {
      as: ['GHOST', 'k'],
      headers: { 'moe-appkey': 'GHOST' },
    });
    expect(core.status).toBe(401);
    expect(fileImport.status).toBe(unknownAnswer.status);
    expect(h.errorOf(fileImport).message).toBe(unknown.errorOf(unknownAnswer).message);
  });

  it('keeps answering everywhere when it is not bound, and on a local address when it is', async () => {
    const unbound = harness();
    const elsewhere = await unbound.send('trackUser', {
      path: `${coreHost('06')}${pathFor('trackUser', WS1)}`,
      body: validBodies.trackUser,
    });
    const bound = harness(boundTo02);
    const local = await bound.send('trackUser', {
      path: `http://127.0.0.1:4010${pathFor('trackUser', WS1)}`,
      body: validBodies.trackUser,
    });
    expect(elsewhere.status).toBe(200);
    expect(local.status).toBe(200);
  });
});
