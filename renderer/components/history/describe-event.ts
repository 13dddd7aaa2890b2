import { NotificationEvent } from '../../../shared/api/notifications';
import type { EventDetail, TokenEvent, TokenEventOf } from '../../../shared/api/token-event';
import type { Actor, IdvMethod, TokenState } from '../../../shared/api/token-terms';
import type { Language } from '../../../shared/contract';
import { ACTION_OF_OPERATION, operationConfirmedBy, operationOfAction } from '../../../shared/domain/operation-events';
import { REASON_CODES } from '../../../shared/domain/reason-codes';
import type { TokenOperation } from '../../../shared/domain/transitions';
import type { MessageKey } from '../../../shared/i18n';
import { formatEventTime, formatList } from '../../format/date-time';
import {
  channelKey,
  decisionReasonKey,
  errorCodeKey,
  historyActorKey,
  historyDeviceTypeKey,
  historyIdvKey,
  historySourceLabelKey,
  historyWalletKey,
  keyFor,
  operationKey,
  reasonKey,
  templateKey,
  tokenStateLabelKey,
} from '../../i18n/lookup-label-keys';
import { eventLabelKey, languageLabelKey } from '../admin/label-keys';

/** The i18n lookup the builders need: a key and its values, already in the UI language. */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string>>) => string;

type Detail = TokenEvent['detail'];

/** A code in words when it is known, else the code itself. */
const label = (t: Translate, map: Readonly<Record<string, MessageKey>>, code: string): string => {
  const key = keyFor(map, code);
  return key === undefined ? code : t(key);
};

const agentName = (actor: Actor): string | undefined => actor.agentName ?? actor.agentId;

/** Who the platform says asked for it (D1 card-operation notifications), when it said. */
const requestorOf = (detail: Detail | undefined): string | undefined => (detail !== undefined && 'requestorType' in detail ? detail.requestorType : undefined);

/**
 * The CCI user's id as the platform gave it. It is the platform's claim about a person on the
 * network's screen, never a sign-in of ours, so it is shown as that claim and never as one of the
 * issuer's agents (whatever an older record's actor says).
 */
const claimedRequestor = (detail: Detail | undefined): string | undefined =>
  detail !== undefined && 'requestorId' in detail ? (detail.requestorId ?? undefined) : undefined;

/**
 * Who acted, as the subject of a sentence
 * (docs/domain.md, "Lifecycle changes from the wallet and the TSP"): a wallet change is the
 * cardholder's, made in the wallet app or the wallet provider's portal; an issuer change through
 * the network's customer care interface (CCI) names the CCI user as the platform claims them; D1
 * is the platform itself; otherwise "the TSP", "agent 佐藤".
 */
const actorText = (actor: Actor, t: Translate, detail?: Detail): string => {
  const name = agentName(actor);
  const requestor = requestorOf(detail);
  if (requestor === 'CCI') {
    const id = claimedRequestor(detail);
    return id !== undefined ? t('notifications.callbacks.who.cciClaimed', { id }) : t('notifications.callbacks.who.cci');
  }
  if (requestor === 'D1') return t('notifications.callbacks.who.platform');
  if (actor.source === 'WALLET') return t('notifications.callbacks.who.wallet');
  return actor.source === 'ISSUER' && name !== undefined ? t('history.actor.agent', { name }) : t(historyActorKey[actor.source]);
};

/** Who acted, for the row's source column: "ウォレット", "エージェント 佐藤 美咲", "CCIユーザー cci.user01（プラットフォームの申告）". */
export const sourceText = (actor: Actor, t: Translate, detail?: Detail): string => {
  const name = agentName(actor);
  const claimed = requestorOf(detail) === 'CCI' ? claimedRequestor(detail) : undefined;
  if (claimed !== undefined) return t('notifications.callbacks.source.cciClaimed', { id: claimed });
  return actor.source === 'ISSUER' && name !== undefined ? t('history.source.agentNamed', { name }) : t(historySourceLabelKey[actor.source]);
};

/** A device type and the name the wallet gave it, if any. */
const device = ({ deviceType, deviceName }: EventDetail<'DIGITIZATION_REQUESTED'>, t: Translate): string => {
  const type = label(t, historyDeviceTypeKey, deviceType);
  return deviceName !== null && deviceName.trim() !== '' ? t('history.sentence.device', { name: deviceName, type }) : type;
};

const methodsText = (methods: readonly IdvMethod[], t: Translate, language: Language): string =>
  formatList(
    methods.map((code) => label(t, historyIdvKey, code)),
    language,
  );

