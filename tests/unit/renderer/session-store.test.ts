import { describe, expect, it, vi } from 'vitest';
import { failure, type Language, type SessionStatus } from '../../../shared/contract';
import { createClient } from '../../../renderer/services/client';
import { routeEvents } from '../../../renderer/store/event-router';
import { createDeskStore } from '../../../renderer/store/desk-store';
import { fakePhoneCallMain } from './phone-call/fake-main';
import {
  buildAppInfo,
  buildConfigView,
  buildCredentialStatus,
  buildPublicKey,
  buildSession,
  buildSettings,
  buildSignedIn,
  buildTrainingAccounts,
  fakeTransport,
  sequentialIds,
} from './builders';

// Not a training account's password: those are in the store on purpose, for the sign-in screen.
const PASSWORD = 'Typed-By-Hand-2026';

type Answers = Parameters<typeof fakeTransport>[0];

/** A console booted against main with `session` as its state, and extra answers on top. */
const booted = async (session: SessionStatus, answers: Answers = {}) => {
  let current = session;
  const fake = fakeTransport({
    'app.info': () => ({ ok: true, data: buildAppInfo() }),
    'settings.get': () => ({ ok: true, data: buildSettings({ language: 'en' }) }),
    'session.status': () => ({ ok: true, data: current }),
    'config.get': () => ({ ok: true, data: buildConfigView() }),
    'session.trainingAccounts': () => ({ ok: true, data: { accounts: buildTrainingAccounts() } }),
    'session.signOut': () => {
      current = buildSession();
      return { ok: true, data: current };
    },
    // Notes typed with no phone call open start one.
    ...fakePhoneCallMain().answers,
    ...answers,
  });
  const applied: Language[] = [];
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client') });
  const store = createDeskStore({
    client,
    applyLanguage: async (language) => {
      applied.push(language);
    },
    reportError: vi.fn(),
    newCorrelationId: sequentialIds('store'),
  });
  const stop = routeEvents(client, store);
  await store.getState().boot();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { ...fake, store, applied, stop, settle };
};

describe('sign-in', () => {
  it('signs in through main and never keeps the password in the store', async () => {
    const { store, invocations } = await booted(buildSession(), {
      'session.signIn': () => ({ ok: true, data: buildSignedIn() }),
    });
    await expect(store.getState().signIn('agent.sato', PASSWORD)).resolves.toBe(true);
    expect(invocations.at(-1)).toEqual({ name: 'session.signIn', input: { agentId: 'agent.sato', password: PASSWORD } });
    expect(store.getState()).toMatchObject({ session: buildSignedIn(), signInError: null, sessionActivity: null });
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
  });

  it('keeps a refusal for the form, out of the status bar, and still no password', async () => {
    const { store } = await booted(buildSession(), { 'session.signIn': () => failure('SIGN_IN_FAILED', 'main-1') });
    await expect(store.getState().signIn('agent.sato', 'wrong-password')).resolves.toBe(false);
    expect(store.getState().signInError).toMatchObject({ code: 'SIGN_IN_FAILED', correlationId: 'main-1' });
    expect(store.getState().lastFailure).toBeNull();
    expect(store.getState().session?.state).toBe('signedOut');
    expect(JSON.stringify(store.getState())).not.toContain('wrong-password');
  });

  it('ignores a second sign-in while the first is under way', async () => {
    let release: (value: unknown) => void = () => undefined;
    const { store, invocations } = await booted(buildSession(), {
      'session.signIn': () => new Promise((resolve) => (release = resolve)),
    });
    const first = store.getState().signIn('agent.sato', PASSWORD);
    await expect(store.getState().signIn('agent.sato', PASSWORD)).resolves.toBe(false);
    release({ ok: true, data: buildSignedIn() });
    await expect(first).resolves.toBe(true);
    expect(invocations.filter((each) => each.name === 'session.signIn')).toHaveLength(1);
  });

  it('does not ask for training accounts in connected mode', async () => {
    const { invocations } = await booted(buildSession(), { 'app.info': () => ({ ok: true, data: buildAppInfo({ mode: 'connected' }) }) });
    expect(invocations.map((each) => each.name)).not.toContain('session.trainingAccounts');
  });

  it('shows a failed training-account list without failing the boot', async () => {
    const { store } = await booted(buildSession(), { 'session.trainingAccounts': () => failure('INTERNAL', 'main-2') });
    expect(store.getState()).toMatchObject({ phase: 'ready', trainingAccounts: [], trainingAccountsError: { correlationId: 'main-2' } });
  });

  it('boots a console that is already signed in without the sign-in data', async () => {
    const { store, invocations } = await booted(buildSignedIn());
    expect(store.getState().phase).toBe('ready');
    expect(invocations.map((each) => each.name)).toEqual(['app.info', 'settings.get', 'session.status', 'config.get']);
  });
});

