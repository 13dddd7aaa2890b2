import type { EventKind, Token } from '../../shared/api/model';
import { DEFAULT_TRANSITION_POLICY, decideTransition, type TokenOperation, type TransitionPolicy, type TransitionRule } from '../../shared/domain/transitions';
import type { ContactRecord } from '../store/state';

/**
 * What an agent's operation does to a token, acting for the issuer under the one transition table
 * and the issuer's policy. Pure: the caller supplies time and agent, and records the result
 * through the store's one change path.
 */
export interface OperatingAgent {
  readonly agentId: string;
  readonly name: string;
}

export const OPERATION_EVENT: Record<TokenOperation, EventKind> = {
  activate: 'ACTIVATED',
  suspend: 'SUSPENDED',
  resume: 'RESUMED',
  delete: 'DELETED',
};

/** The cardholder notification each confirmed operation queues (seed-fidelity templates). */
export const NOTIFICATION_TEMPLATE: Record<TokenOperation, string> = {
  activate: 'ACTIVATION_CONFIRMATION',
  suspend: 'TOKEN_SUSPENDED',
  resume: 'TOKEN_RESUMED',
  delete: 'TOKEN_DELETED',
};

/**
 * The table's answer for the issuer, with the one restriction the console also applies
 * (`issuerOperations`): adding a second suspension to an already suspended token is the wallet's
 * business, so the issuer suspends only an ACTIVE token.
 */
export const issuerRefusal = (token: Token, operation: TokenOperation, policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY): TransitionRule | null => {
  if (operation === 'suspend' && token.state !== 'ACTIVE') return 'SUSPEND_ONLY_ACTIVE';
  const outcome = decideTransition(token, operation, 'ISSUER', policy);
  return outcome.allowed ? null : outcome.rule;
};

/** The token after the issuer's operation, or the rule that refuses it. */
export const tokenAfterIssuerOperation = (
  token: Token,
  operation: TokenOperation,
  agent: OperatingAgent,
  at: string,
  policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY,
): Token | TransitionRule => {
  const refusal = issuerRefusal(token, operation, policy);
  if (refusal) return refusal;
  const outcome = decideTransition(token, operation, 'ISSUER', policy);
  if (!outcome.allowed) return outcome.rule;
  return {
    ...token,
    state: outcome.state,
    stateSince: outcome.state === token.state ? token.stateSince : at,
    lastChangedBy: { source: 'ISSUER', agentId: agent.agentId, agentName: agent.name },
    suspendedBy: outcome.suspendedBy,
  };
};

/** SMS when the cardholder has a phone (as the seeded histories send), else e-mail; null when there is no contact. */
export const notificationChannel = (contacts: readonly ContactRecord[]): 'SMS' | 'EMAIL' | null => {
  if (contacts.some((contact) => contact.channel === 'PHONE')) return 'SMS';
  if (contacts.some((contact) => contact.channel === 'EMAIL')) return 'EMAIL';
  return null;
};
