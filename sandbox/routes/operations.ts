import type { OperationAccepted, TokenOperationRequest } from '../../shared/api/operations';
import { reasonTextForTokenService } from '../../shared/domain/reason-codes';
import { issuerRefusal, type TokenOperation } from '../../shared/domain/transitions';
import type { SessionContext } from '../auth/agents';
import { ApiFailure, TokenStateFailure } from '../http/errors';
import { transitionPolicyOf } from '../policy/action-policy';
import { enforceApproval, type ApprovedAction } from '../policy/approval';
import { enforceOptionD } from '../policy/option-d';
import { refusalMessage } from '../simulation/wallet-changes';
import { newEventId, newOperationId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';
import type { TspConfirmations } from '../store/tsp-confirmation';
import type { FaultInjector } from '../http/faults';
import type { AuditTrail } from '../audit/trail';
import { refusedActionRecord, tokenActionRecord } from '../audit/token-actions';
import type { HandlersFor } from './context';

/** What every operation handler reads from its (already validated) request; an approved action run by the backend says who approved it. */
export interface OperationContext {
  readonly params: { readonly virtualCardId: string };
  readonly body: TokenOperationRequest;
  readonly trainingNow: Date;
  readonly correlationId: string;
  readonly session: SessionContext;
  readonly client: { readonly clientId: string };
  readonly approval?: ApprovedAction;
}

/**
 * `POST /api/v1/tokens/{id}/operations:{op}`: checks the token against what the agent saw and the
 * transition table, records the agent's action at once (the token unchanged), and leaves the
 * change itself to the TSP's confirmation. A retry with the same Idempotency-Key is answered by
 * the route layer from the first response, so this runs once per key. The audit trail gets the
 * action (ACCEPTED, or REFUSED with why) before the call is answered, and the answer carries the
 * record's receipt for the console's journal.
 */
export const operationRunner = (store: SandboxStore, confirmations: TspConfirmations, faults: FaultInjector | null, audit: AuditTrail) => {
  const handle =
    (operation: TokenOperation) =>
    async (context: OperationContext): Promise<OperationAccepted> => {
      const token = store.tokens.get(context.params.virtualCardId);
      let accepted: { readonly operationId: string; readonly receipt: Promise<OperationAccepted['audit']> };
      try {
        accepted = take(operation, context);
      } catch (error) {
        if (error instanceof ApiFailure && token) await audit.append(refusedActionRecord(store, { operation, context, token, failure: error }));
        throw error;
      }
      return { operationId: accepted.operationId, status: 'ACCEPTED', virtualCardId: context.params.virtualCardId, operation, audit: await accepted.receipt };
    };

  /** Checks and takes the operation; its TOKEN_ACTION record is chained before the TSP can confirm it. */
  const take = (operation: TokenOperation, context: OperationContext): { readonly operationId: string; readonly receipt: Promise<OperationAccepted['audit']> } => {
      const { params, body, trainingNow: now, correlationId, session } = context;
      const token = store.tokens.get(params.virtualCardId);
      if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
      const currentState = token.state;
      const policy = store.actionPolicy;
      // A step-up the cardholder ended by removing the card says so, not just "not inactive".
      const stepUpCanceled = operation === 'activate' && token.state === 'DELETED' && token.digitizationOutcome === 'CANCELED';
      const refusal = stepUpCanceled ? 'STEP_UP_CANCELED' : issuerRefusal(token, operation, transitionPolicyOf(policy));
      if (confirmations.isPending(token.virtualCardId)) {
        // Two operations racing on one token would confirm in an order nobody chose.
        throw new TokenStateFailure(
          'TOKEN_STATE_CONFLICT',
          `OPERATION_PENDING: another operation on this token awaits the TSP's confirmation; the token is ${currentState}.`,
          { rule: 'OPERATION_PENDING', currentState },
        );
      }
      if (currentState !== body.expectedState) {
        throw new TokenStateFailure(
          'TOKEN_STATE_CONFLICT',
          `The token changed since the agent saw it: it is ${currentState}, not ${body.expectedState}.`,
          { rule: refusal ?? undefined, currentState },
          'expectedState',
        );
      }
      if (refusal) {
        const message =
          refusal === 'STEP_UP_CANCELED'
            ? 'STEP_UP_CANCELED: the cardholder removed the card from the wallet during verification, so the step-up was canceled; the token is DELETED.'
            : refusalMessage(token, { field: 'action', rule: refusal });
        throw new TokenStateFailure('TRANSITION_NOT_ALLOWED', message, { rule: refusal, currentState });
      }
      const riskRules = operation === 'activate' ? enforceOptionD(store, token, body, policy) : [];
      // Four-eyes: an action the policy holds back waits for a supervisor, unless one approved it.
      enforceApproval(token, operation, riskRules, policy, context.approval);

      const operationId = newOperationId();
      // The token service is sent the reason code's words from the table, never text a client wrote.
      const reasonSent = reasonTextForTokenService(body.reasonCode);
      const agent = { agentId: session.agent.agentId, name: session.agent.name };
      // Recorded (and streamed) now, the token as it is: the agent's action is on record even if the TSP never confirms.
      store.recordTokenChange({
        token,
        event: {
          eventId: newEventId(),
          virtualCardId: token.virtualCardId,
          occurredAt: now.toISOString(),
          kind: 'AGENT_ACTION',
          actor: { source: 'ISSUER', agentId: agent.agentId, agentName: agent.name },
          correlationId,
          reasonCode: body.reasonCode,
          ...(body.comment === undefined ? {} : { comment: body.comment }),
          detail: {
            operation,
            operationId,
            status: 'ACCEPTED',
            reasonSent,
            // Which checks passed, never the answers.
            ...(body.verifiers && body.verifiers.length > 0 ? { verifiers: [...body.verifiers] } : {}),
            ...(body.callAnswers ? { callInbound: body.callAnswers.inbound, askedToShareCode: body.callAnswers.askedToShareCode } : {}),
            ...(context.approval ? { requestId: context.approval.requestId, approvedBy: { ...context.approval.approvedBy } } : {}),
          },
        },
      });
      const receipt = audit.append(tokenActionRecord(store, { operation, operationId, context, token, reasonSent }));
      confirmations.schedule({
        operationId,
        operation,
        virtualCardId: token.virtualCardId,
        correlationId,
        agent,
        reasonCode: body.reasonCode,
        reason: reasonSent,
        deliveries: faults?.confirmationDeliveries('POST', `/api/v1/tokens/${params.virtualCardId}/operations:${operation}`) ?? 1,
      });
      return { operationId, receipt };
  };
  return handle;
};

/** The four operation endpoints; an approved request runs through the same `operationRunner`. */
export const operationHandlers = (
  store: SandboxStore,
  confirmations: TspConfirmations,
  faults: FaultInjector | null,
  audit: AuditTrail,
): HandlersFor<'activateToken' | 'suspendToken' | 'resumeToken' | 'deleteToken'> => {
  const handle = operationRunner(store, confirmations, faults, audit);
  return {
    activateToken: handle('activate'),
    suspendToken: handle('suspend'),
    resumeToken: handle('resume'),
    deleteToken: handle('delete'),
  };
};
