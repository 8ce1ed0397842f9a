import { describe, expect, it } from 'vitest';
import { eventTimeToEpochMs } from './operations/event-time.ts';
import { harness, T0, WS1 } from './test-support/harness.ts';

const events = (actions: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
  body: { type: 'event', customer_id: 'john', actions, ...extra },
});

describe('Create Event', () => {
  it('records every action with its attributes and times as sent', async () => {
    const h = harness();
    const response = await h.send(
      'createEvent',
      events(
        [
          {
            action: 'Flight Booked',
            attributes: { price: 3999 },
            platform: 'iOS',
            app_version: '1.2.3',
            current_time: 1433837969,
            user_timezone_offset: 19800,
          },
          { action: 'ProductAdded', user_time: '1704067200000', current_time: '1704067200000' },
        ],
        { device_id: 'device-9' },
      ),
    );
    expect(response.status).toBe(200);
    const recorded = h.engine.store.events.list(WS1);
    expect(recorded).toMatchObject([
      {
        eventId: 'req1-0',
        customerId: 'john',
        deviceId: 'device-9',
        action: 'Flight Booked',
        attributes: { price: 3999 },
        platform: 'iOS',
        appVersion: '1.2.3',
        currentTime: 1433837969,
        userTimezoneOffset: 19800,
        receivedAt: T0,
        requestId: 'req1',
      },
      { eventId: 'req1-1', action: 'ProductAdded', userTime: '1704067200000', platform: null },
    ]);
  });

  it('creates an unknown user and attaches the events to it', async () => {
    const h = harness();
    await h.send('createEvent', events([{ action: 'Signed Up' }]));
    const user = h.engine.store.users.get(WS1, 'john');
    expect(user).toMatchObject({ customerId: 'john', attributes: {} });
    expect(h.engine.store.events.list(WS1, { moengageId: user?.moengageId })).toHaveLength(1);
  });

  it('attaches events to an existing user without changing its attributes', async () => {
    const h = harness();
    await h.send('trackUser', {
      body: { type: 'customer', customer_id: 'john', attributes: { name: 'John' } },
    });
    await h.send('createEvent', events([{ action: 'Viewed' }]));
    expect(h.engine.store.users.list(WS1)).toHaveLength(1);
    expect(h.engine.store.users.get(WS1, 'john')?.attributes).toEqual({ u_n: 'John' });
  });

  it('drops events and event attributes with the moe_ prefix, keeping the rest', async () => {
    const h = harness();
    await h.send(
      'createEvent',
      events([{ action: 'moe_internal' }, { action: 'Kept', attributes: { moe_x: 1, y: 2 } }]),
    );
    expect(h.engine.store.events.list(WS1).map((e) => [e.action, e.attributes])).toEqual([
      ['Kept', { y: 2 }],
    ]);
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path])).toEqual([
      ['reservedPrefix', 'actions[0].action'],
      ['reservedPrefix', 'actions[1].attributes.moe_x'],
    ]);
  });

  it('drops future-dated events, allowing a minute of clock skew', async () => {
    const h = harness();
    const seconds = (ms: number) => Math.floor(ms / 1000);
    await h.send(
      'createEvent',
      events([
        { action: 'Past', current_time: seconds(T0) - 3600 },
        { action: 'Skewed', current_time: seconds(T0) + 30 },
        { action: 'Tomorrow', current_time: seconds(T0) + 86_400 },
        { action: 'FutureIso', current_time: '2030-01-01T00:00:00Z' },
        { action: 'FutureMillis', current_time: String(T0 + 3_600_000) },
      ]),
    );
    expect(h.engine.store.events.list(WS1).map((e) => e.action)).toEqual(['Past', 'Skewed']);
    expect(h.engine.store.drops.list(WS1).map((d) => [d.reason, d.path])).toEqual([
      ['futureEvent', 'actions[2]'],
      ['futureEvent', 'actions[3]'],
      ['futureEvent', 'actions[4]'],
    ]);
  });

  it('reads user_time as local time: an offset moves it to UTC, and without one it may run 15 hours ahead', async () => {
    const h = harness();
    const seconds = Math.floor(T0 / 1000);
    await h.send(
      'createEvent',
      events([
        { action: 'IstNow', user_time: seconds + 19_800, user_timezone_offset: 19_800 },
        { action: 'LocalAhead', user_time: seconds + 10 * 3600 },
        { action: 'TooFar', user_time: seconds + 20 * 3600 },
      ]),
    );
    expect(h.engine.store.events.list(WS1).map((e) => e.action)).toEqual(['IstNow', 'LocalAhead']);
  });

  it('never rejects or drops an event for a time it cannot read', async () => {
    const h = harness();
    const response = await h.send(
      'createEvent',
      events([{ action: 'Odd', current_time: 'Thu Mar 24 2016', user_time: 'soon' }]),
    );
    expect(response.status).toBe(200);
    expect(h.engine.store.events.list(WS1)[0]?.currentTime).toBe('Thu Mar 24 2016');
  });

  it('creates no user when every event of the request was dropped', async () => {
    const h = harness();
    await h.send('createEvent', events([{ action: 'moe_only' }]));
    expect(h.engine.store.users.count()).toBe(0);
  });

  it('drops the whole request for a blocklisted customer_id', async () => {
    const h = harness();
    await h.send('createEvent', {
      body: { type: 'event', customer_id: 'guest', actions: [{ action: 'A' }] },
    });
    expect(h.engine.store.events.list()).toEqual([]);
    expect(h.engine.store.drops.list(WS1)[0]?.reason).toBe('blocklistedCustomerId');
  });
});

describe('eventTimeToEpochMs', () => {
  it('reads epoch seconds, epoch milliseconds (13 digits) and ISO 8601, as numbers or strings', () => {
    expect(eventTimeToEpochMs(1590404615)).toBe(1590404615000);
    expect(eventTimeToEpochMs('1590404615')).toBe(1590404615000);
    expect(eventTimeToEpochMs('1708939453396')).toBe(1708939453396);
    expect(eventTimeToEpochMs(1708939453396)).toBe(1708939453396);
    expect(eventTimeToEpochMs('2020-05-31T16:33:35Z')).toBe(Date.UTC(2020, 4, 31, 16, 33, 35));
    expect(eventTimeToEpochMs('2020-10-16T13:40:12.791+05:30')).toBe(
      Date.parse('2020-10-16T13:40:12.791+05:30'),
    );
    expect(eventTimeToEpochMs('2022-01-22')).toBe(Date.UTC(2022, 0, 22));
  });

  it('reads nothing from values that are not times', () => {
    expect(eventTimeToEpochMs(undefined)).toBeUndefined();
    expect(eventTimeToEpochMs('yesterday')).toBeUndefined();
    expect(eventTimeToEpochMs('2020-15-45T99:00:00Z')).toBeUndefined();
    expect(eventTimeToEpochMs(-5)).toBeUndefined();
  });
});
