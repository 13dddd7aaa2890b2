import type { Token, TokenState } from '../../shared/api/model';
import type { MessageKey } from '../../shared/i18n';
import { tokenStateLabelKey } from '../i18n/lookup-label-keys';

/**
 * What the agent is shown as a token's state. An enrolment that never became usable is not simply
 * "deleted": the platform asks for "Canceled" when the cardholder removed the card during step-up
 * (after an approve-with-step-up), and a red decision is a "Declined". Everything else shows its
 * lifecycle state.
 */
export type DisplayState = TokenState | 'CANCELED' | 'DECLINED';

export const displayState = (token: Pick<Token, 'state' | 'digitizationOutcome'>): DisplayState => token.digitizationOutcome ?? token.state;

/** An enrolment that ended before the token was ever usable: there is no lifecycle left to manage (docs/domain.md, "Canceled and declined enrolments"). */
export const enrolmentEnded = (token: Pick<Token, 'digitizationOutcome'>): boolean => token.digitizationOutcome !== undefined;

export const displayStateLabelKey = {
  ...tokenStateLabelKey,
  CANCELED: 'notifications.callbacks.outcome.CANCELED',
  DECLINED: 'notifications.callbacks.outcome.DECLINED',
} as const satisfies Record<DisplayState, MessageKey>;
