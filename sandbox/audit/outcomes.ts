import { operationOfAction } from '../../shared/domain/operation-events';
import type { SandboxStore } from '../store/store';
import { cardholderPart, tokenPart } from './parts';
import type { AuditTrail } from './trail';

/**
 * How the token platform ended an accepted operation, written to the trail as it lands in the
 * token's history: its confirmed change (CONFIRMED) or OPERATION_FAILED (FAILED), each pointing
 * at the operation's TOKEN_ACTION record. The trail is append-only, so the outcome is a record of
 * its own. No request waits on it: a write that fails is reported through `onError`.
 */
export const recordOperationOutcomes = (store: SandboxStore, trail: AuditTrail, onError: (error: unknown) => void): (() => void) =>
  store.changes.subscribe((change) => {
    if (change.type !== 'token.changed') return;
    const { event } = change;
    const detail = event.detail as { operationId?: unknown; confirmedBy?: unknown; errorCode?: unknown; rule?: unknown; action?: unknown };
    if (typeof detail.operationId !== 'string') return;
    const failed = event.kind === 'OPERATION_FAILED';
    const confirmed = detail.confirmedBy === 'TSP';
    if (!failed && !confirmed) return;
    const action = trail.actionOf(detail.operationId);
    const token = store.tokens.get(change.virtualCardId);
    if (!token) return;
    const operation = action?.kind === 'TOKEN_ACTION' ? action.detail.operation : (typeof detail.action === "string" ? operationOfAction(detail.action) : null);
    if (operation === null) return;
    trail
      .append({
        kind: 'TOKEN_ACTION_OUTCOME',
        actor: { type: 'PLATFORM' },
        workstationId: null,
        correlationId: event.correlationId ?? null,
        outcome: failed ? 'FAILED' : 'CONFIRMED',
        cardholder: cardholderPart(store, token.cardholderId),
        token: tokenPart(token),
        detail: {
          refersTo: action ? { recordId: action.recordId, sequence: action.sequence } : null,
          operation,
          operationId: detail.operationId,
          eventId: event.eventId,
          state: token.state,
          ...(failed && typeof detail.errorCode === 'string' ? { errorCode: detail.errorCode } : {}),
          ...(failed && typeof detail.rule === 'string' ? { rule: detail.rule } : {}),
        },
      })
      .catch(onError);
  });
