import { describe, expect, it } from 'vitest';
import { harness, KEY1, KEY2, validBodies, WS1, WS2 } from './test-support/harness.ts';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined, 'Authentication Header Required', 'Authentication Required'],
    ['an empty header', '', 'No identity information found', 'Authentication required'],
    ['a bare Basic scheme', 'Basic', 'No identity information found', 'Authentication required'],
    [
      'a bare lower-case scheme and a space',
      'basic ',
      'No identity information found',
      'Authentication required',
    ],
    ['undecodable base64', 'Basic ***', 'Invalid identity information found', 'Authentication required'],
    [
      'credentials without a colon',
      `Basic ${b64('WS1')}`,
      'Invalid identity information found',
      'Authentication required',
    ],
    [
      'an empty username',
      `Basic ${b64(':key')}`,
      'APP_KEY missing in the authentication header',
      'Authentication required',
    ],
    [
      'an empty password',
      `Basic ${b64('WS1:')}`,
      'APP_SECRET missing in the authentication header',
      'Authentication required',
    ],
    [
      'a wrong key',
      `Basic ${b64('WS1:wrong')}`,
      'App Secret key mismatch. Please login to the dashboard to verify key',
      'Authentication required',
    ],
    [
      'an unknown workspace',
      `Basic ${b64('NOPE:key')}`,
      'Invalid APP_ID used in Authentication Header',
      'Authentication required',
    ],
    ['a Bearer token', 'Bearer abc', 'Invalid identity information found', 'Authentication required'],
  ])('rejects %s with 401 and the overview message', async (_case, authorization, message, type) => {
    const h = harness();
    const response = await h.send('trackUser', {
      as: null,
      headers: { authorization },
      body: validBodies.trackUser,
    });
    expect(response.status).toBe(401);
    expect(h.errorOf(response)).toEqual({ type, message, request_id: 'req1' });
  });

  it('answers a non-Basic scheme on Merge Users with its documented row', async () => {
    const h = harness();
    const response = await h.send('mergeUsers', {
      as: null,
      headers: { authorization: 'Bearer x' },
      body: validBodies.mergeUsers,
    });
    expect(response.status).toBe(401);
    expect(h.errorOf(response).message).toBe(
      "Invalid authorization used. MoEngage only supports 'Basic Auth' authorization.",
    );
  });

  it('answers 409 "App Secret key is not set" for a workspace without a key, whatever key is sent', async () => {
    const h = harness({ workspaces: { NOKEY: {} } });
    const response = await h.send('trackUser', { as: ['NOKEY', 'anything'], body: validBodies.trackUser });
    expect(response.status).toBe(409);
    expect(h.errorOf(response).message).toBe(
      'App Secret key is not set. Please login to the dashboard to set a key',
    );
  });

  it('accepts keys that contain colons and non-ASCII characters', async () => {
    const h = harness({ workspaces: { ODD: { apiKey: 'a:b:clé' } } });
    expect((await h.send('trackUser', { as: ['ODD', 'a:b:clé'], body: validBodies.trackUser })).status).toBe(
      200,
    );
    expect((await h.send('trackUser', { as: ['ODD', 'a:b:cle'], body: validBodies.trackUser })).status).toBe(
      401,
    );
  });

  it("never lets one workspace's key read or write another workspace's data", async () => {
    const h = harness();
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
    });
    // WS2's key with WS1's app_id: 409, nothing read.
    const crossRead = await h.send('getUser', {
      as: [WS2, KEY2],
      path: `/v1/customers/export?app_id=${WS1}`,
      body: validBodies.getUser,
    });
    expect(crossRead.status).toBe(409);
    // WS2 reading through its own app_id sees only its own (empty) workspace.
    const ownRead = await h.send('getUser', { as: [WS2, KEY2], body: validBodies.getUser });
    expect(ownRead.body).toMatchObject({ data: { users: [], users_not_found: [{ identifier: 'john' }] } });
    // WS2 writing to WS1's path: 409, WS1's user unchanged.
    const crossWrite = await h.send('trackUser', {
      as: [WS2, KEY2],
      path: `/v1/customer/${WS1}`,
      body: { type: 'customer', customer_id: 'john', attributes: { name: 'Mallory' } },
    });
    expect(crossWrite.status).toBe(409);
    expect(h.engine.store.users.get(WS1, 'john')?.attributes.u_n).toBe('John');
    // WS1's key under WS2's name is a wrong key.
    const swapped = await h.send('trackUser', { as: [WS2, KEY1], body: validBodies.trackUser });
    expect(swapped.status).toBe(401);
    expect(h.engine.store.users.list(WS2)).toEqual([]);
  });

  it('checks every value of a repeated app_id query parameter, not only the first', async () => {
    const h = harness();
    const getUser = (query: string) =>
      h.send('getUser', { path: `/v1/customers/export?${query}`, body: validBodies.getUser });
    expect((await getUser(`app_id=${WS1}&app_id=${WS1}`)).status).toBe(200);
    expect((await getUser(`app_id=${WS1}&app_id=`)).status).toBe(200);
    expect((await getUser(`app_id=${WS1}&app_id=${WS2}`)).status).toBe(409);
    const unknown = await getUser(`app_id=${WS1}&app_id=NO-SUCH-WORKSPACE`);
    expect(unknown.status).toBe(400);
    expect(h.errorOf(unknown).type).toBe('InvalidParams');
    // A path-style operation with a second app_id in the query is checked the same way.
    const trackUser = await h.send('trackUser', {
      path: `/v1/customer/${WS1}?app_id=${WS1}&app_id=${WS2}`,
      body: validBodies.trackUser,
    });
    expect(trackUser.status).toBe(409);
    expect(h.engine.store.users.list()).toEqual([]);
  });

  it('uses the file-import wordings on Trigger File Imports', async () => {
    const h = harness();
    const wrongKey = await h.send('triggerFileImport', { as: [WS1, 'wrong'] });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body).toEqual({
      title: 'AuthenticationInvalid',
      description:
        "Password (APP_KEY) doesn't match the one available on the dashboard. Kindly ensure the same APP_KEY available on the dashboard is used.",
    });
    const noHeader = await h.send('triggerFileImport', { headers: { 'moe-appkey': undefined } });
    expect(noHeader.body).toEqual({
      title: 'HeaderMissing',
      description: 'MOE-APPKEY is missing in Header',
    });
    const mismatch = await h.send('triggerFileImport', { headers: { 'moe-appkey': WS2 } });
    expect(mismatch.status).toBe(401);
    expect(mismatch.body).toMatchObject({ title: 'HeaderMismatch' });
  });

  it('ignores a missing MOE-APPKEY on the core operations but rejects one that differs from the username', async () => {
    const h = harness();
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(200);
    expect(
      (await h.send('trackUser', { headers: { 'moe-appkey': WS1 }, body: validBodies.trackUser })).status,
    ).toBe(200);
    const mismatch = await h.send('trackUser', {
      headers: { 'moe-appkey': WS2 },
      body: validBodies.trackUser,
    });
    expect(mismatch.status).toBe(401);
    expect(h.errorOf(mismatch).message).toBe(
      "MOE_APPKEY doesn't match the Username (APP_KEY) used in Basic Auth authorization.",
    );
  });

  it('sees a key change at runtime on the next request', async () => {
    const h = harness();
    h.engine.workspaces.update(WS1, { apiKey: 'rotated' });
    expect((await h.send('trackUser', { body: validBodies.trackUser })).status).toBe(401);
    expect((await h.send('trackUser', { as: [WS1, 'rotated'], body: validBodies.trackUser })).status).toBe(
      200,
    );
  });
});

describe('workspaces without a key', () => {
  it.each([null, ''])(
    'treats an apiKey of %j from a config file as not set (409), never as a password',
    async (apiKey) => {
      const h = harness({ workspaces: { NOKEY: { apiKey: apiKey as unknown as string } } });
      for (const password of ['null', 'x']) {
        const response = await h.send('trackUser', {
          as: ['NOKEY', password],
          path: '/v1/customer/NOKEY',
          body: validBodies.trackUser,
        });
        expect(response.status).toBe(409);
      }
    },
  );
});
