import type { VirtualCardAction } from '../../shared/api/callbacks';
import type { Actor, ChangeSource, Decision, Device, IdvMethod, LevelOfTrust, Token, TokenRequestor, TokenState } from '../../shared/api/model';
import type { EventDetail, EventKind, TokenEvent, TokenEventOf } from '../../shared/api/token-event';
import type { TokenOperation } from '../../shared/domain/transitions';
import { GREEN_REASONS, HISTORY_AGENTS, ISSUER_COMMENTS, RED_REASONS, YELLOW_REASONS } from './catalogue';
import type { Prng } from './prng';

/**
 * Token histories as the platform reports them (docs/domain.md: callbacks, states, the transition table):
 * each scenario is a realistic sequence of events, and the token's state, `stateSince`,
 * `lastChangedBy` and `suspendedBy` are worked out from those events, so the two always agree.
 */
export type Scenario =
  | 'PENDING'
  | 'INACTIVE_YELLOW'
  | 'ACTIVE_GREEN'
  | 'ACTIVE_OTP'
  | 'ACTIVE_OPTION_D'
  | 'ACTIVE_RESUMED'
  | 'ACTIVE_OPERATION_FAILED'
  | 'SUSPENDED_WALLET'
  | 'SUSPENDED_ISSUER'
  | 'SUSPENDED_TSP'
  | 'SUSPENDED_WALLET_AND_ISSUER'
  | 'DELETED_WALLET'
  | 'DELETED_FROM_APP'
  | 'DELETED_ISSUER'
  | 'DELETED_TSP'
  | 'DELETED_CARD_CLOSED'
  | 'CANCELED'
  | 'DECLINED_RED';

export interface TokenDraft {
  /** Numbers the token's event ids. */
  readonly serial: number;
  readonly virtualCardId: string;
  readonly issuerCardRefId: string;
  readonly cardholderId: string;
  readonly tokenRequestor: TokenRequestor;
  readonly device: Device;
  readonly tokenLastFour: string;
  readonly fundingLastFour: string;
  readonly expiry: string;
  readonly isPrimary: boolean;
  readonly enrolmentCorrelationId: string;
  /** The decision's reasons when a fixture needs them fixed (its risk rules depend on them); drawn otherwise. */
  readonly levelOfTrustReasons?: readonly string[] | undefined;
  readonly requestedAt: Date;
  /** Nothing in the history happens at or after this instant (the seed epoch). */
  readonly until: Date;
}

const WALLET: Actor = { source: 'WALLET' };
const TSP: Actor = { source: 'TSP' };
const ISSUER_SYSTEM: Actor = { source: 'ISSUER' };

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export const eventIdOf = (serial: number, seq: number): string => `EV${pad(serial, 5)}T${pad(seq, 6)}`;

/** The id the backend gave the agent's operation recorded at this position, as stable as the event's own. */
const operationIdOf = (serial: number, seq: number): string => `OP${pad(serial, 5)}T${pad(seq, 6)}`;

/** A correlation id for one life-cycle operation; letters keep digit runs short. */
const lcmCorrelationId = (prng: Prng): string => `lcm-${prng.letters(6).toLowerCase()}-${prng.digits(4)}-${prng.letters(6).toLowerCase()}`;

interface EventOptions<K extends EventKind> {
  readonly reasonCode?: string;
  readonly comment?: string;
  readonly correlationId?: string;
  readonly detail: EventDetail<K>;
}

/** The agent's operation an event answers, as the TSP's confirmation or failure records it. */
interface AgentOperationRef {
  readonly operation: TokenOperation;
  readonly operationId: string;
}

class Timeline {
  readonly events: TokenEvent[] = [];
  state: TokenState = 'DEPLOYMENT_ONGOING';
  stateSince: string;
  lastChangedBy: Actor = WALLET;
  suspendedBy: ChangeSource[] = [];
  levelOfTrust: LevelOfTrust | null = null;
  private time: number;

  constructor(
    private readonly draft: TokenDraft,
    readonly prng: Prng,
  ) {
    this.time = draft.requestedAt.getTime();
    this.stateSince = draft.requestedAt.toISOString();
  }

  /** Moves the clock on by a number of seconds. */
  wait(seconds: number): this {
    this.time += seconds * 1000;
    return this;
  }

  /** Moves the clock on by a share of the time left before the seed epoch. */
  later(share: number): this {
    this.time += Math.floor((this.draft.until.getTime() - 60_000 - this.time) * share);
    return this;
  }

  private setState(state: TokenState, at: string): void {
    if (this.state !== state) this.stateSince = at;
    this.state = state;
  }

