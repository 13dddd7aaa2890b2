import type { SettingsState } from './initialState';

export const settingsSelectors = {
  language: (s: SettingsState) => s.language,
  isSavingLanguage: (s: SettingsState) => s.pendingLanguage !== null,
};
