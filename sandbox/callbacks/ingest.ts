import type { CallbackResult, CardOperationNotification, CardOperationStatus, NotifyVirtualCardChangeRequest, RequestorType, TokenInfo, VirtualCardAction } from '../../shared/api/callbacks';
import type { Actor, ChangeSource, Token } from '../../shared/api/model';
import type { CallbackChannel, CallbackFields, EventDetail, TokenEvent } from '../../shared/api/token-event';
import { OPERATION_OF_ACTION } from '../../shared/domain/operation-events';
import type { TokenOperation } from '../../shared/domain/transitions';
import type { TrainingClock } from '../clock/training-clock';
import type { Notifier } from '../notifications/notifier';
import { maskCardNumbers } from '../../shared/domain/card-number-runs';
import { transitionPolicyOf } from '../policy/action-policy';
import { newEventId } from '../store/live-ids';
import type { ParkedCallback } from '../store/state';
import type { SandboxStore } from '../store/store';
import { decideChange, receiptKey } from './ordering';

/**
 * The one place the platform's callbacks change tokens, whichever way they arrive: the callback
 * surface (notifyVirtualCardChange, D1 card-operation notifications), the simulated TSP confirming
 * an agent's operation, and the training simulator. So duplicates, late arrivals, failures and
 * unknown tokens behave identically for all of them, by the ordering rule in ordering.ts.
 */

/** The callback's own fields, for the raw history. */
type CallbackWire = Pick<
  CallbackFields,
  'walletProviderId' | 'tokenStorageId' | 'isPrimary' | 'simulated' | 'cardOperationId' | 'cardOperation' | 'status' | 'requestorType' | 'requestorId'
>;

/** A D1 DIGITIZE notice's own fields; its operation and status are the event's own. */
type DigitizeWire = Pick<CallbackFields, 'cardOperationId' | 'requestorType' | 'requestorId'>;

export interface IncomingChange {
  readonly channel: CallbackChannel;
  readonly correlationId: string;
  readonly virtualCardId: string;
  readonly action: VirtualCardAction;
  readonly source: ChangeSource;
  /** The TSP could not do it (e.g. 221); the token keeps its state. */
  readonly errorCode?: string | undefined;
  /** A card-operation notification with status FAILED and no code. */
  readonly failed?: boolean;
  /** Expiry and last four only: the DPAN was dropped at the border. */
  readonly tokenInfo?: Pick<TokenInfo, 'expiry' | 'lastFour'> | undefined;
  /** Who, as the requestor type says; a CCI user's id stays in the wire fields as the platform's claim. */
  readonly actor?: Actor | undefined;
  readonly reasonCode?: string | undefined;
  /** The callback's own fields, for the raw history. */
  readonly wire: Readonly<CallbackWire>;
  /** When it arrived, for a parked callback applied later. */
  readonly receivedAt?: string | undefined;
}

/** The D1 digitization outcome notice (docs/domain.md, "Canceled and declined enrolments"). */
export interface IncomingDigitize {
  readonly correlationId: string;
  readonly virtualCardId: string;
  readonly status: CardOperationStatus;
  readonly actor: Actor;
  readonly wire: Readonly<DigitizeWire>;
  readonly receivedAt?: string | undefined;
}

/** What each TSP error code means, for the history; the console explains the code in its own words. */
const ERROR_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '221': 'device unreachable after retries',
};

/** D1's requestor types as the token's change sources: the cardholder acts through the wallet; D1 is the platform. */
const SOURCE_OF_REQUESTOR: Readonly<Record<RequestorType, ChangeSource>> = {
  USER: 'WALLET',
  TSP: 'TSP',
  D1: 'TSP',
  ISSUER: 'ISSUER',
  CCI: 'ISSUER',
};

/** An agent's operation this callback confirms: found in the token's history by its correlation id. */
interface AgentOperation {
  readonly operation: TokenOperation;
  readonly operationId: string;
  readonly actor: Actor;
  readonly reasonCode: string | undefined;
  readonly reasonSent: string | null;
}

/** What every event of one callback shares: token, time, who, its correlation id and reason. */
type EventBase = Pick<TokenEvent, 'eventId' | 'virtualCardId' | 'occurredAt' | 'actor' | 'correlationId' | 'reasonCode'>;

/** What an applied callback's event carries besides its action. */
type AppliedDetail = Omit<EventDetail<'DELETED'>, 'action' | 'source'> & { readonly source: ChangeSource };

