import { describe, expect, it } from 'vitest';
import { harness, WS1 } from './test-support/harness.ts';

const long = (length: number, start = 'x') => start + 'y'.repeat(length - start.length);

async function trackJohn(attributes: Record<string, unknown>) {
  const h = harness();
  const response = await h.send('trackUser', { body: { type: 'customer', customer_id: 'john', attributes } });
  expect(response.status).toBe(200);
  return {
    h,
    stored: h.engine.store.users.get(WS1, 'john')?.attributes ?? {},
    drops: h.engine.store.drops.list(WS1).map((drop) => [drop.reason, drop.path]),
  };
}

describe('the data-type rules of reference §1.7, applied silently and recorded', () => {
  it('stores a string value over 512 characters truncated to 512, a list item too', async () => {
    const { stored, drops } = await trackJohn({ bio: long(600), tags: ['ok', long(513)] });
    expect(stored.bio).toBe(long(600).slice(0, 512));
    expect(stored.tags).toEqual(['ok', long(513).slice(0, 512)]);
    expect(drops).toEqual([
      ['valueTruncated', 'attributes.bio'],
      ['valueTruncated', 'attributes.tags'],
    ]);
  });

  it('rejects a URL value over 512 characters instead of truncating it', async () => {
    const { stored, drops } = await trackJohn({ avatar: long(600, 'https://cdn.example.com/') });
    expect(stored.avatar).toBeUndefined();
    expect(drops).toEqual([['urlTooLong', 'attributes.avatar']]);
  });

  it('stores an attribute whose name is over 200 characters under its first 200', async () => {
    const name = long(250, 'n');
    const { stored, drops } = await trackJohn({ [name]: 1 });
    expect(stored).toEqual({ [name.slice(0, 200)]: 1 });
    expect(drops).toEqual([['nameTruncated', `attributes.${name}`]]);
  });

  it('keeps the first 50 items of a longer list', async () => {
    const items = Array.from({ length: 60 }, (_, i) => i);
    const { stored, drops } = await trackJohn({ scores: items });
    expect(stored.scores).toEqual(items.slice(0, 50));
    expect(drops).toEqual([['listTooLong', 'attributes.scores']]);
  });

  it.each([
    ['a list mixing strings and numbers', { mixed: ['a', 1] }, 'mixedList', 'attributes.mixed'],
    ['a list of booleans', { flags: [true, false] }, 'mixedList', 'attributes.flags'],
    ['null', { nothing: null }, 'unsupportedValue', 'attributes.nothing'],
    [
      'a reserved SDK keyword',
      { USER_ATTRIBUTE_UNIQUE_ID: 'x' },
      'reservedName',
      'attributes.USER_ATTRIBUTE_UNIQUE_ID',
    ],
    ['the reserved name status', { status: 'gold' }, 'reservedName', 'attributes.status'],
    [
      'an object key with a dot',
      { address: { 'zip.code': '1' } },
      'objectKeyCharacters',
      'attributes.address',
    ],
    [
      'an object with over 100 sub-attributes',
      { big: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) },
      'objectTooLarge',
      'attributes.big',
    ],
    [
      'an object over 25 KB',
      { blob: { a: 'z'.repeat(500), list: Array.from({ length: 60 }, () => ({ t: 'q'.repeat(490) })) } },
      'objectTooLarge',
      'attributes.blob',
    ],
  ])('drops %s, recording the rule', async (_case, attributes, rule, path) => {
    const { stored, drops } = await trackJohn(attributes);
    expect(stored).toEqual({});
    expect(drops).toEqual([[rule, path]]);
  });

  it('applies the same rules to event attributes and event names; an event keeps its first 100 attributes', async () => {
    const h = harness();
    const attributes = Object.fromEntries(Array.from({ length: 102 }, (_, i) => [`a${i}`, i]));
    const name = long(210, 'E');
    await h.send('createEvent', {
      body: {
        type: 'event',
        customer_id: 'john',
        actions: [
          { action: name, attributes: { note: long(520) } },
          { action: 'Wide', attributes },
        ],
      },
    });
    const [first, second] = h.engine.store.events.list(WS1);
    expect(first?.action).toBe(name.slice(0, 200));
    expect(first?.attributes.note).toBe(long(520).slice(0, 512));
    expect(Object.keys(second?.attributes ?? {})).toHaveLength(100);
    expect(second?.attributes.a100).toBeUndefined();
    expect(h.engine.store.drops.list(WS1).map((drop) => [drop.reason, drop.path])).toEqual([
      ['nameTruncated', 'actions[0].action'],
      ['valueTruncated', 'actions[0].attributes.note'],
      ['eventAttributeLimit', 'actions[1].attributes.a100'],
      ['eventAttributeLimit', 'actions[1].attributes.a101'],
    ]);
  });

  it('drops a 257th user attribute name in a workspace, and keeps updating the 256 it has', async () => {
    const h = harness();
    const first = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`attr${i}`, i]));
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'ada', attributes: first } });
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'bob', attributes: { attr7: 'again', extra: 1 } },
    });
    expect(h.engine.store.users.get(WS1, 'bob')?.attributes).toEqual({ attr7: 'again' });
    expect(h.engine.store.drops.list(WS1).map((drop) => [drop.reason, drop.path])).toEqual([
      ['userAttributeQuota', 'attributes.extra'],
    ]);
  });

  it('drops events with a 513th event name in a workspace', async () => {
    const h = harness();
    const actions = Array.from({ length: 513 }, (_, i) => ({ action: `E${i}` }));
    await h.send('createEvent', { body: { type: 'event', customer_id: 'ada', actions } });
    await h.send('createEvent', { body: { type: 'event', customer_id: 'ada', actions: [{ action: 'E1' }] } });
    expect(h.engine.store.events.list(WS1)).toHaveLength(513);
    expect(h.engine.store.drops.list(WS1).map((drop) => [drop.reason, drop.path])).toEqual([
      ['eventNameQuota', 'actions[512]'],
    ]);
  });

  it('forgets the registered names when the emulator is reset', async () => {
    const h = harness();
    const names = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`attr${i}`, i]));
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'ada', attributes: names } });
    h.engine.reset();
    await h.send('trackUser', { body: { type: 'customer', customer_id: 'bob', attributes: { fresh: 1 } } });
    expect(h.engine.store.users.get(WS1, 'bob')?.attributes).toEqual({ fresh: 1 });
  });
});
