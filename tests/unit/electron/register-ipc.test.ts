import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { callNames, channelFor, EVENT_CHANNEL, resultSchema, TypedError, type EventEnvelope } from '../../../shared/contract';
import { createCore } from '../../../electron/core/app-core';
import { createEventBus } from '../../../electron/core/events/event-bus';
import type { Services } from '../../../electron/core/ipc/dispatch';
import { forwardEvents, type EventTargetWindow } from '../../../electron/main/ipc/forward-events';
import { registerIpcHandlers } from '../../../electron/main/ipc/register-ipc';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { trainingBackends } from '../core/session/support/core-harness';
import { fakeIpcMain, frameEvent } from './helpers/fake-ipc-main';
import { memoryLogger } from './helpers/memory-logger';

const signedOut = { state: 'signedOut' as const, agent: null, workstationId: 'WS-TEST-01', idleLockMinutes: 15 };
const keyStatus = { configured: false, keyId: null, storageBackend: 'memory', persisted: false, enrolmentCodeRequired: false };
const configView = {
  mode: 'training' as const,
  backend: null,
  idleLockMinutes: 15,
  externalLinkAllowlist: [],
  lockedFields: [],
  sources: { backend: 'default' as const, idleLockMinutes: 'default' as const, externalLinkAllowlist: 'default' as const },
  problems: [],
  files: { user: '/profile/config.json', machine: '/etc/token-desk/config.json' },
  restartRequired: false,
};

const notHere = vi.fn((): never => {
  throw new Error('not in these tests');
});

const spyServices = () => {
  const services = {
    'app.info': vi.fn(() => ({ name: 'Token Desk', version: '0.1.0', mode: 'training' as const, locale: 'ja' as const })),
    'settings.get': vi.fn(() => ({ language: 'ja' as const })),
    'settings.set': vi.fn((input: { language: 'ja' | 'en' }) => ({ language: input.language })),
    'log.rendererError': vi.fn(() => ({ logged: true as const })),
    'session.status': vi.fn(() => signedOut),
    'session.signIn': vi.fn(() => signedOut),
    'session.lock': vi.fn(() => signedOut),
    'session.unlock': vi.fn(() => signedOut),
    'session.signOut': vi.fn(() => signedOut),
    'session.trainingAccounts': vi.fn(() => ({ accounts: [] })),
    'credentials.status': vi.fn(() => keyStatus),
    'credentials.generateKey': vi.fn(() => {
      throw new Error('not in these tests');
    }),
    'credentials.importKey': vi.fn(() => {
      throw new Error('not in these tests');
    }),
    'config.get': vi.fn(() => configView),
    'config.set': vi.fn(() => configView),
    'cardholders.search': vi.fn(() => ({ items: [], nextCursor: null, queryKind: 'NAME' as const })),
    'calls.cancel': vi.fn(() => ({ cancelled: false })),
    'cardholders.get': vi.fn(() => {
      throw new Error('not in these tests');
    }),
    'cards.tokens': vi.fn(() => ({ items: [] })),
    'tokens.get': vi.fn(() => {
      throw new Error('not in these tests');
    }),
    'tokens.events': vi.fn(() => ({ items: [], nextCursor: null })),
    'live.status': vi.fn(() => ({ state: 'idle' as const, since: '2026-11-20T00:00:00.000Z', attempt: 0, retryAt: null })),
    'actions.policy': notHere,
    'tokens.signals': notHere,
    'actions.submit': notHere,
    'actions.list': vi.fn(() => ({ items: [] })),
    'actions.previewBulk': notHere,
    'actions.submitBulk': notHere,
    'notifications.templates': notHere,
    'notifications.saveTemplate': notHere,
    'updates.status': vi.fn(() => ({ state: 'off' as const, heldByActions: false })),
    'updates.install': notHere,
    'phoneCall.state': vi.fn(() => ({ current: null, waiting: null, recent: [] })),
    'phoneCall.start': notHere,
    'phoneCall.update': notHere,
    'phoneCall.end': notHere,
    'phoneCall.outcomes': notHere,
    'serviceNotes.list': notHere,
    'integrity.notices': notHere,
    'audit.list': notHere,
    'audit.verify': notHere,
    'audit.export': notHere,
    'audit.cancelExport': notHere,
    'floor.overview': notHere,
    'floor.alertRules': notHere,
    'floor.saveAlertRules': notHere,
    'agents.list': notHere,
    'agents.unlock': notHere,
    'agents.resetPassword': notHere,
    'approvals.request': notHere,
    'approvals.listOwn': notHere,
    'approvals.list': notHere,
    'approvals.approve': notHere,
    'approvals.reject': notHere,
  } satisfies Services;
  const calledAtAll = () => Object.values(services).some((spy) => spy.mock.calls.length > 0);
  return { services, calledAtAll };
};

const setup = () => {
  const fake = fakeIpcMain();
  const spies = spyServices();
  const memory = memoryLogger();
  const unregister = registerIpcHandlers(fake.ipc, { services: spies.services }, memory.logger);
  return { ...fake, ...spies, memory, unregister };
};