/** An applied callback is recorded as its action's own event kind. */
const appliedEvent = (base: EventBase, action: VirtualCardAction, detail: AppliedDetail): TokenEvent => {
  switch (action) {
    case 'ACTIVATE':
      return { ...base, kind: 'ACTIVATED', detail: { ...detail, action } };
    case 'SUSPEND':
      return { ...base, kind: 'SUSPENDED', detail: { ...detail, action } };
    case 'RESUME':
      return { ...base, kind: 'RESUMED', detail: { ...detail, action } };
    case 'DELETE':
      return { ...base, kind: 'DELETED', detail: { ...detail, action } };
    case 'DELETE_FROM_APP': {
      // The wallet user's own deletion: never an agent's operation.
      const { operation: _operation, operationId: _operationId, reasonSent: _reasonSent, confirmedBy: _confirmedBy, ...rest } = detail;
      return { ...base, kind: 'DELETED_FROM_APP', detail: { ...rest, action } };
    }
  }
};

export class CallbackIngest {
  constructor(
    private readonly store: SandboxStore,
    private readonly clock: TrainingClock,
    private readonly notifier: Notifier,
  ) {}

  // ---- entry points ------------------------------------------------------------------------

  virtualCardChange(raw: NotifyVirtualCardChangeRequest, correlationId: string, receivedAt?: string): CallbackResult {
    const body = withoutDpan(raw);
    if (!this.store.tokens.has(body.virtualCardId)) {
      return this.park({ kind: 'virtualCardChange', receivedAt: receivedAt ?? this.clock.now().toISOString(), correlationId, body });
    }
    return this.change(changeFromWire(body, correlationId, receivedAt));
  }

  /** A D1 card-operation notification: for its token, or for each live token of the card when it names none. */
  cardOperation(issuerCardRefId: string, body: CardOperationNotification, correlationId: string, receivedAt?: string): CallbackResult[] {
    const actor = this.actorOfRequestor(body.requestorType);
    const wire: CallbackWire = {
      cardOperationId: body.operationId,
      cardOperation: body.operation,
      status: body.status,
      requestorType: body.requestorType,
      requestorId: body.requestorId ?? null,
    };
    const targets = body.virtualCardId !== undefined ? [body.virtualCardId] : this.cardTargets(issuerCardRefId, body);
    if (targets.length === 0) {
      if (body.operation !== 'DIGITIZE') return [];
      // A digitization notice before the card's token exists: kept until the token of that enrolment (same correlation id) appears.
      return [this.park({ kind: 'cardOperation', receivedAt: receivedAt ?? this.clock.now().toISOString(), correlationId, issuerCardRefId, body })];
    }
    return targets.map((virtualCardId) => {
      if (body.operation === 'DIGITIZE') {
        const notice: DigitizeWire = { cardOperationId: wire.cardOperationId, requestorType: wire.requestorType, requestorId: wire.requestorId };
        return this.digitize({ correlationId, virtualCardId, status: body.status, actor, wire: notice, receivedAt }, { issuerCardRefId, body });
      }
      if (body.status === 'PENDING') return this.nothingYet(virtualCardId);
      return this.change(
        {
          channel: 'cardOperation',
          correlationId,
          virtualCardId,
          action: body.operation,
          source: actor.source,
          failed: body.status === 'FAILED',
          actor,
          wire,
          receivedAt,
        },
        { issuerCardRefId, body },
      );
    });
  }

  /** Applies, in arrival order, what was parked for a token that has just appeared. */
  applyParked(token: Token): CallbackResult[] {
    // A card-wide notice names no token: it belongs to this one only if it came for this enrolment.
    const mine = this.store.parkedCallbacks.filter((parked) =>
      parked.kind === 'virtualCardChange'
        ? parked.body.virtualCardId === token.virtualCardId
        : parked.body.virtualCardId === token.virtualCardId ||
          (parked.body.virtualCardId === undefined &&
            parked.issuerCardRefId === token.issuerCardRefId &&
            parked.correlationId === token.enrolmentCorrelationId),
    );
    if (mine.length === 0) return [];
    for (const parked of mine) this.store.parkedCallbacks.splice(this.store.parkedCallbacks.indexOf(parked), 1);
    this.store.changed();
    return mine.flatMap((parked) =>
      parked.kind === 'virtualCardChange'
        ? [this.virtualCardChange(parked.body, parked.correlationId, parked.receivedAt)]
        : this.cardOperation(parked.issuerCardRefId, { ...parked.body, virtualCardId: token.virtualCardId }, parked.correlationId, parked.receivedAt),
    );
  }

  // ---- the rule applied ---------------------------------------------------------------------

