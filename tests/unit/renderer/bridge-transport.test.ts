import { describe, expect, it, vi } from 'vitest';
import { callNames, failure, type CallName, type TokenDeskBridge } from '../../../shared/contract';
import { createBridgeTransport } from '../../../renderer/transport/bridge-transport';
import { sequentialIds } from './builders';

// Every call answers something; only app.info matters to these tests.
const bridgeWith = (appInfo: (input: unknown) => Promise<unknown>): TokenDeskBridge => ({
  calls: Object.fromEntries(
    callNames.map((name) => [name, name === 'app.info' ? appInfo : async () => ({ ok: true, data: {} })]),
  ) as Record<CallName, (input: unknown) => Promise<unknown>>,
  subscribe: () => () => undefined,
});

describe('createBridgeTransport', () => {
  it('invokes the named method with the input', async () => {
    const appInfo = vi.fn(async () => 'answer');
    const transport = createBridgeTransport(bridgeWith(appInfo));
    expect(await transport.invoke('app.info', {})).toBe('answer');
    expect(appInfo).toHaveBeenCalledWith({});
  });

  it('turns a rejected invoke into a TRANSPORT error', async () => {
    const transport = createBridgeTransport(
      bridgeWith(async () => {
        throw new Error('IPC channel closed');
      }),
      sequentialIds('ipc'),
    );
    expect(await transport.invoke('app.info', {})).toEqual(failure('TRANSPORT', 'ipc-1'));
  });

  it('stops waiting when the caller aborts', async () => {
    const transport = createBridgeTransport(bridgeWith(() => new Promise(() => undefined)), sequentialIds('ipc'));
    const controller = new AbortController();
    const pending = transport.invoke('app.info', {}, { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual(failure('TRANSPORT', 'ipc-1'));
  });

  it('passes subscriptions to the bridge', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const transport = createBridgeTransport({ ...bridgeWith(async () => null), subscribe });
    const listener = vi.fn();
    transport.subscribe(listener)();
    expect(subscribe).toHaveBeenCalledWith(listener);
    expect(unsubscribe).toHaveBeenCalled();
  });
});
