import type { AppMode, Language } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import type { ConnectionDisplay } from '../store/status/selectors';

// Values that come as data map to message keys here, so every key stays a literal the
// i18n completeness test can find, and `satisfies` keeps each map total.

export const modeLabelKey = {
  training: 'mode.training',
  connected: 'mode.connected',
} as const satisfies Record<AppMode, MessageKey>;

export const languageLabelKey = {
  ja: 'language.ja',
  en: 'language.en',
} as const satisfies Record<Language, MessageKey>;

export const connectionLabelKey = {
  connecting: 'status.connecting',
  offline: 'status.offline',
  training: 'mode.training',
  connected: 'mode.connected',
} as const satisfies Record<ConnectionDisplay, MessageKey>;
