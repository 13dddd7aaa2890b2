import type { ActionFailure } from '../../../shared/api/audit';
import type { TokenEvent, TokenEventOf } from '../../../shared/api/token-event';
import { NotificationView, type ActionView } from '../../../shared/contract/actions';
import { operationOutcome } from '../../../shared/domain/operation-events';

/**
 * Reading a token's history for one action's traces. The backend records the agent's action at
 * once (AGENT_ACTION, with our x-correlation-id and its operationId), then the TSP's confirmation
 * (the operation's own event) or OPERATION_FAILED, then the cardholder notification, each carrying
 * `detail.operationId`. Callbacks can come twice (docs/domain.md, "Callback ordering"): the
 * earliest of each counts. The events were checked against the union when they arrived, so their
 * detail is read as typed.
 */

export interface OwnEvents {
  /** Our AGENT_ACTION's operationId: the backend took the action (found by correlation id). */
  readonly acceptedAs: string | null;
  /** The TSP confirmed: when. */
  readonly confirmedAt: string | null;
  /** The TSP could not do it: why, and when. */
  readonly failed: { readonly failure: ActionFailure; readonly at: string } | null;
  readonly notification: NotificationView | null;
}

const tspFailure = ({ detail }: TokenEventOf<'OPERATION_FAILED'>): ActionFailure => ({
  code: 'TSP_FAILED',
  ...(detail.rule !== undefined ? { rule: detail.rule } : {}),
  ...(detail.errorCode !== undefined ? { tspErrorCode: detail.errorCode } : {}),
  ...(detail.state !== undefined ? { currentState: detail.state } : {}),
});

/** NOT_SENT is not something the action's view shows: the template problem is the backend's to fix. */
const notificationOf = ({ detail }: TokenEventOf<'NOTIFICATION_SENT'>): NotificationView | null => {
  const parsed = NotificationView.safeParse({ template: detail.template, channel: detail.channel, status: detail.status });
  return parsed.success ? parsed.data : null;
};

/** The agent's operation an event carries, for the kinds that can. */
const operationIdOf = (event: TokenEvent): string | undefined => {
  switch (event.kind) {
    case 'AGENT_ACTION':
    case 'ACTIVATED':
    case 'SUSPENDED':
    case 'RESUMED':
    case 'DELETED':
    case 'OPERATION_FAILED':
    case 'NOTIFICATION_SENT':
    case 'CALLBACK_DUPLICATE':
      return event.detail.operationId;
    default:
      return undefined;
  }
};

/** Oldest first (the backend pages newest first), so "the earliest counts" is the first match. */
const chronological = (events: readonly TokenEvent[]): TokenEvent[] =>
  [...events].reverse().sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

/** What the history says about one action: `operationId` when known, else it is looked up by correlation id. */
export const findOwnEvents = (
  events: readonly TokenEvent[],
  action: Pick<ActionView, 'operation' | 'correlationId' | 'operationId'>,
): OwnEvents => {
  const ordered = chronological(events);
  let acceptedAs: string | null = null;
  for (const event of ordered) {
    if (event.kind !== 'AGENT_ACTION' || event.correlationId !== action.correlationId) continue;
    if (event.detail.operation !== action.operation) continue;
    acceptedAs = event.detail.operationId;
    break;
  }
  const operationId = action.operationId ?? acceptedAs;
  let confirmedAt: string | null = null;
  let failed: OwnEvents['failed'] = null;
  let notification: NotificationView | null = null;
  if (operationId !== null) {
    for (const event of ordered) {
      if (operationIdOf(event) !== operationId) continue;
      const outcome = operationOutcome(action.operation, event.kind);
      if (outcome === 'confirmed' && confirmedAt === null && failed === null) confirmedAt = event.occurredAt;
      else if (event.kind === 'OPERATION_FAILED' && outcome === 'refused' && confirmedAt === null && failed === null) failed = { failure: tspFailure(event), at: event.occurredAt };
      else if (event.kind === 'NOTIFICATION_SENT' && notification === null) notification = notificationOf(event);
    }
  }
  return { acceptedAs, confirmedAt, failed, notification };
};
