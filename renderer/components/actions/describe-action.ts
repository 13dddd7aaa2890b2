import type { TFunction } from 'i18next';
import type { ActionFailure, ActionView, Language, NotificationView, TokenActionPolicy } from '../../../shared/contract';
import { NOTIFICATION_FOR_OPERATION } from '../../../shared/domain/action-notifications';
import type { TokenOperation } from '../../../shared/domain/transitions';
import { formatList } from '../../format/date-time';
import { keyFor, sourceSubjectKey, tokenStateLabelKey } from '../../i18n/lookup-label-keys';
import type { ChangeSource } from '../../../shared/api/model';
import { channelLabelKey, failureLabelKey, resumeOnlyKey, notificationEventKey, notificationTemplateKey, riskRuleKey, ruleLabelKey, tspErrorKey } from './action-label-keys';

type Translate = TFunction;

/** A rule's sentence, or, for a rule this console does not know, the general one naming it. */
const ruleText = (rule: string, t: Translate): string => {
  const key = keyFor(ruleLabelKey, rule);
  return key === undefined ? t('actions.rules.unknown', { rule }) : t(key);
};

/**
 * Why an operation is refused, as the agent would explain it to the caller: for a suspension the
 * issuer did not set, who can lift it ("suspended by the wallet: only the cardholder can resume it").
 */
export const refusalText = (rule: string, suspendedBy: readonly ChangeSource[], t: Translate, language: Language): string => {
  if (rule === 'RESUME_ONLY_OWN_SUSPENSION') {
    const others = suspendedBy.filter((party) => party !== 'ISSUER');
    const [only] = others;
    if (others.length === 1 && only !== undefined) return t(resumeOnlyKey[only]);
    if (others.length > 1) return t('actions.resumeOnly.several', { parties: formatList(suspendedBy.map((party) => t(sourceSubjectKey[party])), language) });
  }
  return ruleText(rule, t);
};

/** A risk rule in words, or its id when the issuer added one the console has no sentence for. */
export const riskRuleText = (rule: string, t: Translate): string => {
  const key = keyFor(riskRuleKey, rule);
  return key === undefined ? rule : t(key);
};

/**
 * A failed action in words, most important first: what happened, then the facts that explain it
 * (the rule, the state now, the token service's error, the risk rules, the backend's code).
 */
export const failureLines = (failure: ActionFailure, t: Translate, language: Language): string[] => {
  const lines = [t(failureLabelKey[failure.code])];
  if (failure.rule !== undefined && failure.code !== 'SUPERVISOR_APPROVAL_REQUIRED') {
    lines.push(`${ruleText(failure.rule, t)} ${t('actions.failure.rule', { rule: failure.rule })}`);
  }
  if (failure.currentState !== undefined) lines.push(t('actions.failure.currentState', { state: t(tokenStateLabelKey[failure.currentState]) }));
  if (failure.tspErrorCode !== undefined) {
    const known = keyFor(tspErrorKey, failure.tspErrorCode);
    lines.push(`${t('actions.failure.tspError', { code: failure.tspErrorCode })}${known === undefined ? '' : `: ${t(known)}`}`);
  }
  if (failure.riskRules !== undefined && failure.riskRules.length > 0) {
    lines.push(t('actions.failure.riskRules', { rules: formatList(failure.riskRules.map((rule) => riskRuleText(rule, t)), language) }));
  }
  if (failure.backendCode !== undefined) lines.push(t('actions.failure.backendCode', { code: failure.backendCode }));
  return lines;
};

/** The notification's name: the backend's template name, or the event's, or the code itself. */
const templateName = (template: string, t: Translate): string => {
  const key = keyFor(notificationTemplateKey, template);
  return key === undefined ? template : t(key);
};

/** What the cardholder will be sent once the operation is done, before the agent confirms. */
export const plannedNotification = (operation: TokenOperation, policy: TokenActionPolicy | null, t: Translate): string => {
  if (policy !== null && !policy.platformNotifications) return t('actions.notification.off');
  const event = NOTIFICATION_FOR_OPERATION[operation];
  const key = keyFor(notificationEventKey, event);
  return t('actions.notification.willSend', { template: key === undefined ? event : t(key) });
};

/** What the backend reported about the notification the action caused. */
export const reportedNotification = (notification: NotificationView, t: Translate): string => {
  const template = templateName(notification.template, t);
  switch (notification.status) {
    case 'QUEUED':
      return t('actions.notification.queued', { template, channel: notification.channel === null ? '—' : t(channelLabelKey[notification.channel]) });
    case 'NO_CHANNEL':
      return t('actions.notification.noChannel', { template });
    case 'OFF':
      return t('actions.notification.offSent');
  }
};

const clockFormatters = new Map<Language, Intl.DateTimeFormat>();

/** "15:55:12": when the next send is due, seconds away, so to the second and without the date. */
export const formatClockTime = (iso: string, language: Language): string => {
  let formatter = clockFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(language, formatter);
  }
  return formatter.format(new Date(iso));
};

/** Still being sent after a failed attempt: "retrying (attempt n)". */
export const isRetrying = (action: ActionView): boolean => action.status === 'REQUESTED' && action.attempts > 0 && action.nextAttemptAt !== null;
