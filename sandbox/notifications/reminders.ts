import type { Token } from '../../shared/api/model';
import type { SandboxStore } from '../store/store';
import type { Notifier } from './notifier';

const HOUR_MS = 3_600_000;

/** The seeded histories name the reminder as the platform's own template did before the notification events had names of their own. */
const REMINDER_TEMPLATES: ReadonlySet<string> = new Set(['STEP_UP_REMINDER', 'AUTHENTICATION_REMINDER']);

const waitingForStepUp = (token: Token): boolean =>
  token.state === 'INACTIVE' && token.levelOfTrust.decision === 'YELLOW' && token.digitizationOutcome === undefined;

/**
 * The step-up reminder (docs/domain.md, "Cardholder notifications"): a token left inactive after a
 * yellow decision for the configured time (24 hours by default) gets one reminder, never one per
 * check: a token whose history already holds one is done. Checked against the training clock, so
 * moving it forward makes reminders due. Returns how many were recorded.
 */
export const sendDueReminders = (store: SandboxStore, notifier: Notifier, now: Date): number => {
  const dueBefore = now.getTime() - store.notificationSettings.reminderAfterHours * HOUR_MS;
  let sent = 0;
  for (const token of store.tokens.values()) {
    if (!waitingForStepUp(token) || Date.parse(token.stateSince) > dueBefore) continue;
    const reminded = store
      .storedEvents(token.virtualCardId)
      .some((event) => event.kind === 'NOTIFICATION_SENT' && REMINDER_TEMPLATES.has(event.detail.template));
    if (reminded) continue;
    if (notifier.send({ token, event: 'STEP_UP_REMINDER', correlationId: token.enrolmentCorrelationId, at: now })) sent += 1;
  }
  return sent;
};
