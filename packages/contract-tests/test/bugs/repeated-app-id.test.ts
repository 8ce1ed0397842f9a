/**
 * Known bug (owner: packages/mock, src/engine/checks.ts). decisions/040: "app_id: values from the path
 * and the query are all checked: any unknown → 400 InvalidParams, any other than the Basic username
 * → 409". A repeated query parameter escapes the check: `?app_id=WS1&app_id=WS2` is answered 200
 * (only the first value is read, with `query.get`), so a request that names two workspaces is
 * accepted. Proposed fix: check `query.getAll('app_id')` (empty values still count as absent).
 */
import { basicAuthHeader } from '@moedata/mock';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { sendRaw } from '../../src/contract-client.ts';
import { KEY1, setupContractMsw, WS1, WS2 } from '../../src/contract-mock.ts';

const mock = setupContractMsw();
beforeAll(() => mock.listen());
afterEach(() => mock.reset());
afterAll(() => mock.close());

const getUser = (query: string) =>
  sendRaw(
    { kind: 'msw' },
    {
      path: `/v1/customers/export?${query}`,
      headers: { authorization: basicAuthHeader(WS1, KEY1), 'content-type': 'application/json' },
      body: JSON.stringify({
        data: { identifiers: [{ identifier_type: 'customer_id', identifier: 'ada' }] },
      }),
    },
  );

it('answers 409 when the only app_id names another workspace', async () => {
  expect((await getUser(`app_id=${WS2}`)).status).toBe(409);
});

it('answers 409 when a second app_id names another workspace', async () => {
  expect((await getUser(`app_id=${WS1}&app_id=${WS2}`)).status).toBe(409);
});

it('answers 400 InvalidParams when a second app_id names no workspace', async () => {
  expect((await getUser(`app_id=${WS1}&app_id=NO-SUCH-WORKSPACE`)).status).toBe(400);
});
