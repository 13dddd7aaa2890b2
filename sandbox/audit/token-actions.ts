import type { Token } from '../../shared/api/model';
import type { TokenOperationRequest } from '../../shared/api/operations';
import type { TokenOperation } from '../../shared/domain/transitions';
import type { SessionContext } from '../auth/agents';
import { RiskRulesFailure, TokenStateFailure, type ApiFailure } from '../http/errors';
import type { SandboxStore } from '../store/store';
import { agentActor, cardholderPart, tokenPart } from './parts';
import type { AuditDraft } from './trail';

interface ActionContext {
  readonly body: TokenOperationRequest;
  readonly correlationId: string;
  readonly session: SessionContext;
  readonly client: { readonly clientId: string };
  /** An approved action the backend ran for the requester: the request and who approved it. */
  readonly approval?: { readonly requestId: string; readonly approvedBy: { readonly agentId: string } };
}

/** What every record of an agent's token operation says, from the session, the client and the token as the backend holds it. */
const actionBase = (store: SandboxStore, operation: TokenOperation, { body, correlationId, session, client, approval }: ActionContext, token: Token) => ({
  kind: 'TOKEN_ACTION' as const,
  actor: agentActor(session),
  workstationId: client.clientId,
  correlationId,
  cardholder: cardholderPart(store, token.cardholderId),
  token: tokenPart(token),
  detailBase: {
    operation,
    reasonCode: body.reasonCode,
    comment: body.comment ?? null,
    // Which checks passed, never the answers.
    verifiers: [...(body.verifiers ?? [])],
    ...(body.callAnswers ? { callAnswers: body.callAnswers } : {}),
    expectedState: body.expectedState,
    stateAtRequest: token.state,
    ...(approval ? { approval: { requestId: approval.requestId, approvedBy: approval.approvedBy.agentId } } : {}),
  },
});

/** An accepted operation: ACCEPTED now; the platform's CONFIRMED or FAILED follows as its own record. */
export const tokenActionRecord = (
  store: SandboxStore,
  input: { operation: TokenOperation; operationId: string; context: ActionContext; token: Token; reasonSent: string },
): AuditDraft => {
  const { detailBase, ...base } = actionBase(store, input.operation, input.context, input.token);
  return { ...base, outcome: 'ACCEPTED', detail: { ...detailBase, operationId: input.operationId, reasonSent: input.reasonSent } };
};

/** An operation the backend refused (a conflict, the transition table, identity checks, a risk rule): nothing was sent. */
export const refusedActionRecord = (
  store: SandboxStore,
  input: { operation: TokenOperation; context: ActionContext; token: Token; failure: ApiFailure },
): AuditDraft => {
  const { detailBase, ...base } = actionBase(store, input.operation, input.context, input.token);
  const { failure } = input;
  const rule = failure instanceof TokenStateFailure ? failure.details.rule : undefined;
  const riskRules = failure instanceof RiskRulesFailure ? [...failure.rules] : undefined;
  return {
    ...base,
    outcome: 'REFUSED',
    detail: {
      ...detailBase,
      operationId: null,
      reasonSent: null,
      refusal: { code: failure.errorName, ...(rule ? { rule } : {}), ...(riskRules ? { riskRules } : {}) },
    },
  };
};