  add<K extends EventKind>(kind: K, actor: Actor, options: EventOptions<K>): this {
    const at = new Date(Math.min(this.time, this.draft.until.getTime() - 1000)).toISOString();
    // Each kind's detail is checked by the options' type; TypeScript cannot follow K into the union member.
    const event = {
      eventId: eventIdOf(this.draft.serial, this.events.length),
      virtualCardId: this.draft.virtualCardId,
      occurredAt: at,
      kind,
      actor,
      correlationId: options.correlationId ?? this.draft.enrolmentCorrelationId,
      ...(options.reasonCode ? { reasonCode: options.reasonCode } : {}),
      ...(options.comment ? { comment: options.comment } : {}),
      detail: options.detail,
    } as TokenEventOf<K>;
    this.events.push(event);
    switch (kind) {
      case 'DIGITIZATION_REQUESTED':
        this.setState('DEPLOYMENT_ONGOING', at);
        break;
      case 'ACTIVATED':
        this.suspendedBy = [];
        this.setState('ACTIVE', at);
        this.lastChangedBy = actor;
        break;
      case 'SUSPENDED':
        if (!this.suspendedBy.includes(actor.source)) this.suspendedBy.push(actor.source);
        this.setState('SUSPENDED', at);
        this.lastChangedBy = actor;
        break;
      case 'RESUMED':
        // Each party lifts only its own suspension; the token is active when none is left.
        this.suspendedBy = this.suspendedBy.filter((source) => source !== actor.source);
        if (this.suspendedBy.length === 0) this.setState('ACTIVE', at);
        this.lastChangedBy = actor;
        break;
      case 'DELETED':
      case 'DELETED_FROM_APP':
      case 'DIGITIZATION_CANCELED':
        // Deleting from the wallet app deletes the token too (docs/domain.md, "Enrolment failures").
        this.suspendedBy = [];
        this.setState('DELETED', at);
        this.lastChangedBy = actor;
        break;
      default:
        // Requests, decisions, step-up, notifications and failures leave the state as it is.
        break;
    }
    return this;
  }

  /**
   * Records the agent's operation as the backend accepts it (AGENT_ACTION, with the operation's
   * id) and returns the operation, for the TSP's answer to carry.
   */
  agentAction(actor: Actor, operation: TokenOperation, options: Omit<EventOptions<'AGENT_ACTION'>, 'detail'> & { readonly idvMethod?: IdvMethod }): AgentOperationRef {
    const answered = { operation, operationId: operationIdOf(this.draft.serial, this.events.length) };
    const { idvMethod, ...rest } = options;
    this.add('AGENT_ACTION', actor, { ...rest, detail: { ...answered, status: 'ACCEPTED', ...(idvMethod ? { idvMethod } : {}) } });
    return answered;
  }

  decide(decision: Decision, idvMethods: IdvMethod[], drawn: string[]): this {
    // The reasons are drawn either way, so fixing them for a fixture leaves every later draw alone.
    const reasons = this.draft.levelOfTrustReasons ? [...this.draft.levelOfTrustReasons] : drawn;
    const at = new Date(this.time).toISOString();
    this.levelOfTrust = { decision, idvMethods, reasons, decidedAt: at };
    this.add('DIGITIZATION_DECIDED', ISSUER_SYSTEM, { detail: { decision, idvMethods, reasons } });
    // A yellow token is provisioned but unusable until the step-up is done.
    if (decision === 'YELLOW') this.setState('INACTIVE', at);
    return this;
  }

  notify(template: string, channel: 'SMS' | 'EMAIL', correlationId?: string): this {
    return this.add('NOTIFICATION_SENT', TSP, { detail: { status: 'QUEUED', channel, template }, ...(correlationId ? { correlationId } : {}) });
  }
}

const pickSome = <T>(prng: Prng, items: readonly T[], min: number, max: number): T[] => {
  const pool = [...items];
  const out: T[] = [];
  const count = prng.int(min, Math.min(max, pool.length));
  while (out.length < count) {
    const index = prng.int(0, pool.length - 1);
    const [item] = pool.splice(index, 1);
    if (item !== undefined) out.push(item);
  }
  return out;
};

const channelOf = (prng: Prng): 'SMS' | 'EMAIL' => (prng.chance(0.7) ? 'SMS' : 'EMAIL');

const requestDetail = (draft: TokenDraft): EventDetail<'DIGITIZATION_REQUESTED'> => ({
  walletProviderId: draft.tokenRequestor.walletProviderId,
  tokenRequestorId: draft.tokenRequestor.tokenRequestorId,
  deviceType: draft.device.type,
  deviceName: draft.device.name,
  isPrimary: draft.isPrimary,
});

