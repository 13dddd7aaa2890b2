import type { EventKind, Token, TokenEvent } from '../../shared/api/model';
import type { SimulatedAction, SimulatedSource } from '../../shared/api/training';
import type { TokenChange } from '../store/store';

/**
 * What a wallet or the TSP may do to a token, as their `notifyVirtualCardChange` callbacks report
 * it (domain.md §1.3, §1.5, §6), and what each change does to the token. Pure: the caller
 * supplies the time and the ids, and records the result through the store's one change path.
 *
 * - SUSPEND: only an ACTIVE token; the source becomes its suspender.
 * - RESUME: only a SUSPENDED token, and only by a source that suspended it. Each party lifts only
 *   its own suspension; the token is ACTIVE again when no suspender is left (MDES multi-suspender).
 * - DELETE: from any state but DELETED; final.
 * - DELETE_FROM_APP: the wallet user removed the card in the wallet app. A soft delete: the token
 *   state stays as it is until the TSP deletes it (MDES `TokenDeletedFromConsumerApp`), as in the
 *   seeded histories; only the event records it. Only the wallet reports it.
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

/** A change the token's state does not allow: which rule, about which field of the request. */
export interface RefusedChange {
  readonly field: 'action' | 'source';
  readonly rule: string;
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

/** The rule a change breaks, or null when the token's state allows it. */
const brokenRule = (token: Token, { action, source }: SimulatedChange): RefusedChange | null => {
  switch (action) {
    case 'SUSPEND':
      return token.state === 'ACTIVE' ? null : { field: 'action', rule: 'SUSPEND: only an ACTIVE token can be suspended' };
    case 'RESUME':
      if (token.state !== 'SUSPENDED') return { field: 'action', rule: 'RESUME: only a SUSPENDED token can be resumed' };
      return token.suspendedBy.includes(source)
        ? null
        : { field: 'source', rule: `RESUME: a party lifts only its own suspension, and ${source} did not suspend this token` };
    case 'DELETE':
      return token.state === 'DELETED' ? { field: 'action', rule: 'DELETE: a DELETED token cannot change' } : null;
    case 'DELETE_FROM_APP':
      if (source !== 'WALLET') return { field: 'source', rule: 'DELETE_FROM_APP: only the wallet reports a deletion from its app' };
      return token.state === 'DELETED' ? { field: 'action', rule: 'DELETE_FROM_APP: a DELETED token cannot change' } : null;
  }
};

/** The token after the change: state, since when, who changed it last and who holds a suspension. */
const tokenAfter = (token: Token, { action, source }: SimulatedChange, at: string): Token => {
  const changed = (state: Token['state'], suspendedBy: Token['suspendedBy']): Token => ({
    ...token,
    state,
    stateSince: state === token.state ? token.stateSince : at,
    lastChangedBy: { source },
    suspendedBy,
  });
  switch (action) {
    case 'SUSPEND':
      return changed('SUSPENDED', [...token.suspendedBy, source]);
    case 'RESUME': {
      const left = token.suspendedBy.filter((party) => party !== source);
      return changed(left.length === 0 ? 'ACTIVE' : 'SUSPENDED', left);
    }
    case 'DELETE':
      return changed('DELETED', []);
    case 'DELETE_FROM_APP':
      return token;
  }
};

export const simulateChange = (token: Token, change: SimulatedChange, context: ChangeContext): ChangeOutcome => {
  const refusal = brokenRule(token, change);
  if (refusal) return { ok: false, refusal };
  const at = context.at.toISOString();
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
  return { ok: true, change: { token: tokenAfter(token, change, at), event } };
};

/** The refusal's message: the rule, then the token's current state and suspenders. */
export const refusalMessage = (token: Token, refusal: RefusedChange): string => {
  const holders = token.suspendedBy.length > 0 ? ` (suspended by ${token.suspendedBy.join(' + ')})` : '';
  return `${refusal.rule}; the token is ${token.state}${holders}.`;
};