  /** Every state-moving callback: duplicate, failure, late or applied, in that order of checks. */
  change(incoming: IncomingChange, parkAs?: { issuerCardRefId: string; body: CardOperationNotification }): CallbackResult {
    const { store } = this;
    const token = store.tokens.get(incoming.virtualCardId);
    if (!token) {
      // The wire entry points park their own bodies; the simulated TSP and the simulator act on known tokens.
      if (!parkAs) throw new Error(`No token ${incoming.virtualCardId} for a ${incoming.channel} callback.`);
      const receivedAt = incoming.receivedAt ?? this.clock.now().toISOString();
      return this.park({ kind: 'cardOperation', receivedAt, correlationId: incoming.correlationId, ...parkAs });
    }
    const at = this.clock.now().toISOString();
    const failedOutcome = incoming.errorCode ?? (incoming.failed ? 'FAILED' : null);
    const key = receiptKey(token.virtualCardId, incoming.correlationId, incoming.action, failedOutcome ?? 'OK');
    const agentOperation = this.agentOperationFor(token, incoming);
    const actor = agentOperation?.actor ?? incoming.actor ?? { source: incoming.source };
    const detail = {
      callback: incoming.channel,
      action: incoming.action,
      source: incoming.source,
      ...incoming.wire,
      ...(agentOperation ? { operation: agentOperation.operation, operationId: agentOperation.operationId } : {}),
      ...(incoming.receivedAt ? { receivedAt: incoming.receivedAt } : {}),
    } satisfies Omit<EventDetail<'CALLBACK_DUPLICATE'>, 'duplicateOf'>;
    const reasonCode = agentOperation?.reasonCode ?? incoming.reasonCode;
    const base = (): EventBase => ({
      eventId: newEventId(),
      virtualCardId: token.virtualCardId,
      occurredAt: at,
      actor,
      correlationId: incoming.correlationId,
      ...(reasonCode ? { reasonCode } : {}),
    });

    const first = store.callbackReceipts.get(key);
    if (first !== undefined) {
      const event = this.record(token, key, { ...base(), kind: 'CALLBACK_DUPLICATE', detail: { ...detail, duplicateOf: first } }, false);
      return result(token, 'DUPLICATE', event);
    }

    if (failedOutcome !== null) {
      const event = this.record(token, key, {
        ...base(),
        kind: 'OPERATION_FAILED',
        detail: {
          ...detail,
          ...(incoming.errorCode ? { errorCode: incoming.errorCode, description: ERROR_DESCRIPTIONS[incoming.errorCode] ?? null } : {}),
          state: token.state,
        },
      });
      return result(token, 'FAILED', event);
    }

    const appDeletion = [...store.storedEvents(token.virtualCardId)].reverse().find((event) => event.kind === 'DELETED_FROM_APP');
    const verdict = decideChange(token, incoming.action, incoming.source, {
      at,
      actor,
      policy: transitionPolicyOf(store.actionPolicy),
      appDeletionCorrelationId: appDeletion?.correlationId ?? null,
      correlationId: incoming.correlationId,
      issuerOperation: agentOperation !== null,
    });

    if (verdict.kind === 'late') {
      // An agent's operation the token can no longer take fails, so the agent learns it at once.
      const event = this.record(
        token,
        key,
        agentOperation
          ? { ...base(), kind: 'OPERATION_FAILED', detail: { ...detail, rule: verdict.rule, state: token.state } }
          : { ...base(), kind: 'CALLBACK_LATE', detail: { ...detail, rule: verdict.rule, stateAtArrival: token.state } },
      );
      return { ...result(token, 'LATE', event), rule: verdict.rule };
    }

    const after: Token = incoming.action === 'ACTIVATE' && incoming.tokenInfo ? withTokenInfo(verdict.token, incoming.tokenInfo) : verdict.token;
    const { action: _action, ...applied } = detail;
    const event = this.record(
      after,
      key,
      appliedEvent(base(), incoming.action, {
        ...applied,
        ...(agentOperation ? { reasonSent: agentOperation.reasonSent, confirmedBy: 'TSP' as const } : {}),
        ...(verdict.stepUpCanceled ? { stepUpCanceled: true as const } : {}),
        ...(incoming.tokenInfo?.lastFour ? { tokenLastFour: incoming.tokenInfo.lastFour } : {}),
        ...(incoming.tokenInfo?.expiry ? { tokenExpiry: incoming.tokenInfo.expiry } : {}),
      }),
    );
    if (verdict.notification) {
      this.notifier.send({
        token: after,
        event: verdict.notification,
        correlationId: incoming.correlationId,
        at: new Date(at),
        // The agent's reason, worded for the cardholder; platform changes give the cardholder none.
        reasonCode: agentOperation && incoming.action !== 'ACTIVATE' ? (agentOperation.reasonCode ?? null) : null,
        ...(agentOperation ? { operationId: agentOperation.operationId } : {}),
      });
    }
    return result(after, 'APPLIED', event);
  }

