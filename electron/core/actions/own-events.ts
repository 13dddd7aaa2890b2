import type { ActionFailure } from '../../../shared/api/audit';
import type { EventKind, TokenEvent } from '../../../shared/api/model';
import { TokenState } from '../../../shared/api/model';
import { NotificationView, type ActionView } from '../../../shared/contract/actions';
import type { TokenOperation } from '../../../shared/domain/transitions';

/**
 * Reading a token's history for one action's traces. The backend records the agent's action at
 * once (AGENT_ACTION, with our x-correlation-id and its operationId), then the TSP's confirmation
 * (the operation's own event) or OPERATION_FAILED, then the cardholder notification, each carrying
 * `detail.operationId`. Callbacks can come twice (domain.md §1.5): the earliest of each counts.
 */
export const CONFIRMING_EVENT: Readonly<Record<TokenOperation, EventKind>> = {
  activate: 'ACTIVATED',
  suspend: 'SUSPENDED',
  resume: 'RESUMED',
  delete: 'DELETED',
};

const OPERATION_ID = /^OP[A-Z0-9]{8,30}$/;
const RULE = /^[A-Z][A-Z0-9_]{1,59}$/;
const TSP_ERROR = /^[A-Za-z0-9_]{1,20}$/;

export interface OwnEvents {
  /** Our AGENT_ACTION's operationId: the backend took the action (found by correlation id). */
  readonly acceptedAs: string | null;
  /** The TSP confirmed: when. */
  readonly confirmedAt: string | null;
  /** The TSP could not do it: why, and when. */
  readonly failed: { readonly failure: ActionFailure; readonly at: string } | null;
  readonly notification: NotificationView | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : value === null || value === undefined ? null : String(value));

const tspFailure = (event: TokenEvent): ActionFailure => {
  const rule = text(event.detail.rule);
  const errorCode = text(event.detail.errorCode);
  const state = TokenState.safeParse(event.detail.state);
  return {
    code: 'TSP_FAILED',
    ...(rule !== null && RULE.test(rule) ? { rule } : {}),
    ...(errorCode !== null && TSP_ERROR.test(errorCode) ? { tspErrorCode: errorCode } : {}),
    ...(state.success ? { currentState: state.data } : {}),
  };
};

const notificationOf = (event: TokenEvent): NotificationView | null => {
  const parsed = NotificationView.safeParse({
    template: event.detail.template,
    channel: event.detail.channel ?? null,
    status: event.detail.status,
  });
  return parsed.success ? parsed.data : null;
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
    if (text(event.detail.operation) !== action.operation) continue;
    const operationId = text(event.detail.operationId);
    if (operationId !== null && OPERATION_ID.test(operationId)) {
      acceptedAs = operationId;
      break;
    }
  }
  const operationId = action.operationId ?? acceptedAs;
  let confirmedAt: string | null = null;
  let failed: OwnEvents['failed'] = null;
  let notification: NotificationView | null = null;
  if (operationId !== null) {
    for (const event of ordered) {
      if (text(event.detail.operationId) !== operationId) continue;
      if (event.kind === CONFIRMING_EVENT[action.operation] && confirmedAt === null && failed === null) confirmedAt = event.occurredAt;
      else if (event.kind === 'OPERATION_FAILED' && confirmedAt === null && failed === null) failed = { failure: tspFailure(event), at: event.occurredAt };
      else if (event.kind === 'NOTIFICATION_SENT' && notification === null) notification = notificationOf(event);
    }
  }
  return { acceptedAs, confirmedAt, failed, notification };
};
