import type { Role } from '../../shared/api/model';
import type { AppMode, BackendErrorDetail, Language } from '../../shared/contract';
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

export const roleLabelKey = {
  agent: 'role.agent',
  supervisor: 'role.supervisor',
  admin: 'role.admin',
} as const satisfies Record<Role, MessageKey>;

export const errorCategoryLabelKey = {
  K: 'errorDetail.category.K',
  D: 'errorDetail.category.D',
  S: 'errorDetail.category.S',
  F: 'errorDetail.category.F',
} as const satisfies Record<BackendErrorDetail['category'], MessageKey>;