  /**
   * DIGITIZE. FAILED ends an enrolment that never became usable: after YELLOW the
   * cardholder canceled it (removed the card during step-up: DIGITIZATION_CANCELED, CANCELED),
   * after RED it is declined (DELETED, DECLINED); a token already ended by a delete during step-up
   * gets the cancellation recorded. PENDING and SUCCESSFUL change nothing: the TSP's ACTIVATE follows.
   */
  digitize(incoming: IncomingDigitize, parkAs: { issuerCardRefId: string; body: CardOperationNotification }): CallbackResult {
    const { store } = this;
    const token = store.tokens.get(incoming.virtualCardId);
    if (!token) {
      const receivedAt = incoming.receivedAt ?? this.clock.now().toISOString();
      return this.park({ kind: 'cardOperation', receivedAt, correlationId: incoming.correlationId, ...parkAs });
    }
    if (incoming.status !== 'FAILED') return this.nothingYet(token.virtualCardId);
    const at = this.clock.now().toISOString();
    const key = receiptKey(token.virtualCardId, incoming.correlationId, 'DIGITIZE', 'FAILED');
    const detail = {
      callback: 'cardOperation',
      cardOperation: 'DIGITIZE',
      status: 'FAILED',
      ...incoming.wire,
      ...(incoming.receivedAt ? { receivedAt: incoming.receivedAt } : {}),
    } as const satisfies EventDetail<'DIGITIZATION_CANCELED'>;
    const base = (): EventBase => ({ eventId: newEventId(), virtualCardId: token.virtualCardId, occurredAt: at, actor: incoming.actor, correlationId: incoming.correlationId });

    const first = store.callbackReceipts.get(key);
    if (first !== undefined) {
      return result(token, 'DUPLICATE', this.record(token, key, { ...base(), kind: 'CALLBACK_DUPLICATE', detail: { ...detail, duplicateOf: first } }, false));
    }
    const late = (rule: string): CallbackResult => ({
      ...result(token, 'LATE', this.record(token, key, { ...base(), kind: 'CALLBACK_LATE', detail: { ...detail, rule, stateAtArrival: token.state } })),
      rule,
    });

    if (token.state === 'DELETED') {
      const recorded = store.storedEvents(token.virtualCardId).some((event) => event.kind === 'DIGITIZATION_CANCELED');
      if (token.digitizationOutcome !== 'CANCELED' || recorded) return late(token.digitizationOutcome === 'CANCELED' ? 'STEP_UP_CANCELED' : 'TOKEN_DELETED');
      // The delete during step-up came first; this is the platform's word that it was a cancellation.
      const event = this.record(token, key, { ...base(), kind: 'DIGITIZATION_CANCELED', reasonCode: 'USER_CANCELED', detail });
      return result(token, 'APPLIED', event);
    }
    if (token.state === 'ACTIVE' || token.state === 'SUSPENDED') return late('ALREADY_ACTIVATED');

    const canceled = token.levelOfTrust.decision === 'YELLOW';
    const declined = token.levelOfTrust.decision === 'RED';
    const after: Token = {
      ...token,
      state: 'DELETED',
      stateSince: at,
      lastChangedBy: incoming.actor,
      suspendedBy: [],
      ...(canceled ? { digitizationOutcome: 'CANCELED' as const } : declined ? { digitizationOutcome: 'DECLINED' as const } : {}),
    };
    const event = this.record(
      after,
      key,
      canceled
        ? { ...base(), kind: 'DIGITIZATION_CANCELED', reasonCode: 'USER_CANCELED', detail: { ...detail, ...(token.state === 'INACTIVE' ? { stepUpCanceled: true as const } : {}) } }
        : { ...base(), kind: 'DELETED', reasonCode: declined ? 'DIGITIZATION_DECLINED' : 'ENROLMENT_FAILED', detail },
    );
    this.notifier.send({ token: after, event: 'ACTIVATION_DECLINED', correlationId: incoming.correlationId, at: new Date(at) });
    return result(after, 'APPLIED', event);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Records the receipt and the event in one step; a duplicate's own event is not a receipt. */
  private record(token: Token, key: string, event: TokenEvent, asReceipt = true): TokenEvent {
    if (asReceipt) this.store.callbackReceipts.set(key, event.eventId);
    this.store.recordTokenChange({ token, event });
    return event;
  }

  private park(parked: ParkedCallback): CallbackResult {
    const virtualCardId = parked.body.virtualCardId ?? null;
    const same = (other: ParkedCallback): boolean => JSON.stringify({ ...other, receivedAt: '' }) === JSON.stringify({ ...parked, receivedAt: '' });
    // A copy of a parked callback is parked once: it is applied once, then its copies are duplicates.
    if (!this.store.parkedCallbacks.some(same)) {
      this.store.parkedCallbacks.push(parked);
      this.store.changed();
    }
    return { virtualCardId, outcome: 'PARKED', eventId: null, state: null };
  }

  private nothingYet(virtualCardId: string): CallbackResult {
    return { virtualCardId, outcome: 'APPLIED', eventId: null, state: this.store.tokens.get(virtualCardId)?.state ?? null };
  }

  /** Without a virtualCardId: DIGITIZE concerns the card's newest token still enrolling; the others every live token of the card. */
  private cardTargets(issuerCardRefId: string, body: CardOperationNotification): string[] {
    const tokens = this.store.tokensOfCard(issuerCardRefId);
    if (body.operation === 'DIGITIZE') {
      const enrolling = tokens.find((token) => token.state === 'DEPLOYMENT_ONGOING' || token.state === 'INACTIVE');
      return enrolling ? [enrolling.virtualCardId] : [];
    }
    return tokens.filter((token) => token.state !== 'DELETED').map((token) => token.virtualCardId);
  }

  /**
   * Who asked, as far as the issuer knows: the side the requestor type stands for, never one of
   * the issuer's agents. A CCI user's id is the platform's claim about a person on the network's
   * screen, not a sign-in here; it stays in the event's `requestorId`, as claimed text, and the
   * history words it as such (docs/domain.md, "Lifecycle changes from the wallet and the TSP").
   */
  private actorOfRequestor(requestorType: RequestorType): Actor {
    return { source: SOURCE_OF_REQUESTOR[requestorType] };
  }

  /** The agent's operation a callback from the issuer's side confirms: same correlation id, same operation. */
  private agentOperationFor(token: Token, incoming: IncomingChange): AgentOperation | null {
    if (incoming.source !== 'ISSUER' || incoming.action === 'DELETE_FROM_APP') return null;
    const operation = OPERATION_OF_ACTION[incoming.action];
    const events = this.store.storedEvents(token.virtualCardId);
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const event = events[i];
      if (!event || event.kind !== 'AGENT_ACTION' || event.correlationId !== incoming.correlationId) continue;
      if (event.detail.operation !== operation) continue;
      const { operationId, reasonSent } = event.detail;
      return { operation, operationId, actor: event.actor, reasonCode: event.reasonCode, reasonSent: reasonSent ?? null };
    }
    return null;
  }
}