const expectFailure = (result: unknown, code: string) => {
  expect(result).toMatchObject({ ok: false, error: { code } });
  const parsed = resultSchema(TypedError).safeParse(result);
  expect(parsed.success).toBe(true);
  if (result && typeof result === 'object' && 'error' in result) {
    const error = TypedError.parse(result.error);
    expect(error.messageKey).toMatch(/^errors\./);
    expect(error.correlationId.length).toBeGreaterThan(0);
  }
};

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per declared call', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(callNames.map(channelFor).sort());
  });

  it('passes valid input to the service and answers ok', async () => {
    const { invoke, services } = setup();
    await expect(invoke(channelFor('settings.set'), frameEvent(), { language: 'en' })).resolves.toEqual({ ok: true, data: { language: 'en' } });
    expect(services['settings.set']).toHaveBeenCalledWith({ language: 'en' }, expect.objectContaining({ origin: 'ipc' }));
    await expect(invoke(channelFor('app.info'), frameEvent(), {})).resolves.toMatchObject({ ok: true, data: { name: 'Token Desk' } });
  });

  it('names the sending window as the caller, so per-window state stays with its window', async () => {
    const { invoke, services } = setup();
    await invoke(channelFor('calls.cancel'), { ...frameEvent(), sender: { id: 7 } }, { requestId: 'req-0001' });
    await invoke(channelFor('calls.cancel'), { ...frameEvent(), sender: { id: 8 } }, { requestId: 'req-0001' });
    const callers = services['calls.cancel'].mock.calls.map((call) => ((call as unknown[])[1] as { caller: string }).caller);
    expect(callers).toEqual(['window:7', 'window:8']);
  });

  it('gives every call its own correlation id', async () => {
    const { invoke, services } = setup();
    await invoke(channelFor('settings.get'), frameEvent(), {});
    await invoke(channelFor('settings.get'), frameEvent(), {});
    const ids = services['settings.get'].mock.calls.map((call) => (call as unknown[])[1]);
    expect(new Set(ids.map((context) => (context as { correlationId: string }).correlationId)).size).toBe(2);
  });

  describe('refuses a sender that is not the console top frame, without calling the service', () => {
    it.each([
      ['a foreign origin', frameEvent('https://evil.com/')],
      ['file://', frameEvent('file:///tmp/evil.html')],
      ['another app host', frameEvent('app://other-host/')],
      ['a sub-frame of the console', frameEvent('app://token-desk/', { url: 'app://token-desk/', parent: null })],
      ['no frame', { senderFrame: null }],
    ])('%s', async (_label, event) => {
      const { invoke, calledAtAll, memory } = setup();
      for (const name of callNames) {
        const result = await invoke(channelFor(name), event, name === 'settings.set' ? { language: 'en' } : {});
        expectFailure(result, 'FORBIDDEN_SENDER');
      }
      expect(calledAtAll()).toBe(false);
      expect(memory.text()).toContain('untrusted sender');
    });
  });

  describe('refuses malformed input as a typed failure, without calling the service', () => {
    const deep = (levels: number): unknown => (levels === 0 ? 'ja' : { language: deep(levels - 1) });
    it.each([
      ['a wrong type', 'settings.set', [{ language: 5 }], 'INVALID_INPUT'],
      ['an unknown language', 'settings.set', [{ language: 'fr' }], 'INVALID_INPUT'],
      ['an extra field', 'settings.set', [{ language: 'ja', admin: true }], 'INVALID_INPUT'],
      ['a string for an object', 'settings.set', ['ja'], 'INVALID_INPUT'],
      ['an array for an object', 'settings.set', [['ja']], 'INVALID_INPUT'],
      ['null', 'settings.set', [null], 'INVALID_INPUT'],
      ['nothing at all', 'settings.set', [], 'INVALID_INPUT'],
      ['input for a call that takes none', 'app.info', [{ verbose: true }], 'INVALID_INPUT'],
      ['a message over its limit', 'log.rendererError', [{ message: 'x'.repeat(2001), source: 'react' }], 'INVALID_INPUT'],
      ['a stack over its limit', 'log.rendererError', [{ message: 'boom', stack: 's'.repeat(8001), source: 'react' }], 'INVALID_INPUT'],
      ['a 100 KB payload', 'log.rendererError', [{ message: 'boom', source: 'react', padding: 'p'.repeat(100 * 1024) }], 'PAYLOAD_TOO_LARGE'],
      ['a __proto__ key', 'settings.set', [JSON.parse('{"__proto__":{"x":1}}')], 'INVALID_INPUT'],
      ['a constructor key', 'settings.set', [{ language: 'ja', constructor: { prototype: { x: 1 } } }], 'INVALID_INPUT'],
      ['a prototype key', 'settings.set', [{ prototype: 1 }], 'INVALID_INPUT'],
      ['a nested __proto__ key', 'log.rendererError', [JSON.parse('{"message":"m","source":"react","a":{"b":{"__proto__":{"x":1}}}}')], 'INVALID_INPUT'],
      ['absurdly deep nesting', 'settings.set', [deep(100)], 'INVALID_INPUT'],
      // Structured clone carries these; a strict object schema would take any of them for {}.
      ['a Date for an empty input', 'session.signOut', [new Date()], 'INVALID_INPUT'],
      ['a Map for an object', 'settings.set', [new Map([['language', 'en']])], 'INVALID_INPUT'],
      ['an Error for an empty input', 'session.lock', [new Error('cloned')], 'INVALID_INPUT'],
      ['a typed array inside', 'config.set', [{ externalLinkAllowlist: new Uint8Array([1]) }], 'INVALID_INPUT'],
      ['a second argument', 'settings.set', [{ language: 'ja' }, { language: 'en' }], 'INVALID_INPUT'],
    ] as const)('%s', async (_label, name, args, code) => {
      const { invoke, calledAtAll } = setup();
      expectFailure(await invoke(channelFor(name), frameEvent(), ...args), code);
      expect(calledAtAll()).toBe(false);
    });
  });

  it('answers INTERNAL when a service throws, without passing its message on', async () => {
    const { invoke, services, memory } = setup();
    services['settings.get'].mockImplementation(() => {
      throw new Error('database password=hunter2 at /srv/secret');
    });
    const result = await invoke(channelFor('settings.get'), frameEvent(), {});
    expectFailure(result, 'INTERNAL');
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('database');
    // The log has the failure, redacted.
    expect(memory.text()).toContain('call failed');
    expect(memory.text()).not.toContain('hunter2');
  });

  it('answers INTERNAL when a service rejects', async () => {
    const { invoke, services } = setup();
    services['settings.set'].mockImplementation(() => Promise.reject(new Error('disk full')) as never);
    const result = await invoke(channelFor('settings.set'), frameEvent(), { language: 'en' });
    expectFailure(result, 'INTERNAL');
    expect(JSON.stringify(result)).not.toContain('disk full');
  });

  it('answers INVALID_OUTPUT when a service breaks the contract', async () => {
    const { invoke, services } = setup();
    services['settings.get'].mockImplementation(() => ({ language: 'de', secretKey: 'k' }) as never);
    const result = await invoke(channelFor('settings.get'), frameEvent(), {});
    expectFailure(result, 'INVALID_OUTPUT');
    expect(JSON.stringify(result)).not.toContain('"k"');
  });

  it('removes its handlers on request', () => {
    const { handlers, unregister } = setup();
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('IPC with the real core services', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('logs a renderer error with its correlation id', async () => {
    dir = await mkdtemp(join(tmpdir(), 'token-desk-ipc-'));
    const memory = memoryLogger();
    const core = await createCore({
      userDataDir: dir,
      version: '0.1.0',
      logger: memory.logger,
      secrets: new MemorySecretStore(),
      configFiles: { userFile: join(dir, 'config.json'), machineFile: join(dir, 'machine.json') },
      workstationId: 'WS-TEST-01',
      startTrainingBackend: trainingBackends().start,
    });
    onTestFinished(() => core.close());
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipc, core, memory.logger);

    const result = await fake.invoke(channelFor('log.rendererError'), frameEvent(), {
      message: 'TypeError: x is undefined',
      source: 'call',
      correlationId: 'corr-renderer-42',
    });
    expect(result).toEqual({ ok: true, data: { logged: true } });
    const logged = memory.records().find((record) => record.msg === 'TypeError: x is undefined');
    expect(logged).toMatchObject({ level: 50, source: 'renderer', kind: 'call', correlationId: 'corr-renderer-42' });

    // Without one from the renderer, the call's own correlation id is logged.
    await fake.invoke(channelFor('log.rendererError'), frameEvent(), { message: 'second', source: 'window.onerror' });
    const second = memory.records().find((record) => record.msg === 'second');
    expect(second?.correlationId).toEqual(expect.any(String));
  });
});

describe('forwardEvents', () => {
  const fakeWindow = (destroyed = false) => {
    const send = vi.fn();
    const window: EventTargetWindow = { isDestroyed: () => destroyed, webContents: { isDestroyed: () => destroyed, send } };
    return { window, send };
  };

  it('sends each event on the event channel to every live window', () => {
    const bus = createEventBus(memoryLogger().logger);
    const live = [fakeWindow(), fakeWindow()];
    const dead = fakeWindow(true);
    const stop = forwardEvents(bus, () => [...live.map((w) => w.window), dead.window]);
    bus.emit('settings.changed', { language: 'en' });
    const expected: EventEnvelope = { name: 'settings.changed', payload: { language: 'en' } };
    for (const { send } of live) expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, expected);
    expect(dead.send).not.toHaveBeenCalled();
    stop();
    bus.emit('settings.changed', { language: 'ja' });
    expect(live[0]?.send).toHaveBeenCalledTimes(1);
  });
});
