import type { ChangeSource, Token, TokenState } from '../api/model';

/**
 * The one transition table: what may happen to a token, and who may do it. The console offers only
 * what it allows; the backend (the sandbox in training) enforces the same table, so a stale screen
 * cannot push a token where it must not go. See docs/domain.md, "Operations and the transition table".
 */
export const TOKEN_OPERATIONS = ['activate', 'suspend', 'resume', 'delete'] as const;
export type TokenOperation = (typeof TOKEN_OPERATIONS)[number];

/** Why an operation is not allowed. Each has a sentence in the UI (`rules.<id>`). */
export type TransitionRule =
  | 'ACTIVATE_ONLY_INACTIVE'
  | 'ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE'
  | 'SUSPEND_ONLY_ACTIVE'
  | 'RESUME_ONLY_SUSPENDED'
  | 'RESUME_ONLY_OWN_SUSPENSION'
  | 'DELETE_ALREADY_DELETED';

export interface TransitionPolicy {
  /**
   * Lets the issuer lift a suspension that the wallet or TSP set for the cardholder's own reasons.
   * Off by default: the cardholder suspended it (lost phone), so the cardholder should lift it.
   */
  readonly issuerMayOverrideSuspension: boolean;
}

export const DEFAULT_TRANSITION_POLICY: TransitionPolicy = { issuerMayOverrideSuspension: false };

export type TokenFacts = Pick<Token, 'state' | 'suspendedBy' | 'levelOfTrust'>;

export type TransitionOutcome =
  | { allowed: true; state: TokenState; suspendedBy: ChangeSource[]; overridesSuspensionBy: ChangeSource[] }
  | { allowed: false; rule: TransitionRule };

const refuse = (rule: TransitionRule): TransitionOutcome => ({ allowed: false, rule });

const without = (list: readonly ChangeSource[], party: ChangeSource): ChangeSource[] => list.filter((p) => p !== party);

/**
 * Decides an operation by `actor` on a token. Suspensions stack (MDES): each party lifts only its
 * own, and the token is active again when the last one is lifted; the issuer may lift another
 * party's only when the policy allows it. A deleted token never changes again.
 */
export const decideTransition = (
  token: TokenFacts,
  operation: TokenOperation,
  actor: ChangeSource,
  policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY,
): TransitionOutcome => {
  const suspendedBy = [...token.suspendedBy];
  switch (operation) {
    case 'activate': {
      if (token.state !== 'INACTIVE') return refuse('ACTIVATE_ONLY_INACTIVE');
      // Option D: the agent may activate only a yellow-path token that offered customer service.
      if (actor === 'ISSUER' && !(token.levelOfTrust.decision === 'YELLOW' && token.levelOfTrust.idvMethods.includes('CUSTOMER_SERVICE'))) {
        return refuse('ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE');
      }
      return { allowed: true, state: 'ACTIVE', suspendedBy: [], overridesSuspensionBy: [] };
    }
    case 'suspend': {
      if (token.state === 'ACTIVE') return { allowed: true, state: 'SUSPENDED', suspendedBy: [actor], overridesSuspensionBy: [] };
      // A second party may add its own suspension to one already in place.
      if (token.state === 'SUSPENDED' && !suspendedBy.includes(actor)) {
        return { allowed: true, state: 'SUSPENDED', suspendedBy: [...suspendedBy, actor], overridesSuspensionBy: [] };
      }
      return refuse('SUSPEND_ONLY_ACTIVE');
    }
    case 'resume': {
      if (token.state !== 'SUSPENDED') return refuse('RESUME_ONLY_SUSPENDED');
      const others = without(suspendedBy, actor);
      if (!suspendedBy.includes(actor)) {
        if (!(actor === 'ISSUER' && policy.issuerMayOverrideSuspension)) return refuse('RESUME_ONLY_OWN_SUSPENSION');
        return { allowed: true, state: 'ACTIVE', suspendedBy: [], overridesSuspensionBy: others };
      }
      if (others.length > 0) {
        if (actor === 'ISSUER' && policy.issuerMayOverrideSuspension) {
          return { allowed: true, state: 'ACTIVE', suspendedBy: [], overridesSuspensionBy: others };
        }
        // Lifting its own suspension leaves the others in place: the token stays suspended.
        return { allowed: true, state: 'SUSPENDED', suspendedBy: others, overridesSuspensionBy: [] };
      }
      return { allowed: true, state: 'ACTIVE', suspendedBy: [], overridesSuspensionBy: [] };
    }
    case 'delete': {
      if (token.state === 'DELETED') return refuse('DELETE_ALREADY_DELETED');
      return { allowed: true, state: 'DELETED', suspendedBy: [], overridesSuspensionBy: [] };
    }
  }
};

/** Which parties could lift the current suspension, for the sentence "only the issuer can resume". */
export const whoMayResume = (token: TokenFacts, policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY): ChangeSource[] => {
  if (token.state !== 'SUSPENDED') return [];
  const parties = new Set<ChangeSource>(token.suspendedBy);
  if (policy.issuerMayOverrideSuspension) parties.add('ISSUER');
  return [...parties];
};

/**
 * Why the issuer (an agent, or the TSP confirming an agent's operation) may not make this
 * operation now, or null when it may: the table's answer for the issuer, with one restriction of
 * its own. Adding a second suspension is the wallet's business, so the issuer suspends only an
 * ACTIVE token. The console offers, main checks before sending, and the backend enforces this one
 * answer.
 */
export const issuerRefusal = (token: TokenFacts, operation: TokenOperation, policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY): TransitionRule | null => {
  if (operation === 'suspend' && token.state !== 'ACTIVE') return 'SUSPEND_ONLY_ACTIVE';
  const outcome = decideTransition(token, operation, 'ISSUER', policy);
  return outcome.allowed ? null : outcome.rule;
};

/** What the agent (acting for the issuer) may do to this token now. */
export const issuerOperations = (token: TokenFacts, policy: TransitionPolicy = DEFAULT_TRANSITION_POLICY): TokenOperation[] =>
  TOKEN_OPERATIONS.filter((operation) => issuerRefusal(token, operation, policy) === null);