/** A life-cycle callback's record; with the agent's operation when it answers one (the TSP confirming it). */
const lcmDetail = <A extends VirtualCardAction>(draft: TokenDraft, action: A, source: ChangeSource, answered?: AgentOperationRef) => ({
  action,
  source,
  walletProviderId: draft.tokenRequestor.walletProviderId,
  isPrimary: draft.isPrimary,
  ...(answered ? { ...answered, confirmedBy: 'TSP' as const } : {}),
});

/** The platform's DIGITIZE FAILED notice that ended an enrolment. */
const digitizeFailed = { cardOperation: 'DIGITIZE', status: 'FAILED' } as const;

const greenEnrolment = (tl: Timeline, draft: TokenDraft): Timeline =>
  tl
    .add('DIGITIZATION_REQUESTED', WALLET, { detail: requestDetail(draft) })
    .wait(tl.prng.int(1, 4))
    .decide('GREEN', [], pickSome(tl.prng, GREEN_REASONS, 1, 2))
    .wait(tl.prng.int(5, 90))
    .add('ACTIVATED', TSP, { detail: lcmDetail(draft, 'ACTIVATE', 'TSP') })
    .wait(tl.prng.int(5, 60))
    .notify('ACTIVATION_CONFIRMATION', channelOf(tl.prng));

/** Yellow methods: the wallet offers OTP; CUSTOMER_SERVICE is Option D, the console's job. */
const yellowMethods = (prng: Prng, draft: TokenDraft, withCustomerService: boolean): IdvMethod[] => {
  const otp: IdvMethod[] = draft.tokenRequestor.walletProviderId === 'MERCHANT' ? ['EMAIL_OTP'] : pickSome(prng, ['SMS_OTP', 'EMAIL_OTP', 'ISSUER_APP'] as const, 1, 2);
  return withCustomerService ? [...otp, 'CUSTOMER_SERVICE'] : otp;
};

const yellowEnrolment = (tl: Timeline, draft: TokenDraft, methods: IdvMethod[]): Timeline =>
  tl
    .add('DIGITIZATION_REQUESTED', WALLET, { detail: requestDetail(draft) })
    .wait(tl.prng.int(1, 4))
    .decide('YELLOW', methods, pickSome(tl.prng, YELLOW_REASONS, 1, 3));

const anAgent = (prng: Prng): Actor => {
  const agent = prng.pick(HISTORY_AGENTS);
  return { source: 'ISSUER', agentId: agent.agentId, agentName: agent.agentName };
};

const suspendBy = (tl: Timeline, draft: TokenDraft, source: ChangeSource): Timeline => {
  const correlationId = lcmCorrelationId(tl.prng);
  if (source === 'ISSUER') {
    const agent = anAgent(tl.prng);
    const reasonCode = tl.prng.pick(['FRAUD_SUSPECTED', 'DEVICE_LOST', 'ISSUER_DECISION']);
    const comment = tl.prng.pick(ISSUER_COMMENTS);
    const answered = tl.agentAction(agent, 'suspend', { reasonCode, comment, correlationId });
    return tl.wait(tl.prng.int(2, 20)).add('SUSPENDED', agent, { reasonCode, correlationId, detail: lcmDetail(draft, 'SUSPEND', 'ISSUER', answered) });
  }
  const reasonCode = source === 'TSP' ? 'FRAUD_SUSPECTED' : tl.prng.pick(['DEVICE_LOST', 'USER_DECISION']);
  return tl.add('SUSPENDED', { source }, { reasonCode, correlationId, detail: lcmDetail(draft, 'SUSPEND', source) });
};

const deleteBy = (tl: Timeline, draft: TokenDraft, source: ChangeSource, reasonCode: string): Timeline => {
  const correlationId = lcmCorrelationId(tl.prng);
  const actor = source === 'ISSUER' ? anAgent(tl.prng) : { source };
  const answered = source === 'ISSUER' ? tl.agentAction(actor, 'delete', { reasonCode, comment: tl.prng.pick(ISSUER_COMMENTS), correlationId }) : undefined;
  if (answered) tl.wait(tl.prng.int(2, 20));
  return tl
    .add('DELETED', actor, { reasonCode, correlationId, detail: lcmDetail(draft, 'DELETE', source, answered) })
    .wait(tl.prng.int(5, 120))
    .notify('DELETION_CONFIRMATION', channelOf(tl.prng), correlationId);
};

