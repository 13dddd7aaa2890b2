import { describe, expect, it, vi } from 'vitest';
import { callNames, channelFor, EVENT_CHANNEL } from '../../../shared/contract';
import { buildBridge, type IpcRendererLike } from '../../../electron/preload/bridge';

type Relay = (event: unknown, ...args: unknown[]) => void;

const fakeIpcRenderer = () => {
  const listeners = new Map<string, Set<Relay>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ ok: true, data: { channel, args } })),
    on: vi.fn((channel: string, listener: Relay) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn((channel: string, listener: Relay) => {
      listeners.get(channel)?.delete(listener);
    }),
    send: vi.fn(),
  } satisfies IpcRendererLike & { send: unknown };
  const emit = (channel: string, ...args: unknown[]) => {
    // The event object carries `sender`, which must never reach the page.
    const event = { sender: { send: ipc.send }, senderId: 0, ports: [] };
    for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
  };
  return { ipc, listeners, emit };
};

const isDeepFrozen = (value: unknown, seen = new Set<unknown>()): boolean => {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return true;
  if (seen.has(value)) return true;
  seen.add(value);
  if (!Object.isFrozen(value)) return false;
  return Reflect.ownKeys(value).every((key) => isDeepFrozen(Reflect.get(value, key), seen));
};

describe('buildBridge', () => {
  it('has one function per declared call and nothing else', () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'subscribe']);
    expect(Object.keys(bridge.calls).sort()).toEqual([...callNames].sort());
    for (const name of callNames) expect(bridge.calls[name]).toBeTypeOf('function');
  });

  it('exposes no generic invoke, no send and no ipcRenderer', () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    for (const forbidden of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'ipc']) {
      expect(bridge).not.toHaveProperty(forbidden);
      expect(bridge.calls).not.toHaveProperty(forbidden);
    }
  });

  it('is frozen all the way down', () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    expect(isDeepFrozen(bridge)).toBe(true);
    expect(() => {
      (bridge.calls as Record<string, unknown>)['settings.set'] = () => 'hijacked';
    }).toThrow(TypeError);
  });

  it('sends each call on its own channel with exactly the input', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    for (const name of callNames) {
      ipc.invoke.mockClear();
      await bridge.calls[name]({ probe: name });
      expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(channelFor(name), { probe: name });
    }
  });

  it('hands back what main answered', async () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    await expect(bridge.calls['settings.get']({})).resolves.toEqual({ ok: true, data: { channel: channelFor('settings.get'), args: [{}] } });
  });

  it('delivers events without the Electron event object, and stops on unsubscribe', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const bridge = buildBridge(ipc);
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args: unknown[]) => void received.push(args));
    emit(EVENT_CHANNEL, { name: 'settings.changed', payload: { language: 'en' } });
    expect(received).toEqual([[{ name: 'settings.changed', payload: { language: 'en' } }]]);

    unsubscribe();
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledOnce();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
    emit(EVENT_CHANNEL, { name: 'settings.changed', payload: { language: 'ja' } });
    expect(received).toHaveLength(1);
  });

  it('listens only on the event channel', () => {
    const { ipc } = fakeIpcRenderer();
    buildBridge(ipc).subscribe(() => undefined);
    expect(ipc.on).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, expect.any(Function));
  });

  it('refuses a listener that is not a function', () => {
    const bridge = buildBridge(fakeIpcRenderer().ipc);
    expect(() => bridge.subscribe('nope' as unknown as () => void)).toThrow(TypeError);
  });
});
