import { describe, expect, it } from 'vitest';
import { harness, KEY1, validBodies, WS1 } from './test-support/harness.ts';

describe('request headers and body', () => {
  it('accepts application/json with a charset parameter, in any case', async () => {
    const h = harness();
    for (const contentType of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=UTF-8',
    ]) {
      const response = await h.send('trackUser', {
        headers: { 'content-type': contentType },
        body: validBodies.trackUser,
      });
      expect(response.status, contentType).toBe(200);
    }
  });

  it('answers a missing Content-Type with 400 "Missing header value", on Merge Users too', async () => {
    const h = harness();
    for (const operationId of ['trackUser', 'mergeUsers'] as const) {
      const response = await h.send(operationId, {
        headers: { 'content-type': undefined },
        body: validBodies[operationId],
      });
      expect(response.status).toBe(400);
      expect(h.errorOf(response)).toMatchObject({
        type: 'Missing header value',
        message: 'The Content-Type Header is required',
      });
    }
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data'])(
    'answers Content-Type %s with 415',
    async (contentType) => {
      const h = harness();
      const response = await h.send('trackUser', {
        headers: { 'content-type': contentType },
        body: validBodies.trackUser,
      });
      expect(response.status).toBe(415);
    },
  );

  it('rejects a body over 128 KB with 413, and accepts one of exactly 128 KB', async () => {
    const h = harness();
    const padded = (size: number) => {
      const base = JSON.stringify({ type: 'customer', customer_id: 'john', attributes: { pad: '' } });
      return base.replace('"pad":""', `"pad":"${'x'.repeat(size - base.length)}"`);
    };
    expect((await h.send('trackUser', { body: padded(131_072) })).status).toBe(200);
    const tooLarge = await h.send('trackUser', { body: padded(131_073) });
    expect(tooLarge.status).toBe(413);
    expect(h.errorOf(tooLarge)).toMatchObject({
      type: 'Payload too large',
      message: 'The payload can not exceed 128KB',
    });
  });

  it('answers 413 when the adapter stopped reading at the limit, without looking at the partial body', async () => {
    const h = harness();
    const response = await h.send('bulkImport', {
      body: '{"type":"transition","elem',
      bodyExceededLimit: true,
    });
    expect(response.status).toBe(413);
  });

  it('tells adapters the payload limit of the workspace named by the credentials or the app_id', () => {
    const h = harness({ workspaces: { SMALL: { apiKey: 'k', payloadLimitBytes: 1024 } } });
    const auth = Buffer.from('SMALL:k').toString('base64');
    expect(h.engine.bodyLimit({ method: 'POST', url: '/v1/customer/SMALL', headers: {} })).toBe(1024);
    expect(
      h.engine.bodyLimit({
        method: 'POST',
        url: '/v1/customer/X',
        headers: { authorization: `Basic ${auth}` },
      }),
    ).toBe(1024);
    expect(
      h.engine.bodyLimit({ method: 'POST', url: '/v1/customers/export?app_id=SMALL', headers: {} }),
    ).toBe(1024);
    expect(h.engine.bodyLimit({ method: 'POST', url: `/v1/customer/${WS1}`, headers: {} })).toBe(131_072);
    expect(h.engine.bodyLimit({ method: 'POST', url: '/anything', headers: {} })).toBe(131_072);
  });

  it('enforces a per-workspace payload limit', async () => {
    const h = harness({ workspaces: { [WS1]: { apiKey: KEY1, payloadLimitBytes: 64 } } });
    const response = await h.send('trackUser', { body: { type: 'customer', customer_id: 'x'.repeat(80) } });
    expect(response.status).toBe(413);
  });

  it.each([
    ['no body', null],
    ['an empty body', ''],
    ['a whitespace body', ' \n\t '],
  ])('answers %s with 400 "Empty request body"', async (_case, body) => {
    const h = harness();
    const response = await h.send('trackUser', { body });
    expect(h.errorOf(response)).toMatchObject({
      type: 'Empty request body',
      message: 'A valid JSON document is required',
    });
  });

  it.each([
    ['truncated JSON', '{"type":"customer"'],
    ['single quotes', "{'type':'customer'}"],
    ['a trailing comma', '{"type":"customer",}'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])],
  ])('answers %s with 400 "Malformed JSON"', async (_case, body) => {
    const h = harness();
    const response = await h.send('trackUser', { body });
    expect(response.status).toBe(400);
    expect(h.errorOf(response).type).toBe('Malformed JSON');
  });

  it.each([['"a string"'], ['42'], ['["customer"]'], ['null'], ['true']])(
    'answers the top-level JSON %s with 400 "Body type is not JSON"',
    async (body) => {
      const h = harness();
      const response = await h.send('trackUser', { body });
      expect(h.errorOf(response)).toMatchObject({
        type: 'Body type is not JSON',
        message: 'A valid JSON document is required.',
      });
    },
  );

  it('never parses a body sent to Trigger File Imports: a JSON-typed one within the limit passes as it is', async () => {
    const h = harness();
    const response = await h.send('triggerFileImport', {
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(response.status).toBe(200);
  });

  it('reads header names in any case from adapters that do not lower-case them', async () => {
    const h = harness();
    const response = await h.engine.handle({
      method: 'post',
      url: `/v1/customer/${WS1}`,
      headers: {
        Authorization: `Basic ${Buffer.from(`${WS1}:${KEY1}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: new TextEncoder().encode(JSON.stringify(validBodies.trackUser)),
    });
    expect(response.status).toBe(200);
  });
});