const decision = ({ detail }: TokenEventOf<'DIGITIZATION_DECIDED'>, t: Translate, language: Language): string[] => {
  const reasons = detail.reasons.map((code) => label(t, decisionReasonKey, code));
  const why = reasons.length > 0 ? [t('history.sentence.decisionReasons', { reasons: formatList(reasons, language) })] : [];
  switch (detail.decision) {
    case 'GREEN':
      return [t('history.sentence.decidedGreen'), ...why];
    case 'YELLOW':
      return [
        detail.idvMethods.length > 0
          ? t('history.sentence.decidedYellow', { methods: methodsText(detail.idvMethods, t, language) })
          : t('history.sentence.decidedYellowNoMethods'),
        ...why,
      ];
    case 'RED':
      return [t('history.sentence.decidedRed'), ...why];
  }
};

const stepUp = ({ idvMethod, idvMethods }: EventDetail<'STEP_UP_STARTED'>, t: Translate, language: Language): string => {
  if (idvMethod !== undefined) return t('history.sentence.stepUpMethod', { method: label(t, historyIdvKey, idvMethod) });
  if (idvMethods !== undefined && idvMethods.length > 0) return t('history.sentence.stepUpOffered', { methods: methodsText(idvMethods, t, language) });
  return t('history.sentence.stepUpPlain');
};

/** What a callback event is about: the platform's action (ACTIVATE…), or the D1 card operation, or the agent's operation. */
type CallbackDetail = EventDetail<'CALLBACK_DUPLICATE' | 'CALLBACK_LATE' | 'OPERATION_FAILED'>;

/** The code the history words an operation by: the agent's operations are the platform's actions. */
const actionCode = (detail: CallbackDetail): string | undefined => {
  if (detail.action !== undefined) return detail.action;
  if (detail.cardOperation !== undefined) return detail.cardOperation;
  return 'operation' in detail && detail.operation !== undefined ? ACTION_OF_OPERATION[detail.operation] : undefined;
};

/** The callback's action in words. */
const callbackOperation = (detail: CallbackDetail, t: Translate): string => {
  const code = actionCode(detail);
  return code === undefined ? t('notifications.callbacks.operationUnknown') : label(t, operationKey, code);
};

/** A token state in words ("削除済み"). */
const stateText = (state: TokenState | undefined, t: Translate): string | undefined => (state === undefined ? undefined : label(t, tokenStateLabelKey, state));

const operationFailed = (detail: EventDetail<'OPERATION_FAILED'>, t: Translate): string[] => {
  const head = t('history.sentence.operationFailed', { operation: callbackOperation(detail, t) });
  const code = detail.errorCode;
  const state = stateText(detail.state, t);
  const rule = detail.rule;
  if (code === undefined && rule !== undefined) {
    // The TSP's answer came after the token had changed another way: refused by the state rules, not lost on the way.
    return [head, t('notifications.callbacks.history.refusedRule', { rule, state: state ?? t('notifications.callbacks.history.stateUnknown') })];
  }
  // The agent must see that the action never reached the device and nothing changed.
  const kept = state === undefined ? t('notifications.callbacks.history.notReached') : t('notifications.callbacks.history.notReachedState', { state });
  if (code === undefined) return [head, kept];
  const meaning = keyFor(errorCodeKey, code);
  return [head, meaning === undefined ? t('history.sentence.errorCodeUnknown', { code }) : t('history.sentence.errorCode', { code, meaning: t(meaning) }), kept];
};

/** Why a late callback was ignored, by the ordering rule's own reasons; the transition table's by name. */
const LATE_RULE_KEY = {
  TOKEN_DELETED: 'notifications.callbacks.history.lateDeleted',
  STEP_UP_CANCELED: 'notifications.callbacks.history.lateStepUpCanceled',
  ALREADY_ACTIVATED: 'notifications.callbacks.history.lateAlreadyActive',
} as const satisfies Record<string, MessageKey>;

const lateCallback = (detail: EventDetail<'CALLBACK_LATE'>, t: Translate): string[] => {
  const operation = callbackOperation(detail, t);
  const head = t('notifications.callbacks.history.late', { operation, state: label(t, tokenStateLabelKey, detail.stateAtArrival) });
  const why = keyFor(LATE_RULE_KEY, detail.rule);
  return [head, why === undefined ? t('notifications.callbacks.history.lateRule', { rule: detail.rule }) : t(why)];
};

const isNotificationEvent = (code: string): code is NotificationEvent => (NotificationEvent.options as readonly string[]).includes(code);

