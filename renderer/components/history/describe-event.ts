import type { Actor, TokenEvent } from '../../../shared/api/model';
import type { Language } from '../../../shared/contract';
import { REASON_CODES } from '../../../shared/domain/reason-codes';
import type { TokenOperation } from '../../../shared/domain/transitions';
import type { MessageKey } from '../../../shared/i18n';
import { formatList } from '../../format/date-time';
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
} from '../../i18n/lookup-label-keys';

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

/** Who acted, as the subject of a sentence: "the wallet", "agent 佐藤 美咲". */
export const actorText = (actor: Actor, t: Translate): string => {
  const name = agentName(actor);
  return actor.source === 'ISSUER' && name !== undefined ? t('history.actor.agent', { name }) : t(historyActorKey[actor.source]);
};

/** Who acted, for the row's source column: "ウォレット", "エージェント 佐藤 美咲". */
export const sourceText = (actor: Actor, t: Translate): string => {
  const name = agentName(actor);
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

const operationFailed = (detail: Detail, t: Translate): string[] => {
  const operation = text(detail, 'action') ?? text(detail, 'operation');
  const head = operation === undefined ? t('history.sentence.operationFailedPlain') : t('history.sentence.operationFailed', { operation: label(t, operationKey, operation) });
  const code = text(detail, 'errorCode');
  if (code === undefined) return [head];
  const meaning = keyFor(errorCodeKey, code);
  return [head, meaning === undefined ? t('history.sentence.errorCodeUnknown', { code }) : t('history.sentence.errorCode', { code, meaning: t(meaning) })];
};

const notified = (detail: Detail, t: Translate): string => {
  const channel = text(detail, 'channel');
  const template = text(detail, 'template');
  if (channel === undefined || template === undefined) return t('history.sentence.notifiedPlain');
  return t('history.sentence.notified', { channel: label(t, channelKey, channel), template: label(t, templateKey, template) });
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
  const actor = actorText(event.actor, t);
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
      return [t('history.sentence.deleted', { actor })];
    case 'DELETED_FROM_APP':
      return [t('history.sentence.deletedFromApp')];
    case 'OPERATION_FAILED':
      return operationFailed(event.detail, t);
    case 'NOTIFICATION_SENT':
      return [notified(event.detail, t)];
    case 'AGENT_ACTION':
      return [agentAction(event, t)];
  }
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
const REASON_IMPLIED: ReadonlySet<TokenEvent['kind']> = new Set(['DIGITIZATION_CANCELED', 'DIGITIZATION_DECIDED']);

/** One short plain paragraph per event, in the UI language: what happened, why, and the agent's comment. */
export const describeEvent = (event: TokenEvent, t: Translate, language: Language): string => {
  const parts = headline(event, t, language);
  if (event.reasonCode !== undefined && !REASON_IMPLIED.has(event.kind)) {
    parts.push(t('history.sentence.reason', { reason: reasonText(event, event.reasonCode, t) }));
  }
  if (event.comment !== undefined && event.comment.trim() !== '') parts.push(t('history.sentence.comment', { comment: event.comment.trim() }));
  return parts.join(SENTENCE_SEPARATOR[language]);
};

/** Japanese runs sentences on after 。; English puts a space after the full stop. Typography, not text. */
const SENTENCE_SEPARATOR: Readonly<Record<Language, string>> = { ja: '', en: ' ' };
