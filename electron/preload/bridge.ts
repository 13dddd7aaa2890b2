// Straight from the zod-free modules, not the contract's index: the preload must not carry zod.
import { CALL_NAMES } from '../../shared/contract/call-names';
import { channelFor, EVENT_CHANNEL } from '../../shared/contract/channels';
import type { CallName, TokenDeskBridge } from '../../shared/contract';

/** The part of Electron's ipcRenderer the bridge uses; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const deepFreeze = <T extends object>(value: T): T => {
  for (const key of Reflect.ownKeys(value)) {
    const item: unknown = Reflect.get(value, key);
    if ((typeof item === 'object' && item !== null) || typeof item === 'function') deepFreeze(item);
  }
  return Object.freeze(value);
};

/**
 * What the page gets on `window.tokenDesk`: one function per declared call and a subscription to
 * main's events. Never ipcRenderer itself, nor an invoke that takes a channel name, so the page can
 * reach no channel the contract does not declare. The Electron event object is dropped: it carries
 * `sender`, a handle back into the preload's world.
 */
export const buildBridge = (ipc: IpcRendererLike): TokenDeskBridge => {
  const calls: Partial<Record<CallName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of CALL_NAMES) {
    const channel = channelFor(name);
    calls[name] = (input: unknown) => ipc.invoke(channel, input);
  }

  const subscribe = (listener: (envelope: unknown) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    const relay = (_event: unknown, envelope: unknown): void => listener(envelope);
    ipc.on(EVENT_CHANNEL, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(EVENT_CHANNEL, relay);
    };
  };

  // Every call name was filled in by the loop above.
  return deepFreeze({ calls: calls as TokenDeskBridge['calls'], subscribe });
};
