import { describe, expect, it } from 'vitest';
import { failure } from '../../../shared/contract';
import { initialAppState, type AppState } from '../../../renderer/store/app/initialState';
import { appSelectors } from '../../../renderer/store/app/selectors';
import { initialSettingsState } from '../../../renderer/store/settings/initialState';
import { settingsSelectors } from '../../../renderer/store/settings/selectors';
import { initialStatusState, type StatusState } from '../../../renderer/store/status/initialState';
import { statusSelectors } from '../../../renderer/store/status/selectors';
import { buildAppInfo } from './builders';

const state = (overrides: Partial<AppState & StatusState> = {}): AppState & StatusState => ({
  ...initialAppState,
  ...initialStatusState,
  ...overrides,
});

describe('appSelectors', () => {
  it('reads nothing before app.info has answered', () => {
    expect(appSelectors.mode(initialAppState)).toBeNull();
    expect(appSelectors.version(initialAppState)).toBeNull();
    expect(appSelectors.isReady(initialAppState)).toBe(false);
  });

  it('reads the mode and version once loaded', () => {
    const loaded = state({ info: buildAppInfo({ mode: 'connected', version: '1.2.3' }), phase: 'ready' });
    expect(appSelectors.mode(loaded)).toBe('connected');
    expect(appSelectors.version(loaded)).toBe('1.2.3');
    expect(appSelectors.isReady(loaded)).toBe(true);
  });

  it('exposes the boot error only in the failed phase', () => {
    const error = failure('TRANSPORT', 'c-1').error;
    expect(appSelectors.bootError(state({ phase: 'failed', bootError: error }))).toBe(error);
    expect(appSelectors.bootError(state({ phase: 'loading', bootError: error }))).toBeNull();
  });
});

describe('statusSelectors', () => {
  it('derives the connection from the link and the mode', () => {
    expect(statusSelectors.connection(state())).toBe('connecting');
    expect(statusSelectors.connection(state({ link: 'offline', info: buildAppInfo() }))).toBe('offline');
    expect(statusSelectors.connection(state({ link: 'online', info: buildAppInfo({ mode: 'training' }) }))).toBe('training');
    expect(statusSelectors.connection(state({ link: 'online', info: buildAppInfo({ mode: 'connected' }) }))).toBe('connected');
  });

  it('shows the last failure only once the app is ready', () => {
    const lastFailure = failure('INTERNAL', 'c-2').error;
    expect(statusSelectors.visibleFailure(state({ phase: 'failed', lastFailure }))).toBeNull();
    expect(statusSelectors.visibleFailure(state({ phase: 'ready', lastFailure }))).toBe(lastFailure);
  });
});

describe('settingsSelectors', () => {
  it('reads the language and whether a save is under way', () => {
    expect(settingsSelectors.language(initialSettingsState)).toBe('ja');
    expect(settingsSelectors.isSavingLanguage(initialSettingsState)).toBe(false);
    expect(settingsSelectors.isSavingLanguage({ language: 'ja', pendingLanguage: 'en' })).toBe(true);
  });
});
