import type { VirtualCardAction } from '../../shared/api/callbacks';
import type { ChangeSource, Token, TokenState } from '../../shared/api/model';
import type { NotificationEvent } from '../../shared/api/notifications';
import { OPERATION_OF_ACTION } from '../../shared/domain/operation-events';
import { decideTransition, issuerRefusal, type TransitionPolicy } from '../../shared/domain/transitions';

/**
 * THE ORDERING RULE for the platform's callbacks, which can come twice or late
 * (docs/domain.md, "Callback ordering"), decided here and applied by ingest.ts to every way a
 * callback arrives (notifyVirtualCardChange, D1 card-operation notifications, the simulated TSP's
 * confirmation of an agent's operation, the training simulator):
 *
 * 1. Idempotency. A callback is known by its token, its x-correlation-id, its action and its
 *    outcome (success or the errorCode). The second copy of a known callback is recorded as
 *    CALLBACK_DUPLICATE (`detail.duplicateOf` = the first one's event) and changes nothing. The
 *    outcome is part of the key so that a success after a reported failure of the same operation
 *    (the TSP retried) is not mistaken for a copy of the failure.
 *
 * 2. Event time. The callbacks carry no time of their own, so a callback's time is when it
 *    arrives, on the training clock; callbacks are applied in the order they arrive. A callback
 *    parked for an unknown token is applied, in arrival order, when the token appears, and its
 *    event says when it arrived (`detail.receivedAt`).
 *
 * 3. State precedence. DEPLOYMENT_ONGOING (0) < INACTIVE (1) < ACTIVE = SUSPENDED (2) < DELETED (3).
 *    A callback never moves a token to a lower rank: DELETED is final, so anything arriving after
 *    a deletion is recorded as CALLBACK_LATE and ignored (rule TOKEN_DELETED, or STEP_UP_CANCELED
 *    when the deletion ended a pending step-up); an ACTIVATE for a token already active or
 *    suspended is late too (ALREADY_ACTIVATED), and so is one for a token the issuer declined
 *    (DIGITIZATION_DECLINED). Within rank 2, SUSPEND and RESUME follow the one
 *    transition table (suspensions stack, each party lifts its own); one the table refuses is
 *    recorded as CALLBACK_LATE with the table's rule, and ignored.
 *    The one exception: the TSP's DELETE after the wallet's DELETE_FROM_APP of the same
 *    correlation id is the TSP completing that deletion; it is recorded as DELETED, the token
 *    already deleted.
 *
 * 4. Failures. A callback with an errorCode (e.g. 221, device unreachable) is recorded as
 *    OPERATION_FAILED with the code; the token keeps its state, whatever it is.
 */
const STATE_RANK: Readonly<Record<TokenState, number>> = {
  DEPLOYMENT_ONGOING: 0,
  INACTIVE: 1,
  ACTIVE: 2,
  SUSPENDED: 2,
  DELETED: 3,
};

/**
 * Why a callback is ignored: the ordering rule's own (TOKEN_DELETED, STEP_UP_CANCELED,
 * ALREADY_ACTIVATED, DIGITIZATION_DECLINED) or the transition table's (SUSPEND_ONLY_ACTIVE, RESUME_ONLY_OWN_SUSPENSION…).
 */
export type LateRule = string;

/** An applied callback is recorded as its action's own event (EVENT_OF_ACTION in shared/domain/operation-events.ts). */
export type Verdict =
  | {
      readonly kind: 'apply';
      readonly token: Token;
      /** A deletion that ended a pending step-up: the step-up is canceled with it. */
      readonly stepUpCanceled: boolean;
      /** The cardholder notification the change causes, if any. */
      readonly notification: NotificationEvent | null;
    }
  | { readonly kind: 'late'; readonly rule: LateRule };

export interface ChangeContext {
  readonly at: string;
  readonly actor: Token['lastChangedBy'];
  readonly policy: TransitionPolicy;
  /** The correlation id of the token's DELETE_FROM_APP, if the wallet deleted it from its app. */
  readonly appDeletionCorrelationId: string | null;
  readonly correlationId: string;
  /** The change is an agent's operation the TSP confirms (its notification differs: the platform's events plus the issuer's own). */
  readonly issuerOperation: boolean;
}