const result = (token: Token, outcome: CallbackResult['outcome'], event: TokenEvent): CallbackResult => ({
  virtualCardId: token.virtualCardId,
  outcome,
  eventId: event.eventId,
  state: token.state,
});

const withTokenInfo = (token: Token, info: Pick<TokenInfo, 'expiry' | 'lastFour'>): Token => ({
  ...token,
  ...(info.lastFour ? { tokenLastFour: info.lastFour } : {}),
  ...(info.expiry ? { expiry: info.expiry } : {}),
});

/** Free text from the wallet (a device name) with any card-number run masked to its last four, before it is stored. */
export const masked = (text: string): string => maskCardNumbers(text).text;

/**
 * The wire body without the DPAN: nothing that could hold a card number reaches the store (the
 * identifiers were refused at the border if they looked like one).
 */
const withoutDpan = (body: NotifyVirtualCardChangeRequest): NotifyVirtualCardChangeRequest => {
  if (!body.tokenInfo) return body;
  const { dpan: _dpan, ...info } = body.tokenInfo;
  return { ...body, tokenInfo: info };
};

const changeFromWire = (body: NotifyVirtualCardChangeRequest, correlationId: string, receivedAt: string | undefined): IncomingChange => {
  return {
    channel: 'notifyVirtualCardChange',
    correlationId,
    virtualCardId: body.virtualCardId,
    action: body.action,
    source: body.source,
    errorCode: body.errorCode,
    tokenInfo: body.tokenInfo,
    wire: { walletProviderId: body.walletProviderId, tokenStorageId: body.tokenStorageId, isPrimary: body.isPrimary },
    receivedAt,
  };
};
