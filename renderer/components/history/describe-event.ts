import type { Actor, TokenEvent } from '../../../shared/api/model';
import { NotificationEvent } from '../../../shared/api/notifications';
import type { Language } from '../../../shared/contract';
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

/** A non-empty string field of the raw record, or undefined: `detail` is whatever the backend sent. */
const text = (detail: Detail, field: string): string | undefined => {
  const value = detail[field];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
};

/** Space-separated codes (`"SMS_OTP CUSTOMER_SERVICE"`), the way the record carries lists. */
const words = (detail: Detail, field: string): string[] => (text(detail, field) ?? '').split(/\s+/).filter((word) => word !== '');

/** A code in words when it is known, else the code itself. */
const label = (t: Translate, map: Readonly<Record<string, MessageKey>>, code: string): string => {
  const key = keyFor(map, code);
  return key === undefined ? code : t(key);
};

const agentName = (actor: Actor): string | undefined => actor.agentName ?? actor.agentId;

/** Who the platform says asked for it (D1 card-operation notifications), when it said. */
const requestorOf = (detail: Detail | undefined): string | undefined => (detail === undefined ? undefined : text(detail, 'requestorType'));

/**
 * Who acted, as the subject of a sentence (page 004): a wallet change is the cardholder's, made in
 * the wallet app or the wallet provider's portal; an issuer change through the network's customer
 * care interface (CCI) names the agent; D1 is the platform itself; otherwise "the TSP", "agent 佐藤".
 */
export const actorText = (actor: Actor, t: Translate, detail?: Detail): string => {
  const name = agentName(actor);
  const requestor = requestorOf(detail);
  if (requestor === 'CCI') return name !== undefined ? t('notifications.callbacks.who.cciAgent', { name }) : t('notifications.callbacks.who.cci');
  if (requestor === 'D1') return t('notifications.callbacks.who.platform');
  if (actor.source === 'WALLET') return t('notifications.callbacks.who.wallet');
  return actor.source === 'ISSUER' && name !== undefined ? t('history.actor.agent', { name }) : t(historyActorKey[actor.source]);
};

/** Who acted, for the row's source column: "ウォレット", "エージェント 佐藤 美咲", "エージェント 佐藤 美咲（CCI）". */
export const sourceText = (actor: Actor, t: Translate, detail?: Detail): string => {
  const name = agentName(actor);
  if (requestorOf(detail) === 'CCI' && name !== undefined) return t('notifications.callbacks.source.cciAgent', { name });
  return actor.source === 'ISSUER' && name !== undefined ? t('history.source.agentNamed', { name }) : t(historySourceLabelKey[actor.source]);
};

const device = (detail: Detail, t: Translate): string | undefined => {
  const typeCode = text(detail, 'deviceType');
  const type = typeCode === undefined ? undefined : label(t, historyDeviceTypeKey, typeCode);
  const name = text(detail, 'deviceName');
  if (type !== undefined && name !== undefined) return t('history.sentence.device', { name, type });
  return type ?? name;
};

const decision = (event: TokenEvent, t: Translate, language: Language): string[] => {
  const methods = words(event.detail, 'idvMethods').map((code) => label(t, historyIdvKey, code));
  const reasons = words(event.detail, 'reasons').map((code) => label(t, decisionReasonKey, code));
  const why = reasons.length > 0 ? [t('history.sentence.decisionReasons', { reasons: formatList(reasons, language) })] : [];
  switch (text(event.detail, 'decision')) {
    case 'GREEN':
      return [t('history.sentence.decidedGreen'), ...why];
    case 'YELLOW':
      return [
        methods.length > 0
          ? t('history.sentence.decidedYellow', { methods: formatList(methods, language) })
          : t('history.sentence.decidedYellowNoMethods'),
        ...why,
      ];
    case 'RED':
      return [t('history.sentence.decidedRed'), ...why];
    default:
      // A decision this console does not know: say what kind of event it is and keep the reasons.
      return [t('history.kind.digitizationDecided'), ...why];
  }
};

