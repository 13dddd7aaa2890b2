import type { TokenEvent } from '../../shared/api/model';
import type { TokenOperation } from '../../shared/domain/transitions';
import { NOTIFICATION_TEMPLATE, OPERATION_EVENT, notificationChannel, tokenAfterIssuerOperation, type OperatingAgent } from '../simulation/issuer-changes';
import { transitionPolicyOf } from '../policy/action-policy';
import { newEventId } from './live-ids';
import type { SandboxStore } from './store';

/** An accepted operation waiting for the TSP's confirmation. */
export interface PendingOperation {
  readonly operationId: string;
  readonly operation: TokenOperation;
  readonly virtualCardId: string;
  /** The request's x-correlation-id: links the confirmation to the agent's action. */
  readonly correlationId: string;
  readonly agent: OperatingAgent;
  readonly reasonCode: string;
  readonly reason: string;
}

export const DEFAULT_TSP_CONFIRM_DELAY_MS = 300;

/**
 * The TSP's asynchronous confirmation of an agent's operation: accepted is not done, the device
 * may not be updated yet. After the delay the state change is applied through the store's one
 * change path, with the notification queued for the cardholder; if the token changed meanwhile so
 * that the operation no longer applies (the wallet deleted it), OPERATION_FAILED is recorded and
 * the token stays as it is. Pending confirmations live in memory only: a restarted sandbox has
 * none, as a TSP that lost the request would not confirm it either.
 */
export class TspConfirmations {
  private readonly pending = new Map<string, { readonly operation: PendingOperation; readonly timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    private readonly store: SandboxStore,
    private readonly now: () => Date,
    private readonly delayMs: number = DEFAULT_TSP_CONFIRM_DELAY_MS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Whether an operation on this token awaits its confirmation (a second one would race it). */
  isPending(virtualCardId: string): boolean {
    return this.pending.has(virtualCardId);
  }

  schedule(operation: PendingOperation): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(operation.virtualCardId);
      try {
        this.confirm(operation);
      } catch (error) {
        // A timer has no caller to answer: the failure is logged, never thrown into the event loop.
        this.onError(error);
      }
    }, this.delayMs);
    this.pending.set(operation.virtualCardId, { operation, timer });
  }

  /** Cancels every pending confirmation, so a closed sandbox changes nothing afterwards. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private confirm(pending: PendingOperation): void {
    const token = this.store.tokens.get(pending.virtualCardId);
    if (!token) return;
    const at = this.now().toISOString();
    const actor = { source: 'ISSUER' as const, agentId: pending.agent.agentId, agentName: pending.agent.name };
    const base = { virtualCardId: token.virtualCardId, occurredAt: at, actor, correlationId: pending.correlationId, reasonCode: pending.reasonCode };
    const after = tokenAfterIssuerOperation(token, pending.operation, pending.agent, at, transitionPolicyOf(this.store.actionPolicy));
    if (typeof after === 'string') {
      const failed: TokenEvent = {
        ...base,
        eventId: newEventId(),
        kind: 'OPERATION_FAILED',
        detail: { operation: pending.operation, operationId: pending.operationId, rule: after, state: token.state },
      };
      this.store.recordTokenChange({ token, event: failed });
      return;
    }
    this.store.recordTokenChange({
      token: after,
      event: {
        ...base,
        eventId: newEventId(),
        kind: OPERATION_EVENT[pending.operation],
        detail: { operation: pending.operation, operationId: pending.operationId, reasonSent: pending.reason, confirmedBy: 'TSP' },
      },
    });
    const contacts = this.store.cardholders.get(token.cardholderId)?.contacts ?? [];
    const channel = notificationChannel(contacts);
    this.store.recordTokenChange({
      token: after,
      event: {
        ...base,
        eventId: newEventId(),
        kind: 'NOTIFICATION_SENT',
        // Without a contact nothing can be sent; the history says so rather than claim a notification.
        detail: { status: channel ? 'QUEUED' : 'NO_CHANNEL', template: NOTIFICATION_TEMPLATE[pending.operation], channel, operationId: pending.operationId },
      },
    });
  }
}
