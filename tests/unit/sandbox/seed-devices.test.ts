import { describe, expect, it } from 'vitest';
import type { DeviceType } from '../../../shared/api/model';
import { generateSeedData, knownFixtures } from '../../../sandbox/index';
import { DEVICES, deviceModel } from '../../../sandbox/seed/catalogue';

/**
 * What each product line is, written here independently of the catalogue: a Galaxy S phone is a
 * phone, a watch is a watch. A device name that fits none of them must be added here first.
 */
const PRODUCT_LINES: ReadonlyArray<readonly [RegExp, DeviceType]> = [
  [/^(Apple Watch|Pixel Watch|Galaxy Watch)/, 'WATCH'],
  [/^Fitbit\b/, 'WEARABLE'],
  [/^iPad\b/, 'TABLET'],
  [/^MacBook\b/, 'LAPTOP'],
  [/^(iPhone|Pixel \d|Galaxy [SAZ]\d*|Galaxy Z |Xperia|AQUOS)/, 'PHONE'],
];

const typeOfName = (name: string): DeviceType | undefined => PRODUCT_LINES.find(([line]) => line.test(name))?.[1];

describe('seed devices', () => {
  it('pairs every catalogue model with the type of its product line', () => {
    for (const [wallet, models] of Object.entries(DEVICES)) {
      for (const model of models) expect(model.type, `${wallet} ${model.name}`).toBe(typeOfName(model.name));
    }
  });

  it.each([20261120, 7, 99])('gives every named device in the seed (seed %i) its model\'s type, in the token and in its history', (seed) => {
    const data = generateSeedData(seed);
    const named = data.tokens.filter((token) => token.device.name !== null);
    expect(named.length).toBeGreaterThan(100);
    for (const token of named) {
      const name = token.device.name ?? '';
      expect(typeOfName(name), `${token.virtualCardId} "${name}" is of no known product line`).toBeDefined();
      expect(token.device.type, `${token.virtualCardId} "${name}"`).toBe(typeOfName(name));
    }
    let requests = 0;
    for (const token of data.tokens) {
      for (const event of data.events[token.virtualCardId] ?? []) {
        if (event.kind !== 'DIGITIZATION_REQUESTED') continue;
        requests += 1;
        expect(event.detail.deviceType, token.virtualCardId).toBe(token.device.type);
      }
    }
    expect(requests).toBeGreaterThan(100);
  });

  it('has the fixtures on the devices their names say: the declined Galaxy S24 is a phone', () => {
    const data = generateSeedData();
    const declined = data.tokens.find((token) => token.virtualCardId === knownFixtures.lifecycle.declined);
    expect(declined?.device).toMatchObject({ name: 'Galaxy S24', type: 'PHONE' });
    expect(declined?.isPrimary).toBe(true);
  });

  it('refuses a model name it does not know rather than guess its type', () => {
    expect(() => deviceModel('SAMSUNG_PAY', 'Galaxy Ring')).toThrow(/Galaxy Ring/);
    expect(deviceModel('GOOGLE_PAY', 'Pixel 9')).toEqual({ name: 'Pixel 9', type: 'PHONE' });
  });
});
