import { describe, expect, it } from 'vitest';
import { harness, KEY1, WS1 } from './test-support/harness.ts';

describe('schema validation', () => {
  it.each([
    [
      'a number customer_id',
      { type: 'customer', customer_id: 42 },
      'customer_id',
      'customer_id is expected to be String',
    ],
    [
      'a string update_existing_only',
      { type: 'customer', customer_id: 'a', update_existing_only: 'yes' },
      'update_existing_only',
      'update_existing_only is expected to be Boolean',
    ],
    [
      'attributes as an array',
      { type: 'customer', customer_id: 'a', attributes: [] },
      'attributes',
      'attributes is expected to be Object',
    ],
    [
      'a number standard attribute',
      { type: 'customer', customer_id: 'a', attributes: { email: 5 } },
      'email',
      'email is expected to be String',
    ],
    [
      'a boolean platforms entry active',
      { type: 'customer', customer_id: 'a', attributes: { platforms: [{ platform: 'web', active: 1 }] } },
      'active',
      'active is expected to be one of "true", "false" or Boolean',
    ],
  ])(
    'answers %s with the overview wording "{{key}} is expected to be {{datatype}}"',
    async (_case, body, attribute, message) => {
      const h = harness();
      const response = await h.send('trackUser', { body });
      expect(response.status).toBe(400);
      expect(h.errorOf(response)).toMatchObject({ type: 'MissingAttributeError', attribute, message });
    },
  );

  it('names the missing customer_id with its attribute', async () => {
    const h = harness();
    const response = await h.send('trackUser', { body: { type: 'customer', attributes: { name: 'x' } } });
    expect(h.errorOf(response)).toEqual({
      type: 'MissingAttributeError',
      message: 'customer_id is not found in the payload',
      attribute: 'customer_id',
      request_id: 'req1',
    });
  });

  it('answers an empty customer_id with "can not be empty Unicode String"', async () => {
    const h = harness();
    const response = await h.send('createEvent', {
      body: { type: 'event', customer_id: '', actions: [{ action: 'a' }] },
    });
    expect(h.errorOf(response)).toMatchObject({
      message: 'customer_id can not be empty Unicode String',
      attribute: 'customer_id',
    });
  });

  it('requires the exact lower-case type of each operation', async () => {
    const h = harness();
    const response = await h.send('createEvent', {
      body: { type: 'EVENT', customer_id: 'a', actions: [{ action: 'x' }] },
    });
    expect(h.errorOf(response)).toMatchObject({ message: 'type is expected to be event', attribute: 'type' });
  });

  it('names nested missing fields by their own name', async () => {
    const h = harness();
    const noAction = await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: [{ platform: 'iOS' }] },
    });
    expect(h.errorOf(noAction)).toMatchObject({
      message: 'action is not found in the payload',
      attribute: 'action',
    });
    const noData = await h.send('getUser', { body: { identifiers: [] } });
    expect(h.errorOf(noData)).toMatchObject({
      message: 'data is not found in the payload',
      attribute: 'data',
    });
    const noPushId = await h.send('trackDevice', {
      body: { type: 'device', customer_id: 'a', device_id: 'd', attributes: { platform: 'iOS' } },
    });
    expect(h.errorOf(noPushId)).toMatchObject({
      message: "'push_id' is not found in payload",
      attribute: 'push_id',
    });
  });

  it('answers an empty action name with "can not be empty Unicode String"', async () => {
    const h = harness();
    const response = await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: [{ action: '' }] },
    });
    expect(h.errorOf(response)).toMatchObject({
      message: 'action can not be empty Unicode String',
      attribute: 'action',
    });
  });

  it('answers a non-object action or a non-string action name with Malformed JSON, as MoEngage documents', async () => {
    const h = harness();
    const notObject = await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: ['Purchased'] },
    });
    expect(h.errorOf(notObject).type).toBe('Malformed JSON');
    const notString = await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: [{ action: 7 }] },
    });
    expect(h.errorOf(notString).type).toBe('Malformed JSON');
  });

  it('matches device platforms case-insensitively and rejects others with ValueError', async () => {
    const h = harness();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'a' } });
    const device = (platform: string) => ({
      type: 'device',
      customer_id: 'a',
      device_id: `d-${platform}`,
      attributes: { platform, push_id: 't' },
    });
    for (const platform of ['android', 'IOS', 'Web', 'tv']) {
      expect((await h.send('trackDevice', { body: device(platform) })).status, platform).toBe(200);
    }
    const bad = await h.send('trackDevice', { body: device('Windows') });
    expect(h.errorOf(bad)).toMatchObject({
      type: 'ValueError',
      message: "'platform' is not a valid platform.",
      attribute: 'platform',
    });
  });

  it('rejects a user platform outside ANDROID, iOS and web', async () => {
    const h = harness();
    const response = await h.send('trackUser', {
      body: {
        type: 'customer',
        customer_id: 'a',
        attributes: { platforms: [{ platform: 'TV', active: 'true' }] },
      },
    });
    expect(h.errorOf(response).type).toBe('ValueError');
  });

  it('rejects more than 20 Get User identifiers and more than 50 merge pairs with LimitBreached', async () => {
    const h = harness();
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ identifier_type: 'customer_id', identifier: `u${i}` }));
    expect((await h.send('getUser', { body: { data: { identifiers: ids(20) } } })).status).toBe(200);
    const tooMany = await h.send('getUser', { body: { data: { identifiers: ids(21) } } });
    expect(h.errorOf(tooMany)).toMatchObject({
      type: 'LimitBreached',
      message: 'max limit allowed is 20',
      attribute: 'users',
    });
    const pairs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ merged_user: `a${i}`, retained_user: `b${i}` }));
    expect((await h.send('mergeUsers', { body: { merge_data: pairs(50) } })).status).toBe(200);
    const tooManyPairs = await h.send('mergeUsers', { body: { merge_data: pairs(51) } });
    expect(h.errorOf(tooManyPairs)).toMatchObject({
      type: 'LimitBreached',
      message: 'max limit allowed is 50',
    });
  });

  it('answers a non-string merged_user with its documented message', async () => {
    const h = harness();
    const response = await h.send('mergeUsers', {
      body: { merge_data: [{ merged_user: null, retained_user: 'b' }] },
    });
    expect(h.errorOf(response)).toMatchObject({
      message: 'merged_user is expected to be String or Unicode String.',
    });
  });

  it('rejects an unknown identity_type and an out-of-range timezone offset, naming the field', async () => {
    const h = harness();
    const deletion = await h.send('deleteUser', { body: { identity_type: 'email', identity_value: 'a' } });
    expect(h.errorOf(deletion)).toMatchObject({ attribute: 'identity_type' });
    expect(h.errorOf(deletion).message).toMatch(
      /^identity_type is expected to be one of "customer_id", "moengage_id", "id"$/,
    );
    const offset = await h.send('createEvent', {
      body: { type: 'event', customer_id: 'a', actions: [{ action: 'x', user_timezone_offset: 90_000 }] },
    });
    expect(h.errorOf(offset)).toMatchObject({ attribute: 'user_timezone_offset' });
  });

  it('accepts what real clients send: lower-case platforms, odd dates, extra keys', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1 } } });
    const response = await h.send('createEvent', {
      body: {
        type: 'event',
        customer_id: 'john',
        extra_top_level: true,
        actions: [
          {
            action: 'Viewed',
            platform: 'web',
            current_time: '2020-10-16T13:40:12.791+05:30',
            attributes: { created_time: 'Thu Mar 24 2016 17:46:45 GMT+0000 (UTC)', 'products[0].price': 3 },
          },
        ],
      },
    });
    expect(response.status).toBe(200);
  });
});