const play = (tl: Timeline, draft: TokenDraft, scenario: Scenario): void => {
  const prng = tl.prng;
  switch (scenario) {
    case 'PENDING':
      // Approved; the TSP is still provisioning the token to the device (DEPLOYMENT_ONGOING).
      tl.add('DIGITIZATION_REQUESTED', WALLET, { detail: requestDetail(draft) })
        .wait(prng.int(1, 4))
        .decide('GREEN', [], pickSome(prng, GREEN_REASONS, 1, 2));
      return;
    case 'INACTIVE_YELLOW': {
      const methods = yellowMethods(prng, draft, true);
      yellowEnrolment(tl, draft, methods)
        .wait(prng.int(10, 120))
        .add('STEP_UP_STARTED', WALLET, { detail: { idvMethods: methods } });
      // The platform reminds the user after 24 hours of inactivity (docs/domain.md, "Cardholder notifications").
      if (draft.until.getTime() - draft.requestedAt.getTime() > 25 * 3600_000) tl.wait(24 * 3600).notify('AUTHENTICATION_REMINDER', channelOf(prng));
      return;
    }
    case 'ACTIVE_GREEN':
      greenEnrolment(tl, draft);
      return;
    case 'ACTIVE_OTP': {
      const methods = yellowMethods(prng, draft, prng.chance(0.5));
      const used = methods[0] ?? 'SMS_OTP';
      yellowEnrolment(tl, draft, methods)
        .wait(prng.int(10, 90))
        .add('STEP_UP_STARTED', WALLET, { detail: { idvMethod: used } })
        .wait(prng.int(30, 600))
        .add('ACTIVATED', TSP, { detail: { ...lcmDetail(draft, 'ACTIVATE', 'TSP'), idvMethod: used } })
        .wait(prng.int(5, 60))
        .notify('ACTIVATION_CONFIRMATION', channelOf(prng));
      return;
    }
    case 'ACTIVE_OPTION_D': {
      const methods = yellowMethods(prng, draft, true);
      const agent = anAgent(prng);
      const correlationId = lcmCorrelationId(prng);
      yellowEnrolment(tl, draft, methods)
        .wait(prng.int(10, 90))
        .add('STEP_UP_STARTED', WALLET, { detail: { idvMethod: 'CUSTOMER_SERVICE' } })
        .wait(prng.int(600, 36_000));
      const answered = tl.agentAction(agent, 'activate', { reasonCode: 'C', comment: 'お客様よりお電話。本人確認のうえ有効化。', correlationId, idvMethod: 'CUSTOMER_SERVICE' });
      tl.wait(prng.int(2, 30))
        .add('ACTIVATED', agent, { reasonCode: 'C', correlationId, detail: lcmDetail(draft, 'ACTIVATE', 'ISSUER', answered) })
        .wait(prng.int(5, 60))
        .notify('ACTIVATION_CONFIRMATION', channelOf(prng), correlationId);
      return;
    }
    case 'ACTIVE_RESUMED': {
      greenEnrolment(tl, draft).later(0.5);
      const correlationId = lcmCorrelationId(prng);
      tl.add('SUSPENDED', WALLET, { reasonCode: 'DEVICE_LOST', correlationId, detail: lcmDetail(draft, 'SUSPEND', 'WALLET') })
        .later(0.2)
        .add('RESUMED', WALLET, { reasonCode: 'DEVICE_FOUND', correlationId: lcmCorrelationId(prng), detail: lcmDetail(draft, 'RESUME', 'WALLET') });
      return;
    }
    case 'ACTIVE_OPERATION_FAILED': {
      greenEnrolment(tl, draft).later(0.6);
      const agent = anAgent(prng);
      const correlationId = lcmCorrelationId(prng);
      // errorCode 221: the device could not be reached after retries.
      const answered = tl.agentAction(agent, 'suspend', { reasonCode: 'DEVICE_LOST', correlationId });
      tl.wait(prng.int(60, 600)).add('OPERATION_FAILED', TSP, {
        reasonCode: 'DEVICE_LOST',
        correlationId,
        detail: { action: 'SUSPEND', ...answered, errorCode: '221', description: 'device unreachable after retries' },
      });
      return;
    }
    case 'SUSPENDED_WALLET':
      suspendBy(greenEnrolment(tl, draft).later(0.7), draft, 'WALLET');
      return;
    case 'SUSPENDED_ISSUER':
      suspendBy(greenEnrolment(tl, draft).later(0.7), draft, 'ISSUER');
      return;
    case 'SUSPENDED_TSP':
      suspendBy(greenEnrolment(tl, draft).later(0.7), draft, 'TSP');
      return;
    case 'SUSPENDED_WALLET_AND_ISSUER':
      // MDES: the second party is added to the suspenders; each lifts only its own suspension.
      suspendBy(suspendBy(greenEnrolment(tl, draft).later(0.6), draft, 'WALLET').later(0.3), draft, 'ISSUER');
      return;
    case 'DELETED_WALLET':
      deleteBy(greenEnrolment(tl, draft).later(0.6), draft, 'WALLET', 'USER_DECISION');
      return;
    case 'DELETED_FROM_APP': {
      // The wallet user deletes it in the app; the TSP's DELETE of the same correlation id completes it.
      greenEnrolment(tl, draft).later(0.6);
      const correlationId = lcmCorrelationId(prng);
      tl.add('DELETED_FROM_APP', WALLET, { reasonCode: 'USER_DECISION', correlationId, detail: lcmDetail(draft, 'DELETE_FROM_APP', 'WALLET') })
        .wait(prng.int(30, 600))
        .add('DELETED', TSP, { reasonCode: 'USER_DECISION', correlationId, detail: lcmDetail(draft, 'DELETE', 'TSP') });
      return;
    }
    case 'DELETED_ISSUER':
      deleteBy(greenEnrolment(tl, draft).later(0.6), draft, 'ISSUER', prng.pick(['CARD_LOST', 'CARD_STOLEN', 'FRAUD_CONFIRMED']));
      return;
    case 'DELETED_TSP':
      deleteBy(greenEnrolment(tl, draft).later(0.6), draft, 'TSP', 'DEVICE_RESET');
      return;
    case 'DELETED_CARD_CLOSED': {
      // Deleting the card deletes all its digital cards (docs/domain.md, "Operations and the transition table").
      greenEnrolment(tl, draft).later(0.8);
      const correlationId = lcmCorrelationId(prng);
      tl.add('DELETED', ISSUER_SYSTEM, { reasonCode: 'CLOSED_CARD', correlationId, detail: lcmDetail(draft, 'DELETE', 'ISSUER') });
      return;
    }
    case 'CANCELED': {
      // The user removed the inactive card during step-up; DIGITIZE/FAILED, shown as Canceled (docs/domain.md, "Canceled and declined enrolments").
      const methods = yellowMethods(prng, draft, prng.chance(0.5));
      yellowEnrolment(tl, draft, methods)
        .wait(prng.int(10, 90))
        .add('STEP_UP_STARTED', WALLET, { detail: { idvMethods: methods } })
        .wait(prng.int(120, 7200))
        .add('DIGITIZATION_CANCELED', TSP, { reasonCode: 'USER_CANCELED', detail: digitizeFailed });
      return;
    }
    case 'DECLINED_RED':
      tl.add('DIGITIZATION_REQUESTED', WALLET, { detail: requestDetail(draft) })
        .wait(prng.int(1, 4))
        .decide('RED', [], pickSome(prng, RED_REASONS, 1, 2))
        .wait(prng.int(1, 10))
        .add('DELETED', TSP, { reasonCode: 'DIGITIZATION_DECLINED', detail: digitizeFailed })
        .notify('DECLINE_CONFIRMATION', channelOf(prng));
      return;
  }
};

