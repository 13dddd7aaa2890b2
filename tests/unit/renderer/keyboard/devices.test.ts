import { describe, expect, it } from 'vitest';
import { cardholderDevices } from '../../../../renderer/tokens/devices';
import { buildToken } from '../lookup/builders';

const phone = { name: 'iPhone 15', type: 'PHONE', tokenStorageId: 'SE-PHONE' } as const;
const watch = { name: 'Apple Watch', type: 'WATCH', tokenStorageId: 'SE-WATCH' } as const;
const old = { name: 'Pixel 6', type: 'PHONE', tokenStorageId: 'SE-OLD' } as const;

describe('the cardholder’s devices', () => {
  it('groups every card’s tokens by device, most live tokens first, and leaves out a device with nothing left to act on', () => {
    const devices = cardholderDevices([
      buildToken({ virtualCardId: 'VC1', issuerCardRefId: 'CRGOLD', device: phone }),
      buildToken({ virtualCardId: 'VC2', issuerCardRefId: 'CRCLSC', device: { ...phone, name: null } }),
      buildToken({ virtualCardId: 'VC3', issuerCardRefId: 'CRPLAT', device: phone, state: 'DELETED' }),
      buildToken({ virtualCardId: 'VC4', issuerCardRefId: 'CRGOLD', device: watch }),
      buildToken({ virtualCardId: 'VC5', issuerCardRefId: 'CRGOLD', device: old, state: 'DELETED' }),
    ]);
    expect(devices.map((entry) => [entry.device.tokenStorageId, entry.device.name, entry.tokens.length, entry.live])).toEqual([
      ['SE-PHONE', 'iPhone 15', 3, 2],
      ['SE-WATCH', 'Apple Watch', 1, 1],
    ]);
  });
});
