import type { EventKind, Token, TokenEvent } from '../../shared/api/model';
import type { SimulatedAction, SimulatedSource } from '../../shared/api/training';
import { decideTransition, type TokenOperation, type TransitionRule } from '../../shared/domain/transitions';
import type { TokenChange } from '../store/store';

/**
 * What a wallet or the TSP does to a token, as their `notifyVirtualCardChange` callbacks report
 * it (domain.md §1.3, §1.5, §6), and what each change does to the token. SUSPEND, RESUME and
 * DELETE follow the one transition table in shared/domain (the console offers what it allows):
 * suspend an ACTIVE token, or add one's own suspension to a suspended one; each party lifts only
 * its own suspension, the token is ACTIVE again when none is left; delete from any state but
 * DELETED. Pure: the caller supplies the time and the ids, and records the result through the
 * store's one change path.
 *
 * DELETE_FROM_APP is not in that table: the wallet user removed the card in the wallet app, a soft
 * delete that leaves the token as it is until the TSP deletes it (MDES
 * `TokenDeletedFromConsumerApp`), as in the seeded histories; only the event records it, and only
 * the wallet reports it.
 */
export interface SimulatedChange {
  readonly action: SimulatedAction;
  readonly source: SimulatedSource;
  readonly reasonCode?: string | undefined;
}

export interface ChangeContext {
  readonly at: Date;
  readonly eventId: string;
  readonly correlationId: string;
}

/** The table's rules, and the one rule of the soft delete that the table does not cover. */
export type SimulationRule = TransitionRule | 'DELETE_FROM_APP_ONLY_WALLET';

/** A change the token's state does not allow: which rule, about which field of the request. */
export interface RefusedChange {
  readonly field: 'action' | 'source';
  readonly rule: SimulationRule;
}

export type ChangeOutcome = { readonly ok: true; readonly change: TokenChange } | { readonly ok: false; readonly refusal: RefusedChange };

const EVENT_KIND: Record<SimulatedAction, EventKind> = {
  SUSPEND: 'SUSPENDED',
  RESUME: 'RESUMED',
  DELETE: 'DELETED',
  DELETE_FROM_APP: 'DELETED_FROM_APP',
};

/** The code each party typically gives (seeded histories, domain.md §2.4) when the trainer names none. */
const DEFAULT_REASON: Record<SimulatedSource, Record<SimulatedAction, string>> = {
  WALLET: { SUSPEND: 'USER_DECISION', RESUME: 'USER_DECISION', DELETE: 'USER_DECISION', DELETE_FROM_APP: 'USER_DECISION' },
  TSP: { SUSPEND: 'FRAUD_SUSPECTED', RESUME: 'TSP_DECISION', DELETE: 'DEVICE_RESET', DELETE_FROM_APP: 'USER_DECISION' },
};

const OPERATION: Record<Exclude<SimulatedAction, 'DELETE_FROM_APP'>, TokenOperation> = { SUSPEND: 'suspend', RESUME: 'resume', DELETE: 'delete' };

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

/** The token after the change (state, since when, who changed it last, who holds a suspension), or the rule it breaks. */
const tokenAfter = (token: Token, { action, source }: SimulatedChange, at: string): Token | SimulationRule => {
  if (action === 'DELETE_FROM_APP') {
    if (source !== 'WALLET') return 'DELETE_FROM_APP_ONLY_WALLET';
    return token.state === 'DELETED' ? 'DELETE_ALREADY_DELETED' : token;
  }
  const outcome = decideTransition(token, OPERATION[action], source);
  if (!outcome.allowed) return outcome.rule;
  return {
    ...token,
    state: outcome.state,
    stateSince: outcome.state === token.state ? token.stateSince : at,
    lastChangedBy: { source },
    suspendedBy: outcome.suspendedBy,
  };
};

export const simulateChange = (token: Token, change: SimulatedChange, context: ChangeContext): ChangeOutcome => {
  const at = context.at.toISOString();
  const after = tokenAfter(token, change, at);
  if (typeof after === 'string') return { ok: false, refusal: { field: fieldOf(after), rule: after } };
  const event: TokenEvent = {
    eventId: context.eventId,
    virtualCardId: token.virtualCardId,
    occurredAt: at,
    kind: EVENT_KIND[change.action],
    actor: { source: change.source },
    correlationId: context.correlationId,
    reasonCode: change.reasonCode ?? DEFAULT_REASON[change.source][change.action],
    // The callback's fields as the seeded histories record them, marked as made by the simulator.
    detail: {
      action: change.action,
      source: change.source,
      walletProviderId: token.tokenRequestor.walletProviderId,
      isPrimary: token.isPrimary,
      simulated: true,
    },
  };
  return { ok: true, change: { token: after, event } };
};

/**
 * The refusal's message: the rule's id first (a console can show its own sentence for it), what
 * it says, then the token's current state and suspenders.
 */
export const refusalMessage = (token: Token, refusal: RefusedChange): string => {
  const holders = token.suspendedBy.length > 0 ? ` (suspended by ${token.suspendedBy.join(' + ')})` : '';
  return `${refusal.rule}: ${RULE_TEXT[refusal.rule]}; the token is ${token.state}${holders}.`;
};
