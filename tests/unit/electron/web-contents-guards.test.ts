import { describe, expect, it, vi } from 'vitest';
import {
  guardSession,
  guardWebContents,
  type GuardedSession,
  type GuardedWebContents,
  type NavigationEventLike,
  type PreventableEventLike,
} from '../../../electron/main/web-contents-guards';
import { memoryLogger } from './helpers/memory-logger';

type Listener = (event: NavigationEventLike & PreventableEventLike) => void;

const fakeContents = () => {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { readonly url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedWebContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      windowOpenHandler = handler;
    },
  };
  const emit = (name: string, url: string, extra: { isMainFrame?: boolean } = {}) => {
    const event = { url, ...extra, preventDefault: vi.fn() };
    for (const listener of listeners.get(name) ?? []) listener(event);
    return event;
  };
  return { contents, listeners, emit, openWindow: (url: string) => windowOpenHandler?.({ url }) };
};

const setup = (externalHosts: readonly string[] = ['support.issuer.example']) => {
  const fake = fakeContents();
  const memory = memoryLogger();
  const openExternal = vi.fn(async (_url: string) => undefined);
  guardWebContents(fake.contents, { externalHosts, openExternal, logger: memory.logger });
  return { ...fake, memory, openExternal };
};

describe('guardWebContents', () => {
  it('listens to every navigation event and sets a window-open handler', () => {
    const { listeners, openWindow } = setup();
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    expect(openWindow('https://x.example/')).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('prevents %s to anywhere', (name) => {
    const { emit } = setup();
    for (const url of ['https://support.issuer.example/', 'app://token-desk/elsewhere', 'file:///etc/passwd']) {
      expect(emit(name, url, { isMainFrame: false }).preventDefault).toHaveBeenCalledOnce();
    }
  });

  it('logs where a refused navigation pointed, never its path or query', () => {
    const { emit, memory } = setup();
    emit('will-navigate', 'https://evil.test/steal?pan=secret-value');
    expect(memory.text()).toContain('https://evil.test');
    expect(memory.text()).not.toContain('secret-value');
  });

  it('prevents webviews from attaching', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview', 'about:blank').preventDefault).toHaveBeenCalledOnce();
  });

  it('opens an allowlisted https link externally and still denies the window', () => {
    const { openWindow, openExternal } = setup();
    expect(openWindow('https://support.issuer.example/kb/1')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://support.issuer.example/kb/1');
  });

  it.each([
    'http://support.issuer.example/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'https://support.issuer.example@evil.test/',
    'https://support.issuer.example.evil.test/',
  ])('denies %s without opening it', (url) => {
    const { openWindow, openExternal } = setup();
    expect(openWindow(url)).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('logs, and does not throw, when the system browser fails', async () => {
    const fake = fakeContents();
    const memory = memoryLogger();
    const openExternal = vi.fn(async () => {
      throw new Error('no handler');
    });
    guardWebContents(fake.contents, { externalHosts: ['support.issuer.example'], openExternal, logger: memory.logger });
    expect(fake.openWindow('https://support.issuer.example/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(memory.text()).toContain('system browser did not open the link'));
  });
});

describe('guardSession', () => {
  const fakeSession = (withDevice: boolean) => {
    const handlers: {
      request?: Parameters<GuardedSession['setPermissionRequestHandler']>[0];
      check?: Parameters<GuardedSession['setPermissionCheckHandler']>[0];
      device?: () => boolean;
    } = {};
    const session: GuardedSession = {
      setPermissionRequestHandler: (handler) => {
        handlers.request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        handlers.check = handler;
      },
      ...(withDevice ? { setDevicePermissionHandler: (handler: () => boolean) => void (handlers.device = handler) } : {}),
    };
    return { session, handlers };
  };

  it('answers every permission request and check with no', () => {
    const { session, handlers } = fakeSession(true);
    guardSession(session, memoryLogger().logger);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check?.({}, permission)).toBe(false);
    }
    expect(handlers.device?.()).toBe(false);
  });

  it('works on a session without a device permission handler', () => {
    const { session, handlers } = fakeSession(false);
    expect(() => guardSession(session, memoryLogger().logger)).not.toThrow();
    expect(handlers.request).toBeTypeOf('function');
  });
});