/** The template in words: the page-003 events, or the older names the seeded history uses. */
const templateText = (template: string, t: Translate): string =>
  isNotificationEvent(template) ? t(eventLabelKey[template]) : label(t, templateKey, template);

/** Mid-sentence ("by email"), as the history words it. */
const channelText = (channel: string, t: Translate): string => label(t, channelKey, channel);

/**
 * What the platform sent the cardholder (docs/domain.md, "Cardholder notifications"): channel,
 * template, language, the masked destination and the text as sent; or why nothing was sent.
 */
const notified = (detail: EventDetail<'NOTIFICATION_SENT'>, t: Translate): string[] => {
  const { channel, template, language, destination, subject } = detail;
  const sent = detail.text;
  switch (detail.status) {
    case 'OFF':
      return [t('notifications.callbacks.history.notificationOff', { template: templateText(template, t) })];
    case 'NO_CHANNEL':
      return [t('notifications.callbacks.history.notificationNoChannel')];
    case 'NOT_SENT':
      return [t('notifications.callbacks.history.notificationNotSent', { template: templateText(template, t) })];
    case 'QUEUED':
      break;
  }
  if (channel === null) return [t('history.sentence.notifiedPlain')];
  // Seeded histories record only the channel and the template.
  if (language === undefined || destination === undefined) {
    return [t('history.sentence.notified', { channel: channelText(channel, t), template: templateText(template, t) })];
  }
  const values = {
    channel: channelText(channel, t),
    template: templateText(template, t),
    language: t(languageLabelKey[language]),
    destination,
  };
  return [
    t('notifications.callbacks.history.notificationSent', values),
    ...(subject !== undefined && subject !== null && subject !== '' ? [t('notifications.callbacks.history.notificationSubject', { subject })] : []),
    ...(sent !== undefined && sent !== '' ? [t('notifications.callbacks.history.notificationText', { text: sent })] : []),
  ];
};

const agentAction = ({ actor, detail }: TokenEventOf<'AGENT_ACTION'>, t: Translate): string[] => {
  const agent = agentName(actor) ?? t('history.source.agent');
  const sentence = t('history.sentence.agentAction', { agent, operation: label(t, operationKey, detail.operation) });
  // Four-eyes: the backend ran it under the requester's name once a supervisor approved it.
  return detail.approvedBy === undefined ? [sentence] : [sentence, t('approvals.history.approvedRun', { approver: detail.approvedBy.agentName })];
};

type ApprovalEvent = TokenEventOf<'APPROVAL_REQUESTED' | 'APPROVAL_GRANTED' | 'APPROVAL_REJECTED' | 'APPROVAL_EXPIRED'>;

/** A step of a four-eyes request: who asked for which operation, and who decided (or that nobody did in time). */
const approval = (event: ApprovalEvent, t: Translate, language: Language): string => {
  const values = { agent: event.detail.requestedBy.agentName, operation: label(t, operationKey, event.detail.operation) };
  switch (event.kind) {
    case 'APPROVAL_REQUESTED':
      return t('approvals.history.requested', { ...values, time: formatEventTime(event.detail.expiresAt, language) });
    case 'APPROVAL_GRANTED':
      return t('approvals.history.granted', { ...values, approver: event.detail.decidedBy.agentName });
    case 'APPROVAL_REJECTED':
      return t('approvals.history.rejected', { ...values, approver: event.detail.decidedBy.agentName });
    case 'APPROVAL_EXPIRED':
      return t('approvals.history.expired', values);
  }
};

