import { describe, expect, it } from 'vitest';
import { DEVICE_ATTRIBUTE_KEYS } from '../rules.ts';
import { DeviceAttributes, TrackDeviceRequest, trackDeviceExamples } from './track-device.ts';

const valid = {
  type: 'device',
  customer_id: 'john@example.com',
  device_id: 'device-1',
  attributes: { platform: 'ANDROID', push_id: 'token' },
};

describe('TrackDeviceRequest', () => {
  it.each(Object.entries(trackDeviceExamples))('accepts the official example "%s"', (_name, example) => {
    expect(TrackDeviceRequest.safeParse(example.value).success).toBe(true);
  });

  it.each(['tv', 'Web', 'IOS'])('accepts the platform %s, matched case-insensitively', (platform) => {
    expect(
      TrackDeviceRequest.safeParse({ ...valid, attributes: { ...valid.attributes, platform } }).success,
    ).toBe(true);
  });

  it('accepts custom device attributes (MoEngage drops them later)', () => {
    const body = { ...valid, attributes: { ...valid.attributes, colour: 'red' } };
    expect(TrackDeviceRequest.safeParse(body).success).toBe(true);
  });

  it.each([
    [
      'an unsupported platform',
      { ...valid, attributes: { ...valid.attributes, platform: 'Windows' } },
      ['attributes', 'platform'],
    ],
    ['no push_id', { ...valid, attributes: { platform: 'iOS' } }, ['attributes', 'push_id']],
    ['no attributes', { type: 'device', customer_id: 'a', device_id: 'b' }, ['attributes']],
    ['no customer_id', { ...valid, customer_id: undefined }, ['customer_id']],
    ['a capitalised type', { ...valid, type: 'Device' }, ['type']],
  ])('rejects %s', (_case, body, path) => {
    const result = TrackDeviceRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe('DEVICE_ATTRIBUTE_KEYS', () => {
  it('lists exactly the device attributes the schema documents (the rest are custom and dropped)', () => {
    expect([...DEVICE_ATTRIBUTE_KEYS].sort()).toEqual(Object.keys(DeviceAttributes.shape).sort());
  });
});