describe('lock and unlock', () => {
  it('locks through main, and unlocks with the password', async () => {
    const { store, invocations } = await booted(buildSignedIn(), {
      'session.lock': () => ({ ok: true, data: buildSignedIn({}, { state: 'locked' }) }),
      'session.unlock': () => ({ ok: true, data: buildSignedIn() }),
    });
    store.getState().setPhoneCallNotes('折り返し希望 14時');
    await store.getState().lock();
    expect(store.getState().session?.state).toBe('locked');
    await expect(store.getState().unlock(PASSWORD)).resolves.toBe(true);
    expect(invocations.at(-1)).toEqual({ name: 'session.unlock', input: { password: PASSWORD } });
    expect(store.getState()).toMatchObject({ session: { state: 'signedIn' }, phoneCallNotes: '折り返し希望 14時' });
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
  });

  it('locks the screen even when main cannot be told (failing closed)', async () => {
    const { store } = await booted(buildSignedIn(), { 'session.lock': () => failure('TRANSPORT', 'net-1') });
    await store.getState().lock();
    expect(store.getState().session?.state).toBe('locked');
  });

  it('keeps the lock and the notes after a wrong password', async () => {
    const { store } = await booted(buildSignedIn({}, { state: 'locked' }), { 'session.unlock': () => failure('SIGN_IN_FAILED', 'main-3') });
    store.getState().setPhoneCallNotes('draft');
    await expect(store.getState().unlock('nope')).resolves.toBe(false);
    expect(store.getState()).toMatchObject({ session: { state: 'locked' }, unlockError: { code: 'SIGN_IN_FAILED' }, phoneCallNotes: 'draft' });
  });

  it('signs the agent out when the account got locked, and says why on the sign-in screen', async () => {
    const { store, invocations } = await booted(buildSignedIn({}, { state: 'locked' }), {
      'session.unlock': () => failure('ACCOUNT_LOCKED', 'main-4'),
    });
    store.getState().setPhoneCallNotes('draft');
    await store.getState().unlock('nope');
    expect(invocations.map((each) => each.name)).toContain('session.signOut');
    expect(store.getState()).toMatchObject({
      session: { state: 'signedOut', agent: null },
      signInError: { code: 'ACCOUNT_LOCKED', correlationId: 'main-4' },
      unlockError: null,
      phoneCallNotes: '',
    });
  });

  it('follows session.changed: locked from another window', async () => {
    const { store, emit, settle } = await booted(buildSignedIn());
    emit({ name: 'session.changed', payload: buildSignedIn({}, { state: 'locked' }) });
    await settle();
    expect(store.getState().session?.state).toBe('locked');
  });
});

describe('sign-out', () => {
  it('clears every slice but the language and the boot information, then reloads the sign-in data', async () => {
    const { store, invocations, settle } = await booted(buildSignedIn({ role: 'admin' }), {
      'credentials.status': () => ({ ok: true, data: buildCredentialStatus() }),
      'credentials.generateKey': () => ({ ok: true, data: { publicKey: buildPublicKey(), status: buildCredentialStatus() } }),
    });
    store.getState().setPhoneCallNotes('お客様の折り返し番号');
    store.getState().openSettings();
    await settle();
    await store.getState().generateKey();
    expect(store.getState().publicKey).not.toBeNull();
    await store.getState().signOut();
    await settle();
    const state = store.getState();
    expect(state).toMatchObject({
      session: { state: 'signedOut' },
      phoneCallNotes: '',
      publicKey: null,
      credentialStatus: null,
      settingsOpen: false,
      lastFailure: null,
      language: 'en',
      phase: 'ready',
      info: buildAppInfo(),
    });
    expect(state.trainingAccounts).toEqual(buildTrainingAccounts());
    expect(invocations.slice(-2).map((each) => each.name).sort()).toEqual(['config.get', 'session.trainingAccounts']);
  });

  it('clears the renderer even when main cannot be told, and says so if main still holds the session', async () => {
    const { store } = await booted(buildSignedIn(), {
      'session.signOut': () => failure('BACKEND_UNAVAILABLE', 'main-5'),
      'session.status': () => ({ ok: true, data: buildSignedIn() }),
    });
    store.getState().setPhoneCallNotes('draft');
    await store.getState().signOut();
    expect(store.getState()).toMatchObject({ session: { state: 'signedIn' }, phoneCallNotes: '', lastFailure: { correlationId: 'main-5' } });
  });

  it('clears the renderer when main says the session ended, or another agent signed in', async () => {
    const { store, emit, settle } = await booted(buildSignedIn());
    store.getState().setPhoneCallNotes('draft');
    emit({ name: 'session.changed', payload: buildSignedIn({ agentId: 'agent.kobayashi', name: '小林 翔太' }) });
    await settle();
    expect(store.getState()).toMatchObject({ session: { agent: { agentId: 'agent.kobayashi' } }, phoneCallNotes: '' });
    store.getState().setPhoneCallNotes('second draft');
    emit({ name: 'session.changed', payload: buildSession() });
    await settle();
    expect(store.getState()).toMatchObject({ session: { state: 'signedOut' }, phoneCallNotes: '' });
  });
});

