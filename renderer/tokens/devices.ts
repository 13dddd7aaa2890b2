import type { Device, Token } from '../../shared/api/model';

/** One device of the cardholder, with its tokens from every card. */
export interface CardholderDevice {
  readonly device: Device;
  readonly tokens: readonly Token[];
  /** Tokens that are not deleted: what a bulk action could still change. */
  readonly live: number;
}

/**
 * The cardholder's devices, each with its tokens across all cards (a lost phone holds several
 * cards' tokens), those with the most live tokens first, then the most recently used. A device
 * whose tokens are all deleted has nothing left to act on and is left out.
 */
export const cardholderDevices = (tokens: readonly Token[]): CardholderDevice[] => {
  const byStorage = new Map<string, Token[]>();
  for (const token of tokens) {
    const held = byStorage.get(token.device.tokenStorageId);
    if (held === undefined) byStorage.set(token.device.tokenStorageId, [token]);
    else held.push(token);
  }
  const newest = (list: readonly Token[]): number => Math.max(...list.map((token) => Date.parse(token.digitizedAt)));
  const devices: CardholderDevice[] = [];
  for (const list of byStorage.values()) {
    // A token may lack the device's name (the wallet need not give it); another on the same device may have it.
    const device = (list.find((token) => token.device.name !== null) ?? list[0])?.device;
    const live = list.filter((token) => token.state !== 'DELETED').length;
    if (device !== undefined && live > 0) devices.push({ device, tokens: list, live });
  }
  return devices
    .sort((a, b) => b.live - a.live || newest(b.tokens) - newest(a.tokens) || a.device.tokenStorageId.localeCompare(b.device.tokenStorageId));
};
