/** Track Device (`POST /v1/device/{app_id}`): create or update a device of an existing user. */
import { z } from 'zod';
import { AttributeValue, CustomerId, DevicePlatform } from '../primitives.ts';

const text = (description: string) => z.string().meta({ description }).optional();

/** Device attributes; unknown keys are accepted and dropped during processing. */
export const DeviceAttributes = z
  .object({
    platform: DevicePlatform,
    push_id: z.string().meta({
      description: 'Push token. Updating it changes reachability only while the device is marked Installed.',
    }),
    model: text('Device model.'),
    moe_push_opted: z
      .enum(['True', 'False'])
      .meta({ description: 'Push opt-in status of the device.' })
      .optional(),
    moe_push_provisional_opted: text('Provisional push opt-in status (iOS).'),
    app_version: text('App version on the device.'),
    os_version: text('Operating-system version.'),
    moe_gaid: text('Google Advertising ID (Android only; dropped when the platform is iOS).'),
    idfv: text('Identifier for vendor (iOS only; dropped when the platform is Android).'),
    push_preference: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .meta({ description: 'Legacy Device API field: push preference.' })
      .optional(),
    active: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .meta({ description: 'Legacy Device API field: whether the device is active.' })
      .optional(),
    created_time: z
      .union([z.number(), z.string()])
      .meta({ description: 'Legacy Device API field: creation time (epoch).' })
      .optional(),
    brand: text('Legacy field: device brand.'),
  })
  .catchall(AttributeValue)
  .meta({
    id: 'DeviceAttributes',
    description:
      'Device attributes. `platform` and `push_id` are required (missing: 400 "\'platform\' is not found in payload"). ' +
      'Custom device attributes are accepted but dropped during processing.',
    example: { platform: 'ANDROID', push_id: 'fcm-token-123', model: 'Pixel 8', app_version: '1.2.3' },
  });

/** Official examples of Track Device bodies, by name. */
export const trackDeviceExamples = {
  iosDevice: {
    summary: 'Register an iOS device with its push token',
    value: {
      type: 'device',
      customer_id: 'john@example.com',
      device_id: '96bd03b6-defc-4203-83d3-dc1c73080232',
      attributes: {
        model: 'iPhone',
        platform: 'iOS',
        push_preference: 'true',
        push_id: 'irBMohQPf_k2QrwP8iRzK3A/0CdLEzAoVGdF65HhH_I',
        app_version: '10.1',
        os_version: '2.5.4',
        active: 'true',
        created_time: 143383676,
      },
    },
  },
  androidDevice: {
    summary: 'Register an Android device with its advertising id',
    value: {
      type: 'device',
      customer_id: 'john@example.com',
      device_id: 'android-device-0001',
      attributes: {
        platform: 'ANDROID',
        push_id: 'fcm-token-0001',
        moe_push_opted: 'True',
        moe_gaid: '38400000-8cf0-11bd-b23e-10b96e40000d',
      },
    },
  },
};

/** Track Device request body. */
export const TrackDeviceRequest = z
  .object({
    type: z
      .literal('device')
      .meta({ description: 'Exactly `device` (lower-case); any other value is a 400.' }),
    customer_id: CustomerId.meta({
      description:
        'The user the device belongs to. Devices can only be created for existing users: for an unknown user the ' +
        'request is accepted (200) and the device dropped.',
    }),
    device_id: z.string().min(1).meta({
      description: 'The SDK device id, or your own unique value (push token, GAID/IDFV, ...).',
    }),
    attributes: DeviceAttributes,
  })
  .meta({
    id: 'TrackDeviceRequest',
    description: 'Creates or updates one device of an existing user (at most 1,000 devices per user).',
    examples: Object.values(trackDeviceExamples).map((example) => example.value),
  });

/** Track Device request body. */
export type TrackDeviceRequest = z.infer<typeof TrackDeviceRequest>;
/** Device attributes. */
export type DeviceAttributes = z.infer<typeof DeviceAttributes>;
