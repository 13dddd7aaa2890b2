import type { Token } from '../../shared/api/model';
import { DEFAULT_TRANSITION_POLICY, decideTransition, type TokenOperation, type TransitionPolicy, type TransitionRule } from '../../shared/domain/transitions';

/**
 * What an agent's operation may do to a token, acting for the issuer under the one transition
 * table and the issuer's policy. The change itself is applied when the TSP confirms it, through
 * the callbacks' ingest (callbacks/ingest.ts).
 */
export interface OperatingAgent {
  readonly agentId: string;
  readonly name: string;
}

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