const stepUp = (detail: Detail, t: Translate, language: Language): string => {
  const used = text(detail, 'idvMethod');
  if (used !== undefined) return t('history.sentence.stepUpMethod', { method: label(t, historyIdvKey, used) });
  const offered = words(detail, 'idvMethods').map((code) => label(t, historyIdvKey, code));
  if (offered.length > 0) return t('history.sentence.stepUpOffered', { methods: formatList(offered, language) });
  return t('history.sentence.stepUpPlain');
};

/** The callback's action (ACTIVATE…), or the D1 card operation, or the agent's operation, in words. */
const callbackOperation = (detail: Detail, t: Translate): string => {
  const operation = text(detail, 'action') ?? text(detail, 'cardOperation') ?? text(detail, 'operation');
  return operation === undefined ? t('notifications.callbacks.operationUnknown') : label(t, operationKey, operation);
};

/** A token state code in words ("削除済み"), or the code. */
const stateText = (detail: Detail, field: string, t: Translate): string | undefined => {
  const state = text(detail, field);
  return state === undefined ? undefined : label(t, tokenStateLabelKey, state);
};

const operationFailed = (detail: Detail, t: Translate): string[] => {
  const operation = text(detail, 'action') ?? text(detail, 'operation');
  const head = operation === undefined ? t('history.sentence.operationFailedPlain') : t('history.sentence.operationFailed', { operation: label(t, operationKey, operation) });
  const code = text(detail, 'errorCode');
  const state = stateText(detail, 'state', t);
  const rule = text(detail, 'rule');
  if (code === undefined && rule !== undefined) {
    // The TSP's answer came after the token had changed another way: refused by the state rules, not lost on the way.
    return [head, t('notifications.callbacks.history.refusedRule', { rule, state: state ?? t('notifications.callbacks.history.stateUnknown') })];
  }
  // Issue 6: the agent must see that the action never reached the device and nothing changed.
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

const lateCallback = (detail: Detail, t: Translate): string[] => {
  const operation = callbackOperation(detail, t);
  const state = stateText(detail, 'stateAtArrival', t);
  const head =
    state === undefined ? t('notifications.callbacks.history.latePlain', { operation }) : t('notifications.callbacks.history.late', { operation, state });
  const rule = text(detail, 'rule');
  if (rule === undefined) return [head];
  const why = keyFor(LATE_RULE_KEY, rule);
  return [head, why === undefined ? t('notifications.callbacks.history.lateRule', { rule }) : t(why)];
};

const isNotificationEvent = (code: string): code is NotificationEvent => (NotificationEvent.options as readonly string[]).includes(code);

/** The template in words: the page-003 events, or the older names the seeded history uses. */
const templateText = (template: string, t: Translate): string =>
  isNotificationEvent(template) ? t(eventLabelKey[template]) : label(t, templateKey, template);

/** Mid-sentence ("by email"), as the history words it. */
const channelText = (channel: string, t: Translate): string => label(t, channelKey, channel);

/**
 * What the platform sent the cardholder (page 003): channel, template, language, the masked
 * destination and the text as sent; or why nothing was sent.
 */
const notified = (detail: Detail, t: Translate): string[] => {
  const channel = text(detail, 'channel');
  const template = text(detail, 'template');
  switch (text(detail, 'status')) {
    case 'OFF':
      return [t('notifications.callbacks.history.notificationOff', { template: template === undefined ? '' : templateText(template, t) })];
    case 'NO_CHANNEL':
      return [t('notifications.callbacks.history.notificationNoChannel')];
    case 'NOT_SENT':
      return [t('notifications.callbacks.history.notificationNotSent', { template: template === undefined ? '' : templateText(template, t) })];
    default:
      break;
  }
  if (channel === undefined || template === undefined) return [t('history.sentence.notifiedPlain')];
  const language = text(detail, 'language');
  const destination = text(detail, 'destination');
  const sent = text(detail, 'text');
  const subject = text(detail, 'subject');
  if (language === undefined || destination === undefined) {
    return [t('history.sentence.notified', { channel: channelText(channel, t), template: templateText(template, t) })];
  }
  const values = {
    channel: channelText(channel, t),
    template: templateText(template, t),
    language: language === 'ja' || language === 'en' ? t(languageLabelKey[language]) : language,
    destination,
  };
  return [
    t('notifications.callbacks.history.notificationSent', values),
    ...(subject !== undefined ? [t('notifications.callbacks.history.notificationSubject', { subject })] : []),
    ...(sent !== undefined ? [t('notifications.callbacks.history.notificationText', { text: sent })] : []),
  ];
};

const agentAction = (event: TokenEvent, t: Translate): string => {
  const agent = agentName(event.actor) ?? t('history.source.agent');
  const operation = text(event.detail, 'operation');
  return operation === undefined
    ? t('history.sentence.agentActionPlain', { agent })
    : t('history.sentence.agentAction', { agent, operation: label(t, operationKey, operation) });
};

/** The sentences that say what happened, before the reason and the comment. */
const headline = (event: TokenEvent, t: Translate, language: Language): string[] => {
  const actor = actorText(event.actor, t, event.detail);
  switch (event.kind) {
    case 'DIGITIZATION_REQUESTED': {
      const walletCode = text(event.detail, 'walletProviderId');
      const wallet = walletCode === undefined ? undefined : label(t, historyWalletKey, walletCode);
      const onDevice = device(event.detail, t);
      return [wallet !== undefined && onDevice !== undefined ? t('history.sentence.requested', { wallet, device: onDevice }) : t('history.sentence.requestedPlain')];
    }
    case 'DIGITIZATION_DECIDED':
      return decision(event, t, language);
    case 'DIGITIZATION_CANCELED':
      return [t('history.sentence.canceled')];
    case 'STEP_UP_STARTED':
      return [stepUp(event.detail, t, language)];
    case 'ACTIVATED': {
      const method = text(event.detail, 'idvMethod');
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
      return [agentAction(event, t)];
    case 'CALLBACK_DUPLICATE':
      return [t('notifications.callbacks.history.duplicate', { operation: callbackOperation(event.detail, t) })];
    case 'CALLBACK_LATE':
      return lateCallback(event.detail, t);
  }
};

/** A deletion while the token waited for step-up (page 001): the step-up stopped with it. */
const stepUpCanceled = (detail: Detail, t: Translate): string[] => (detail.stepUpCanceled === true ? [t('notifications.callbacks.history.stepUpCanceled')] : []);

/**
 * A callback that came for a token not known yet, kept and applied when the token appeared: when
 * it really arrived, since the row's time is when it was applied.
 */
const parkedNote = (event: TokenEvent, t: Translate, language: Language, timeZone?: string): string[] => {
  const receivedAt = text(event.detail, 'receivedAt');
  if (receivedAt === undefined || Number.isNaN(Date.parse(receivedAt))) return [];
  return [t('notifications.callbacks.history.parked', { time: formatEventTime(receivedAt, language, timeZone) })];
};

const OPERATION_OF_KIND: Partial<Record<TokenEvent['kind'], TokenOperation>> = {
  ACTIVATED: 'activate',
  SUSPENDED: 'suspend',
  RESUMED: 'resume',
  DELETED: 'delete',
};

const OPERATION_OF_ACTION: Readonly<Record<string, TokenOperation>> = { ACTIVATE: 'activate', SUSPEND: 'suspend', RESUME: 'resume', DELETE: 'delete' };

/** The operation an event is about, which gives a one-letter reason code its meaning. */
const operationOf = (event: TokenEvent): TokenOperation | undefined => {
  const byKind = OPERATION_OF_KIND[event.kind];
  if (byKind !== undefined) return byKind;
  const action = text(event.detail, 'operation') ?? text(event.detail, 'action');
  return action !== undefined && Object.hasOwn(OPERATION_OF_ACTION, action) ? OPERATION_OF_ACTION[action] : undefined;
};

/**
 * A reason in words. MDES sends one-letter codes (`C`, `L`, …) whose meaning depends on the
 * operation; the shared reason table maps a letter back to our code when it names exactly one.
 */
const reasonText = (event: TokenEvent, code: string, t: Translate): string => {
  const known = keyFor(reasonKey, code);
  if (known !== undefined) return t(known);
  const operation = operationOf(event);
  if (operation !== undefined && /^[A-Z]$/.test(code)) {
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
