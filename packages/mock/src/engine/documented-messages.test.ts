import { describe, expect, it } from 'vitest';
import { harness, KEY1, WS1 } from './test-support/harness.ts';

const device = (body: Record<string, unknown>) => ({
  body: {
    type: 'device',
    customer_id: 'john',
    device_id: 'd-1',
    ...body,
  },
});

describe("each endpoint answers with the wording of MoEngage's own OpenAPI document", () => {
  it.each([
    [
      'customer_id',
      device({ customer_id: undefined, attributes: { platform: 'iOS', push_id: 't' } }),
      "'customer_id' is not found in the payload",
    ],
    ['attributes', device({}), "'attributes' is not found in the payload"],
    ['push_id', device({ attributes: { platform: 'iOS' } }), "'push_id' is not found in payload"],
    ['platform', device({ attributes: { push_id: 't' } }), "'platform' is not found in payload"],
  ])(
    'Track Device without %s: the quoted message its 400 examples show',
    async (attribute, call, message) => {
      const h = harness();
      const response = await h.send('trackDevice', call);
      expect(response.status).toBe(400);
      expect(h.errorOf(response)).toEqual({
        attribute,
        message,
        type: 'MissingAttributeError',
        request_id: expect.any(String),
      });
    },
  );

  it.each([
    ['Delete User', 'deleteUser', { identity_value: 'john' }, 'identity_type is not found in the payload'],
    ['Track User', 'trackUser', { customer_id: 'john' }, 'type is not found in the payload'],
    [
      'Track Device',
      'trackDevice',
      { customer_id: 'john', device_id: 'd', attributes: {} },
      "'type' is not found in the payload",
    ],
  ] as const)(
    '%s reports a missing enum-valued field as not found, not as a wrong value',
    async (_name, operationId, body, message) => {
      const h = harness();
      const response = await h.send(operationId, { body });
      expect(response.status).toBe(400);
      expect(h.errorOf(response).message).toBe(message);
    },
  );

  it.each([
    [
      { type: 'customer', attributes: { name: 'No id' } },
      'customer_id',
      "'customer_id not found in the payload",
    ],
    [
      { type: 'event', customer_id: 'john', actions: [{ action: '' }] },
      'action',
      "'action cannot be empty Unicode string",
    ],
  ])(
    "strict Bulk Import answers a bad element in the yaml's own wording",
    async (element, attribute, message) => {
      const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, strictBulk: true } } });
      const response = await h.send('bulkImport', { body: { type: 'transition', elements: [element] } });
      expect(response.status).toBe(400);
      expect(h.errorOf(response)).toMatchObject({ attribute, message, type: 'MissingAttributeError' });
    },
  );

  it('answers Delete User 5xx with status, title and description only, as its example shows', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, faults: { status: 500 } } } });
    const response = await h.send('deleteUser', {
      body: { identity_type: 'customer_id', identity_value: 'john' },
    });
    expect(response.body).toEqual({
      status: 'fail',
      title: 'Internal Error',
      description: 'Please contact the MoEngage team.',
    });
  });

  it('answers file-import title errors with title and description only (a code on 5xx), no status', async () => {
    const h = harness();
    const missing = await h.send('triggerFileImport', { headers: { 'moe-appkey': undefined } });
    expect(missing.body).toEqual({ title: 'HeaderMissing', description: 'MOE-APPKEY is missing in Header' });

    const failing = harness({ workspaces: { [WS1]: { apiKey: KEY1, faults: { status: 500 } } } });
    const failed = await failing.send('triggerFileImport');
    expect(failed.body).toEqual({
      title: 'Server Error',
      description:
        'An unexpected error was encountered while processing this request. Please contact MoEngage Team.',
      code: expect.any(String),
    });
  });
});
