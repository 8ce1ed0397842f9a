/**
 * One source for the silent rules (issue 12, item 7): what the client's `collectWarnings` flags before
 * sending is what the emulator records after accepting, under the same rule names and paths.
 */
import { collectWarnings, createMoEngage } from '@moedata/client';
import { createEngine } from '@moedata/mock';
import { expect, it } from 'vitest';
import { engineFetch } from '../../src/engine-fetch.ts';

const WORKSPACE = 'WSDQ';
const API_KEY = 'dq-secret';

const body = {
  type: 'transition',
  elements: [
    { type: 'customer', customer_id: 'ada', attributes: { name: 'Ada' } },
    {
      type: 'customer',
      customer_id: 'ada',
      attributes: {
        moe_score: 1,
        status: 'gold',
        bio: 'b'.repeat(600),
        [`n${'x'.repeat(210)}`]: 1,
        scores: Array.from({ length: 55 }, (_, i) => i),
        avatar: `https://cdn.example.com/${'a'.repeat(600)}`,
        mixed: [1, 'a'],
        gone: null,
        address: { 'zip.code': '1' },
      },
    },
    {
      type: 'device',
      customer_id: 'ada',
      device_id: 'd-1',
      attributes: { platform: 'iOS', push_id: 't', moe_gaid: 'g', colour: 'red' },
    },
    {
      type: 'event',
      customer_id: 'ada',
      actions: [
        {
          action: 'E'.repeat(205),
          attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i])),
        },
        { action: 'moe_opened' },
      ],
    },
    { type: 'event', customer_id: 'null', actions: [{ action: 'Lost' }] },
  ],
};

it('flags before sending exactly the rules the emulator records after accepting, with the same names and paths', async () => {
  const engine = createEngine({ workspaces: { [WORKSPACE]: { apiKey: API_KEY } } });
  const warned: string[] = [];
  const client = createMoEngage({
    workspaceId: WORKSPACE,
    apiKey: API_KEY,
    baseUrl: 'https://api-01.moengage.com',
    fetch: engineFetch(engine),
    onWarning: (warning) => warned.push(`${warning.code} ${warning.path}`),
  });

  await client.bulkImport(body as never);

  const recorded = engine.store.drops.list(WORKSPACE).map((drop) => `${drop.reason} ${drop.path}`);
  expect(recorded.length).toBeGreaterThan(10);
  expect(warned.sort()).toEqual(recorded.sort());
  expect(collectWarnings('bulkImport', body).map((warning) => warning.code)).toContain('eventAttributeLimit');
});