export const buildToken = (prng: Prng, draft: TokenDraft, scenario: Scenario): { token: Token; events: TokenEvent[] } => {
  const tl = new Timeline(draft, prng);
  play(tl, draft, scenario);
  const requestedAt = draft.requestedAt.toISOString();
  if (!tl.levelOfTrust) throw new Error(`scenario ${scenario} took no digitization decision`);
  const token: Token = {
    virtualCardId: draft.virtualCardId,
    issuerCardRefId: draft.issuerCardRefId,
    cardholderId: draft.cardholderId,
    tokenRequestor: draft.tokenRequestor,
    device: draft.device,
    tokenLastFour: draft.tokenLastFour,
    fundingLastFour: draft.fundingLastFour,
    expiry: draft.expiry,
    state: tl.state,
    stateSince: tl.stateSince,
    lastChangedBy: tl.lastChangedBy,
    suspendedBy: tl.suspendedBy,
    isPrimary: draft.isPrimary,
    levelOfTrust: tl.levelOfTrust,
    digitizedAt: requestedAt,
    enrolmentCorrelationId: draft.enrolmentCorrelationId,
    // How an enrolment that never became usable ended: canceled during step-up, or declined.
    ...(scenario === 'CANCELED' ? { digitizationOutcome: 'CANCELED' as const } : scenario === 'DECLINED_RED' ? { digitizationOutcome: 'DECLINED' as const } : {}),
  };
  return { token, events: tl.events };
};
