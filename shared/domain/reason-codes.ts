import type { TokenOperation } from './transitions';

/**
 * Reason codes an agent picks from, per operation, each mapped to what the token services accept:
 * the D1 `reasonCode` and the MDES one-letter `ReasonCode` (docs/domain.md, "Reason codes"). Labels live in
 * i18n under `reasons.<code>`. `OTHER` requires a comment.
 */
export interface ReasonCode {
  readonly code: string;
  /** D1 `reasonCode` (enum partly unconfirmed: ISSUER_DECISION is D1's default). */
  readonly d1: 'USER_DECISION' | 'ISSUER_DECISION' | 'DEVICE_LOST' | 'DEVICE_STOLEN' | 'FRAUD';
  readonly mdes: 'A' | 'C' | 'L' | 'S' | 'T' | 'F' | 'Z';
  readonly commentRequired: boolean;
}

const reason = (code: string, d1: ReasonCode['d1'], mdes: ReasonCode['mdes'], commentRequired = false): ReasonCode => ({
  code,
  d1,
  mdes,
  commentRequired,
});

export const REASON_CODES: Readonly<Record<TokenOperation, readonly ReasonCode[]>> = {
  activate: [reason('CUSTOMER_SERVICE_VERIFIED', 'ISSUER_DECISION', 'C')],
  suspend: [
    reason('DEVICE_LOST', 'DEVICE_LOST', 'L'),
    reason('DEVICE_STOLEN', 'DEVICE_STOLEN', 'S'),
    reason('FRAUD_SUSPECTED', 'FRAUD', 'T'),
    reason('CARDHOLDER_REQUEST', 'USER_DECISION', 'Z'),
    reason('OTHER', 'ISSUER_DECISION', 'Z', true),
  ],
  resume: [
    reason('DEVICE_FOUND', 'USER_DECISION', 'F'),
    reason('NO_FRAUD', 'ISSUER_DECISION', 'T'),
    reason('CARDHOLDER_REQUEST', 'USER_DECISION', 'Z'),
    reason('OTHER', 'ISSUER_DECISION', 'Z', true),
  ],
  delete: [
    reason('DEVICE_LOST', 'DEVICE_LOST', 'L'),
    reason('DEVICE_STOLEN', 'DEVICE_STOLEN', 'S'),
    reason('FRAUD_CONFIRMED', 'FRAUD', 'T'),
    reason('ACCOUNT_CLOSED', 'ISSUER_DECISION', 'C'),
    reason('CARDHOLDER_REQUEST', 'USER_DECISION', 'Z'),
    reason('OTHER', 'ISSUER_DECISION', 'Z', true),
  ],
};

export const findReason = (operation: TokenOperation, code: string): ReasonCode | undefined =>
  REASON_CODES[operation].find((candidate) => candidate.code === code);

/** D1 accepts `^[a-zA-Z0-9 ]{1,64}$` as `reason`: what the token service receives. */
export const D1_REASON_TEXT = /^[a-zA-Z0-9 ]{1,64}$/;

/**
 * The reason text sent to the token service: the reason code in words (DEVICE_LOST → "DEVICE LOST"),
 * from the table above and nothing else. The agent's comment never leaves the issuer: whatever an
 * agent types (a cardholder's name, digits read out on the call) stays in the history and the audit
 * record, where the free-text rule has checked it.
 */
export const reasonTextForTokenService = (code: string): string => code.replace(/_/g, ' ').slice(0, 64);