/** The sentences that say what happened, before the reason and the comment. */
const headline = (event: TokenEvent, t: Translate, language: Language): string[] => {
  const actor = actorText(event.actor, t, event.detail);
  switch (event.kind) {
    case 'DIGITIZATION_REQUESTED':
      return [t('history.sentence.requested', { wallet: label(t, historyWalletKey, event.detail.walletProviderId), device: device(event.detail, t) })];
    case 'DIGITIZATION_DECIDED':
      return decision(event, t, language);
    case 'DIGITIZATION_CANCELED':
      return [t('history.sentence.canceled')];
    case 'STEP_UP_STARTED':
      return [stepUp(event.detail, t, language)];
    case 'ACTIVATED': {
      const method = event.detail.idvMethod;
      return [t('history.sentence.activated', { actor }), ...(method === undefined ? [] : [t('history.sentence.verifiedBy', { method: label(t, historyIdvKey, method) })])];
    }
    case 'SUSPENDED':
      return [t('history.sentence.suspended', { actor })];
    case 'RESUMED':
      return [t('history.sentence.resumed', { actor })];
    case 'DELETED':
      return [t('history.sentence.deleted', { actor }), ...stepUpCanceled(event.detail, t)];
    case 'DELETED_FROM_APP':
      return [t('history.sentence.deletedFromApp'), ...stepUpCanceled(event.detail, t)];
    case 'OPERATION_FAILED':
      return operationFailed(event.detail, t);
    case 'NOTIFICATION_SENT':
      return notified(event.detail, t);
    case 'AGENT_ACTION':
      return agentAction(event, t);
    case 'CALLBACK_DUPLICATE':
      return [t('notifications.callbacks.history.duplicate', { operation: callbackOperation(event.detail, t) })];
    case 'CALLBACK_LATE':
      return lateCallback(event.detail, t);
    case 'APPROVAL_REQUESTED':
    case 'APPROVAL_GRANTED':
    case 'APPROVAL_REJECTED':
    case 'APPROVAL_EXPIRED':
      return [approval(event, t, language)];
  }
};

/** A deletion while the token waited for step-up: the step-up stopped with it (docs/domain.md, "Canceled and declined enrolments"). */
const stepUpCanceled = (detail: EventDetail<'DELETED' | 'DELETED_FROM_APP'>, t: Translate): string[] =>
  detail.stepUpCanceled === true ? [t('notifications.callbacks.history.stepUpCanceled')] : [];

/**
 * A callback that came for a token not known yet, kept and applied when the token appeared: when
 * it really arrived, since the row's time is when it was applied.
 */
const parkedNote = (event: TokenEvent, t: Translate, language: Language, timeZone?: string): string[] => {
  const receivedAt = 'receivedAt' in event.detail ? event.detail.receivedAt : undefined;
  if (receivedAt === undefined) return [];
  return [t('notifications.callbacks.history.parked', { time: formatEventTime(receivedAt, language, timeZone) })];
};

/** The operation an event is about, which gives a one-letter reason code its meaning. */
const operationOf = (event: TokenEvent): TokenOperation | null => {
  const confirmed = operationConfirmedBy(event.kind);
  if (confirmed !== null) return confirmed;
  switch (event.kind) {
    case 'AGENT_ACTION':
      return event.detail.operation;
    case 'OPERATION_FAILED':
    case 'CALLBACK_DUPLICATE':
    case 'CALLBACK_LATE': {
      const code = actionCode(event.detail);
      return code === undefined ? null : operationOfAction(code);
    }
    default:
      return null;
  }
};

/**
 * A reason in words. MDES sends one-letter codes (`C`, `L`, …) whose meaning depends on the
 * operation; the shared reason table maps a letter back to our code when it names exactly one.
 */
const reasonText = (event: TokenEvent, code: string, t: Translate): string => {
  const known = keyFor(reasonKey, code);
  if (known !== undefined) return t(known);
  const operation = operationOf(event);
  if (operation !== null && /^[A-Z]$/.test(code)) {
    const matches = REASON_CODES[operation].filter((reason) => reason.mdes === code);
    const only = matches.length === 1 ? keyFor(reasonKey, matches[0]?.code) : undefined;
    if (only !== undefined) return t(only);
  }
  return code;
};

/** Kinds whose reason code only repeats what the sentence says already. */
const REASON_IMPLIED: ReadonlySet<TokenEvent['kind']> = new Set(['DIGITIZATION_CANCELED', 'DIGITIZATION_DECIDED', 'CALLBACK_DUPLICATE', 'CALLBACK_LATE']);

/** One short plain paragraph per event, in the UI language: what happened, why, and the agent's comment. */
export const describeEvent = (event: TokenEvent, t: Translate, language: Language, timeZone?: string): string => {
  const parts = [...headline(event, t, language), ...parkedNote(event, t, language, timeZone)];
  if (event.reasonCode !== undefined && !REASON_IMPLIED.has(event.kind)) {
    parts.push(t('history.sentence.reason', { reason: reasonText(event, event.reasonCode, t) }));
  }
  if (event.comment !== undefined && event.comment.trim() !== '') parts.push(t('history.sentence.comment', { comment: event.comment.trim() }));
  return parts.join(SENTENCE_SEPARATOR[language]);
};

/** Japanese runs sentences on after 。; English puts a space after the full stop. Typography, not text. */
const SENTENCE_SEPARATOR: Readonly<Record<Language, string>> = { ja: '', en: ' ' };
