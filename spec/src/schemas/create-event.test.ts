import { describe, expect, it } from 'vitest';
import { CreateEventRequest, createEventExamples } from './create-event.ts';

const valid = { type: 'event', customer_id: 'john@example.com', actions: [{ action: 'Purchase' }] };

describe('CreateEventRequest', () => {
  it.each(Object.entries(createEventExamples))('accepts the official example "%s"', (_name, example) => {
    expect(CreateEventRequest.safeParse(example.value).success).toBe(true);
  });

  it.each(['2020-10-16T13:40:12.791+05:30', 'Thu Mar 24 2016 17:46:45 GMT+0000 (UTC)', 1590404615.5])(
    'accepts the time %s, since unreadable times are stored as strings rather than rejected',
    (time) => {
      const body = { ...valid, actions: [{ action: 'Purchase', current_time: time, user_time: time }] };
      expect(CreateEventRequest.safeParse(body).success).toBe(true);
    },
  );

  it.each([
    ['an empty actions array', { ...valid, actions: [] }, ['actions']],
    ['an action without a name', { ...valid, actions: [{ attributes: {} }] }, ['actions', 0, 'action']],
    ['an empty action name', { ...valid, actions: [{ action: '' }] }, ['actions', 0, 'action']],
    [
      'a timezone offset beyond 15 hours',
      { ...valid, actions: [{ action: 'a', user_timezone_offset: 60_000 }] },
      ['actions', 0, 'user_timezone_offset'],
    ],
    [
      'a boolean time',
      { ...valid, actions: [{ action: 'a', current_time: true }] },
      ['actions', 0, 'current_time'],
    ],
    [
      'an unknown TV operating system',
      { ...valid, actions: [{ action: 'a', platform: 'TV', moe_os_type: 'Commodore' }] },
      ['actions', 0, 'moe_os_type'],
    ],
    ['a capitalised type', { ...valid, type: 'Event' }, ['type']],
    [
      'non-string user identifiers',
      { type: 'event', user_identifiers: { moe_mobile: 98 }, actions: [{ action: 'a' }] },
      ['user_identifiers', 'moe_mobile'],
    ],
  ])('rejects %s', (_case, body, path) => {
    const result = CreateEventRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