const waitingForStepUp = (token: Token): boolean => token.state === 'INACTIVE' && token.levelOfTrust.decision === 'YELLOW';

const deletedRule = (token: Token): LateRule => (token.digitizationOutcome === 'CANCELED' ? 'STEP_UP_CANCELED' : 'TOKEN_DELETED');

const moved = (token: Token, state: TokenState, at: string): Pick<Token, 'state' | 'stateSince'> => ({
  state,
  stateSince: state === token.state ? token.stateSince : at,
});

/** What a state-moving callback does to the token, by the rule above (without the duplicate check, done by the caller). */
export const decideChange = (token: Token, action: VirtualCardAction, source: ChangeSource, context: ChangeContext): Verdict => {
  const { at, actor } = context;
  if (token.state === 'DELETED') {
    const completesAppDeletion = action === 'DELETE' && context.appDeletionCorrelationId !== null && context.appDeletionCorrelationId === context.correlationId;
    if (completesAppDeletion) {
      return { kind: 'apply', token: { ...token, lastChangedBy: actor }, stepUpCanceled: false, notification: null };
    }
    return { kind: 'late', rule: deletedRule(token) };
  }

  if (action === 'DELETE' || action === 'DELETE_FROM_APP') {
    // Deleted during enrolment (docs/domain.md, "Enrolment failures"): the pending step-up stops;
    // the cardholder (wallet) or the TSP ending it is a cancellation, a red enrolment ends
    // declined. The issuer's own delete is a deletion.
    const stepUpCanceled = waitingForStepUp(token);
    const canceled = stepUpCanceled && !context.issuerOperation;
    const declined = token.levelOfTrust.decision === 'RED' && token.state === 'DEPLOYMENT_ONGOING';
    const outcome = canceled ? 'CANCELED' : declined ? 'DECLINED' : token.digitizationOutcome;
    return {
      kind: 'apply',
      token: {
        ...token,
        ...moved(token, 'DELETED', at),
        lastChangedBy: actor,
        suspendedBy: [],
        ...(outcome ? { digitizationOutcome: outcome } : {}),
      },
      stepUpCanceled,
      notification: canceled || declined ? 'ACTIVATION_DECLINED' : 'TOKEN_DELETED',
    };
  }

  if (action === 'ACTIVATE') {
    if (STATE_RANK[token.state] >= STATE_RANK.ACTIVE) return { kind: 'late', rule: 'ALREADY_ACTIVATED' };
    // The issuer declined this digitization (RED): nothing may make it usable.
    if (token.levelOfTrust.decision === 'RED') return { kind: 'late', rule: 'DIGITIZATION_DECLINED' };
    if (source === 'ISSUER') {
      // The issuer activates only by Option D, under the table (yellow with customer service).
      const rule = issuerRefusal(token, 'activate', context.policy);
      if (rule) return { kind: 'late', rule };
    }
    return {
      kind: 'apply',
      token: { ...token, ...moved(token, 'ACTIVE', at), lastChangedBy: actor, suspendedBy: [] },
      stepUpCanceled: false,
      notification: 'ACTIVATION_CONFIRMED',
    };
  }

  const operation = OPERATION_OF_ACTION[action];
  // The issuer's operations answer to the issuer's rule (it suspends only an ACTIVE token).
  const issuerRule = source === 'ISSUER' ? issuerRefusal(token, operation, context.policy) : null;
  if (issuerRule) return { kind: 'late', rule: issuerRule };
  const outcome = decideTransition(token, operation, source, context.policy);
  if (!outcome.allowed) return { kind: 'late', rule: outcome.rule };
  return {
    kind: 'apply',
    token: { ...token, ...moved(token, outcome.state, at), lastChangedBy: actor, suspendedBy: outcome.suspendedBy },
    stepUpCanceled: false,
    // Suspend and resume notices are the issuer's own addition, for its agents' actions only.
    notification: context.issuerOperation ? (operation === 'suspend' ? 'TOKEN_SUSPENDED' : 'TOKEN_RESUMED') : null,
  };
};

/** The idempotency key of one callback for one token (rule 1). */
export const receiptKey = (virtualCardId: string, correlationId: string, action: string, outcome: string): string =>
  [virtualCardId, correlationId, action, outcome].join('\u0000');
