import type { Language } from '../../../shared/contract';

export interface SettingsState {
  /** The language in effect: main's answer, never the agent's click until main confirms it. */
  readonly language: Language;
  /** The language being saved, while settings.set is under way. */
  readonly pendingLanguage: Language | null;
}

export const initialSettingsState: SettingsState = {
  language: 'ja',
  pendingLanguage: null,
};
