import { describe, expect, it } from 'vitest';
import { failure } from '../../../shared/contract';
import { initialAppState } from '../../../renderer/store/app/initialState';
import { initialConfigState } from '../../../renderer/store/config/initialState';
import { configSelectors } from '../../../renderer/store/config/selectors';
import { credentialsSelectors, storageWarnings } from '../../../renderer/store/credentials/selectors';
import { initialCredentialsState } from '../../../renderer/store/credentials/initialState';
import { screenSelectors } from '../../../renderer/store/screen-selectors';
import { initialSessionState } from '../../../renderer/store/session/initialState';
import { sessionSelectors } from '../../../renderer/store/session/selectors';
import { buildConfigView, buildCredentialStatus, buildSession, buildSignedIn } from './builders';

describe('sessionSelectors', () => {
  it('knows nothing before session.status has answered', () => {
    expect(sessionSelectors.state(initialSessionState)).toBeNull();
    expect(sessionSelectors.agent(initialSessionState)).toBeNull();
    expect(sessionSelectors.hasAgent(initialSessionState)).toBe(false);
    expect(sessionSelectors.idleLockMs(initialSessionState)).toBeNull();
    expect(sessionSelectors.canOpenConnectionSettings(initialSessionState)).toBe(false);
  });

  it('reads the agent while signed in or locked, never while signed out', () => {
    const signedIn = { session: buildSignedIn() };
    const locked = { session: buildSignedIn({}, { state: 'locked' }) };
    expect(sessionSelectors.agent(signedIn)?.agentId).toBe('agent.sato');
    expect(sessionSelectors.agent(locked)?.agentId).toBe('agent.sato');
    expect(sessionSelectors.hasAgent(locked)).toBe(true);
    expect(sessionSelectors.isLocked(locked)).toBe(true);
    expect(sessionSelectors.agent({ session: buildSession() })).toBeNull();
  });

  it('tracks idle time only while signed in and unlocked, in milliseconds', () => {
    expect(sessionSelectors.idleLockMs({ session: buildSignedIn({}, { idleLockMinutes: 5 }) })).toBe(300_000);
    expect(sessionSelectors.idleLockMs({ session: buildSignedIn({}, { state: 'locked' }) })).toBeNull();
    expect(sessionSelectors.idleLockMs({ session: buildSession() })).toBeNull();
  });

  it('offers connection settings before sign-in, and afterwards to administrators only', () => {
    expect(sessionSelectors.canOpenConnectionSettings({ session: buildSession() })).toBe(true);
    expect(sessionSelectors.canOpenConnectionSettings({ session: buildSignedIn({ role: 'agent' }) })).toBe(false);
    expect(sessionSelectors.canOpenConnectionSettings({ session: buildSignedIn({ role: 'supervisor' }) })).toBe(false);
    expect(sessionSelectors.canOpenConnectionSettings({ session: buildSignedIn({ role: 'admin' }) })).toBe(true);
    expect(sessionSelectors.isAdmin({ session: buildSignedIn({ role: 'admin' }) })).toBe(true);
    expect(sessionSelectors.isAdmin({ session: buildSignedIn({ role: 'supervisor' }) })).toBe(false);
  });

  it('names the activity under way', () => {
    expect(sessionSelectors.isSigningIn({ sessionActivity: 'signIn' })).toBe(true);
    expect(sessionSelectors.isUnlocking({ sessionActivity: 'signIn' })).toBe(false);
    expect(sessionSelectors.isSigningOut({ sessionActivity: 'signOut' })).toBe(true);
  });
});

describe('screenSelectors', () => {
  const ready = { ...initialAppState, phase: 'ready' as const };

  it('shows the boot screen until the app and the session have loaded', () => {
    expect(screenSelectors.screen({ ...initialAppState, session: buildSession() })).toBe('boot');
    expect(screenSelectors.screen({ ...ready, session: null })).toBe('boot');
  });

  it('shows sign-in or the workspace by session state, locked included', () => {
    expect(screenSelectors.screen({ ...ready, session: buildSession() })).toBe('signIn');
    expect(screenSelectors.screen({ ...ready, session: buildSignedIn() })).toBe('workspace');
    expect(screenSelectors.screen({ ...ready, session: buildSignedIn({}, { state: 'locked' }) })).toBe('workspace');
  });

  it('shows connection settings only to whoever may open them', () => {
    const open = { ...ready, settingsOpen: true };
    expect(screenSelectors.screen({ ...open, session: buildSession() })).toBe('connectionSettings');
    expect(screenSelectors.screen({ ...open, session: buildSignedIn({ role: 'admin' }) })).toBe('connectionSettings');
    expect(screenSelectors.screen({ ...open, session: buildSignedIn({ role: 'agent' }) })).toBe('workspace');
  });
});

describe('configSelectors', () => {
  it('returns the same empty lists while nothing is loaded, so React sees no change', () => {
    expect(configSelectors.problems(initialConfigState)).toBe(configSelectors.problems(initialConfigState));
    expect(configSelectors.lockedFields(initialConfigState)).toEqual([]);
    expect(configSelectors.hasProblems(initialConfigState)).toBe(false);
  });

  it('reads problems and locked fields', () => {
    const problem = { file: '/etc/token-desk/config.json', field: 'idleLockMinutes', message: 'Too big' };
    const state = { ...initialConfigState, config: buildConfigView({ problems: [problem], lockedFields: ['idleLockMinutes'] }) };
    expect(configSelectors.problems(state)).toEqual([problem]);
    expect(configSelectors.hasProblems(state)).toBe(true);
    expect(configSelectors.isFieldLocked('idleLockMinutes')(state)).toBe(true);
    expect(configSelectors.isFieldLocked('backend')(state)).toBe(false);
  });

  it('names the refused fields of a failed save only', () => {
    const refused = failure('CONFIG_INVALID', 'c-1', ['backend.baseUrl']).error;
    expect(configSelectors.invalidFieldPaths({ ...initialConfigState, configSaveOutcome: { kind: 'failed', error: refused } })).toEqual([
      'backend.baseUrl',
    ]);
    expect(
      configSelectors.invalidFieldPaths({ ...initialConfigState, configSaveOutcome: { kind: 'saved', restartRequired: false, changed: true } }),
    ).toEqual([]);
  });
});

describe('credentialsSelectors', () => {
  it('warns when the key is not kept after a restart, or kept in plaintext', () => {
    expect(storageWarnings(buildCredentialStatus())).toEqual([]);
    expect(storageWarnings(buildCredentialStatus({ persisted: false, storageBackend: 'memory' }))).toEqual(['notPersisted']);
    expect(storageWarnings(buildCredentialStatus({ storageBackend: 'basic_text' }))).toEqual(['plaintext']);
    expect(storageWarnings(buildCredentialStatus({ configured: false, keyId: null, persisted: false }))).toEqual([]);
    expect(storageWarnings(null)).toEqual([]);
  });

  it('reads status and public key', () => {
    const state = { ...initialCredentialsState, credentialStatus: buildCredentialStatus() };
    expect(credentialsSelectors.status(state)).toEqual(buildCredentialStatus());
    expect(credentialsSelectors.publicKey(state)).toBeNull();
    expect(credentialsSelectors.storageWarnings(state)).toBe(credentialsSelectors.storageWarnings(state));
  });
});
