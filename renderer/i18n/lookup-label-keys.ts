import type { CardState, ChangeSource, Decision, DeviceType, IdvMethod, TokenState, WalletProviderId, ContactChannel } from '../../shared/api/model';
import type { SearchQueryKind } from '../../shared/domain/search-query';
import type { MessageKey } from '../../shared/i18n';
import type { LiveDisplay } from '../store/live/selectors';

// Values that arrive as data map to message keys here, so every key stays a literal the i18n
// completeness test can find, and `satisfies` keeps each map total.

export const searchKindLabelKey = {
  NAME: 'search.kind.NAME',
  NAME_AND_LAST_FOUR: 'search.kind.NAME_AND_LAST_FOUR',
  CUSTOMER_ID: 'search.kind.CUSTOMER_ID',
  ISSUER_CARD_REF_ID: 'search.kind.ISSUER_CARD_REF_ID',
  VIRTUAL_CARD_ID: 'search.kind.VIRTUAL_CARD_ID',
  TOKEN_LAST_FOUR: 'search.kind.TOKEN_LAST_FOUR',
} as const satisfies Record<SearchQueryKind, MessageKey>;

export const tokenStateLabelKey = {
  DEPLOYMENT_ONGOING: 'states.DEPLOYMENT_ONGOING',
  INACTIVE: 'states.INACTIVE',
  ACTIVE: 'states.ACTIVE',
  SUSPENDED: 'states.SUSPENDED',
  DELETED: 'states.DELETED',
} as const satisfies Record<TokenState, MessageKey>;

export const cardStateLabelKey = {
  ACTIVE: 'cardholder.cardState.ACTIVE',
  SUSPENDED: 'cardholder.cardState.SUSPENDED',
  CLOSED: 'cardholder.cardState.CLOSED',
} as const satisfies Record<CardState, MessageKey>;

export const walletLabelKey = {
  APPLE_PAY: 'wallets.APPLE_PAY',
  GOOGLE_PAY: 'wallets.GOOGLE_PAY',
  SAMSUNG_PAY: 'wallets.SAMSUNG_PAY',
  MERCHANT: 'wallets.MERCHANT',
} as const satisfies Record<WalletProviderId, MessageKey>;

export const sourceLabelKey = {
  WALLET: 'sources.label.WALLET',
  TSP: 'sources.label.TSP',
  ISSUER: 'sources.label.ISSUER',
} as const satisfies Record<ChangeSource, MessageKey>;

/** The same parties as the subject of a sentence ("the wallet" in English). */
export const sourceSubjectKey = {
  WALLET: 'sources.subject.WALLET',
  TSP: 'sources.subject.TSP',
  ISSUER: 'sources.subject.ISSUER',
} as const satisfies Record<ChangeSource, MessageKey>;

export const deviceTypeLabelKey = {
  PHONE: 'tokens.deviceType.PHONE',
  WATCH: 'tokens.deviceType.WATCH',
  TABLET: 'tokens.deviceType.TABLET',
  LAPTOP: 'tokens.deviceType.LAPTOP',
  WEARABLE: 'tokens.deviceType.WEARABLE',
  BROWSER: 'tokens.deviceType.BROWSER',
} as const satisfies Record<DeviceType, MessageKey>;

export const trustLabelKey = {
  GREEN: 'tokens.trust.GREEN',
  YELLOW: 'tokens.trust.YELLOW',
  RED: 'tokens.trust.RED',
} as const satisfies Record<Decision, MessageKey>;

export const idvLabelKey = {
  SMS_OTP: 'tokens.idv.SMS_OTP',
  EMAIL_OTP: 'tokens.idv.EMAIL_OTP',
  ISSUER_APP: 'tokens.idv.ISSUER_APP',
  CUSTOMER_SERVICE: 'tokens.idv.CUSTOMER_SERVICE',
} as const satisfies Record<IdvMethod, MessageKey>;

export const contactChannelLabelKey = {
  PHONE: 'cardholder.channel.PHONE',
  EMAIL: 'cardholder.channel.EMAIL',
} as const satisfies Record<ContactChannel['channel'], MessageKey>;

export const liveLabelKey = {
  idle: 'live.idle',
  connecting: 'live.connecting',
  connected: 'live.connected',
  reconnecting: 'live.reconnecting',
} as const satisfies Record<LiveDisplay['state'], MessageKey>;
