import type { Token } from '../../shared/api/model';
import type { SimulatedAction, SimulatedSource } from '../../shared/api/training';
import { OPERATION_OF_ACTION } from '../../shared/domain/operation-events';
import { decideTransition, type TransitionRule } from '../../shared/domain/transitions';

/**
 * What the training simulator lets a trainer make the wallet or the TSP do to a token, as their
 * `notifyVirtualCardChange` callbacks report it (docs/domain.md, "Lifecycle changes from the wallet and the TSP").
 * SUSPEND, RESUME and
 * DELETE follow the one transition table in shared/domain (the console offers what it allows):
 * suspend an ACTIVE token, or add one's own suspension to a suspended one; each party lifts only
 * its own suspension, the token is ACTIVE again when none is left; delete from any state but
 * DELETED. DELETE_FROM_APP is the wallet user removing the card in the wallet app: it deletes the
 * token as DELETE does, and only the wallet reports it.
 *
 * The simulator refuses, with the rule, what the table refuses, so a trainer learns the rules;
 * what it accepts goes through the callbacks' one ingest like any callback (routes/training.ts).
 */
export interface SimulatedChange {
  readonly action: SimulatedAction;
  readonly source: SimulatedSource;
  readonly reasonCode?: string | undefined;
}

/** The table's rules, and the one rule of the deletion from the app that the table does not cover. */
export type SimulationRule = TransitionRule | 'DELETE_FROM_APP_ONLY_WALLET';

/** A change the token's state does not allow: which rule, about which field of the request. */
export interface RefusedChange {
  readonly field: 'action' | 'source';
  readonly rule: SimulationRule;
}

/** The code each party typically gives (as in the seeded histories) when the trainer names none. */
export const DEFAULT_REASON: Record<SimulatedSource, Record<SimulatedAction, string>> = {
  WALLET: { SUSPEND: 'USER_DECISION', RESUME: 'USER_DECISION', DELETE: 'USER_DECISION', DELETE_FROM_APP: 'USER_DECISION' },
  TSP: { SUSPEND: 'FRAUD_SUSPECTED', RESUME: 'TSP_DECISION', DELETE: 'DEVICE_RESET', DELETE_FROM_APP: 'USER_DECISION' },
};

/** What each rule says, for the refusal's message (the console words them itself, from the rule id). */
const RULE_TEXT: Record<SimulationRule, string> = {
  ACTIVATE_ONLY_INACTIVE: 'only an INACTIVE token can be activated',
  ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE: 'the issuer activates only a yellow-path token that offered customer service',
  SUSPEND_ONLY_ACTIVE: 'only an ACTIVE token can be suspended, or a suspended one by a party that does not hold a suspension yet',
  RESUME_ONLY_SUSPENDED: 'only a SUSPENDED token can be resumed',
  RESUME_ONLY_OWN_SUSPENSION: 'a party lifts only its own suspension',
  DELETE_ALREADY_DELETED: 'a DELETED token cannot change',
  DELETE_FROM_APP_ONLY_WALLET: 'only the wallet reports a deletion from its app',
};

/** The rule's field: whose suspension it is is about the source; the rest about the action. */
const fieldOf = (rule: SimulationRule): RefusedChange['field'] =>
  rule === 'RESUME_ONLY_OWN_SUSPENSION' || rule === 'DELETE_FROM_APP_ONLY_WALLET' ? 'source' : 'action';

/** The rule the simulated change breaks, or null when the table allows it. */
export const simulationRefusal = (token: Token, { action, source }: SimulatedChange): RefusedChange | null => {
  const refusal = (rule: SimulationRule): RefusedChange => ({ field: fieldOf(rule), rule });
  if (action === 'DELETE_FROM_APP') {
    if (source !== 'WALLET') return refusal('DELETE_FROM_APP_ONLY_WALLET');
    return token.state === 'DELETED' ? refusal('DELETE_ALREADY_DELETED') : null;
  }
  const outcome = decideTransition(token, OPERATION_OF_ACTION[action], source);
  return outcome.allowed ? null : refusal(outcome.rule);
};

/**
 * The refusal's message: the rule's id first (a console can show its own sentence for it), what
 * it says, then the token's current state and suspenders.
 */
export const refusalMessage = (token: Token, refusal: RefusedChange): string => {
  const holders = token.suspendedBy.length > 0 ? ` (suspended by ${token.suspendedBy.join(' + ')})` : '';
  return `${refusal.rule}: ${RULE_TEXT[refusal.rule]}; the token is ${token.state}${holders}.`;
};
