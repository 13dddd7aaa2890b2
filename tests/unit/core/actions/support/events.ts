import type { TokenEvent, TokenEventOf } from '../../../../../shared/api/token-event';
import { ACTION_OF_OPERATION, CONFIRMING_EVENT } from '../../../../../shared/domain/operation-events';
import type { TokenOperation } from '../../../../../shared/domain/transitions';

/**
 * An action's traces as the backend records them (the typed union), for tests that feed the outbox
 * a history or a live change without a backend.
 */
let serial = 0;
const eventId = (): string => `EVTEST${String((serial += 1)).padStart(8, '0')}`;

interface Base {
  readonly virtualCardId?: string;
  readonly at?: string;
  readonly correlationId?: string;
}

const base = (options: Base) => ({
  eventId: eventId(),
  virtualCardId: options.virtualCardId ?? 'VCWATCH00001',
  occurredAt: options.at ?? new Date().toISOString(),
  actor: { source: 'ISSUER' as const },
  correlationId: options.correlationId ?? 'corr-1',
});

/** The backend took the agent's operation: recorded under the send's correlation id. */
export const agentAction = (operation: TokenOperation, operationId: string, options: Base = {}): TokenEventOf<'AGENT_ACTION'> => ({
  ...base(options),
  kind: 'AGENT_ACTION',
  detail: { operation, operationId, status: 'ACCEPTED' },
});

/** The TSP confirmed the operation: the operation's own event, with its operationId. */
export const confirmation = (operation: TokenOperation, operationId: string, options: Base = {}): TokenEvent =>
  ({
    ...base(options),
    kind: CONFIRMING_EVENT[operation],
    detail: { action: ACTION_OF_OPERATION[operation], source: 'ISSUER', callback: 'tspConfirmation', operation, operationId, confirmedBy: 'TSP' },
  }) as TokenEvent;

export const operationFailed = (
  operation: TokenOperation,
  operationId: string,
  failure: { readonly rule?: string; readonly errorCode?: string; readonly state?: TokenEventOf<'OPERATION_FAILED'>['detail']['state'] },
  options: Base = {},
): TokenEventOf<'OPERATION_FAILED'> => ({
  ...base(options),
  kind: 'OPERATION_FAILED',
  detail: { action: ACTION_OF_OPERATION[operation], operation, operationId, ...failure },
});

export const notificationSent = (operationId: string, template: string, options: Base = {}): TokenEventOf<'NOTIFICATION_SENT'> => ({
  ...base(options),
  kind: 'NOTIFICATION_SENT',
  detail: { operationId, template, channel: 'SMS', status: 'QUEUED' },
});