describe('configuration', () => {
  it('saves a patch and reports whether a restart is needed', async () => {
    const saved = buildConfigView({ idleLockMinutes: 5, restartRequired: true });
    const { store, invocations } = await booted(buildSession(), { 'config.set': () => ({ ok: true, data: saved }) });
    await expect(store.getState().saveConfig({ idleLockMinutes: 5 })).resolves.toEqual(saved);
    expect(invocations.at(-1)).toEqual({ name: 'config.set', input: { idleLockMinutes: 5 } });
    expect(store.getState()).toMatchObject({ config: saved, configSaveOutcome: { kind: 'saved', restartRequired: true, changed: true } });
  });

  it('keeps a refusal with the fields it names, and the configuration as it was', async () => {
    const { store } = await booted(buildSession(), {
      'config.set': () => failure('CONFIG_INVALID', 'main-6', ['backend.baseUrl']),
    });
    await expect(store.getState().saveConfig({ idleLockMinutes: 5 })).resolves.toBeNull();
    expect(store.getState().configSaveOutcome).toMatchObject({ kind: 'failed', error: { code: 'CONFIG_INVALID', fields: ['backend.baseUrl'] } });
    expect(store.getState().config).toEqual(buildConfigView());
  });

  it('follows config.changed', async () => {
    const { store, emit, settle } = await booted(buildSession());
    const changed = buildConfigView({ problems: [{ file: '/etc/token-desk/config.json', field: 'idleLockMinutes', message: 'Too big' }] });
    emit({ name: 'config.changed', payload: changed });
    await settle();
    expect(store.getState().config).toEqual(changed);
  });
});

describe('workstation key', () => {
  it('imports a PEM write-only: the answer is kept, the PEM is not', async () => {
    const pem = `-----BEGIN ${'PRIVATE'} KEY-----\n${'A'.repeat(120)}\n-----END ${'PRIVATE'} KEY-----\n`;
    const { store, invocations } = await booted(buildSession(), {
      'credentials.importKey': () => ({ ok: true, data: { publicKey: buildPublicKey(), status: buildCredentialStatus() } }),
    });
    await expect(store.getState().importKey(pem)).resolves.toBe(true);
    expect(invocations.at(-1)).toEqual({ name: 'credentials.importKey', input: { pem } });
    expect(store.getState()).toMatchObject({ publicKey: buildPublicKey(), credentialsOutcome: { kind: 'imported' } });
    expect(JSON.stringify(store.getState())).not.toContain('A'.repeat(120));
  });

  it('keeps KEY_INVALID for the import form', async () => {
    const { store } = await booted(buildSession(), { 'credentials.importKey': () => failure('KEY_INVALID', 'main-7') });
    await expect(store.getState().importKey('x'.repeat(60))).resolves.toBe(false);
    expect(store.getState().credentialsOutcome).toMatchObject({ kind: 'failed', attempt: 'import', error: { code: 'KEY_INVALID' } });
    expect(JSON.stringify(store.getState())).not.toContain('x'.repeat(60));
  });

  it('sends the enrolment code with the key call only when one was typed, and keeps it nowhere', async () => {
    const pem = `-----BEGIN ${'PRIVATE'} KEY-----\n${'C'.repeat(120)}\n-----END ${'PRIVATE'} KEY-----\n`;
    const { store, invocations } = await booted(buildSession(), {
      'credentials.generateKey': () => failure('ENROLMENT_CODE_WRONG', 'main-8', ['enrolmentCode']),
      'credentials.importKey': () => ({ ok: true, data: { publicKey: buildPublicKey(), status: buildCredentialStatus() } }),
    });
    await expect(store.getState().generateKey('CODE-ONE-TIME')).resolves.toBe(false);
    expect(invocations.at(-1)).toEqual({ name: 'credentials.generateKey', input: { enrolmentCode: 'CODE-ONE-TIME' } });
    expect(store.getState().credentialsOutcome).toMatchObject({ kind: 'failed', attempt: 'generate', error: { code: 'ENROLMENT_CODE_WRONG', fields: ['enrolmentCode'] } });
    await store.getState().generateKey('  ');
    expect(invocations.at(-1)).toEqual({ name: 'credentials.generateKey', input: {} });
    await expect(store.getState().importKey(pem, 'CODE-TWO')).resolves.toBe(true);
    expect(invocations.at(-1)).toEqual({ name: 'credentials.importKey', input: { pem, enrolmentCode: 'CODE-TWO' } });
    expect(JSON.stringify(store.getState())).not.toMatch(/CODE-ONE-TIME|CODE-TWO/);
  });

  it('generates a key pair and keeps its public half until sign-out', async () => {
    const { store, settle } = await booted(buildSession(), {
      'credentials.status': () => ({ ok: true, data: buildCredentialStatus({ configured: false, keyId: null }) }),
      'credentials.generateKey': () => ({ ok: true, data: { publicKey: buildPublicKey(), status: buildCredentialStatus() } }),
    });
    store.getState().openSettings();
    await settle();
    await store.getState().generateKey();
    store.getState().closeSettings();
    expect(store.getState()).toMatchObject({ publicKey: buildPublicKey(), credentialStatus: buildCredentialStatus(), settingsOpen: false });
  });
});
