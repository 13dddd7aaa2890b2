import type { ActionRequests } from '../actions/action-requests';
import type { Outbox } from '../actions/outbox';
import type { BackendClient } from '../backend/backend-client';
import type { Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { requestContextFor } from './request-context';
import { mapBackendErrors } from './backend-call-error';

type ActionCalls = Pick<Services, 'actions.policy' | 'tokens.signals' | 'actions.submit' | 'actions.list' | 'actions.previewBulk' | 'actions.submitBulk'>;

export interface ActionServiceOptions {
  readonly session: AgentSessionManager;
  readonly backend: () => BackendClient;
  readonly requests: ActionRequests;
  readonly outbox: Outbox;
}

/**
 * The agent's token actions over IPC: the issuer's policy, a token's digitization
 * signals, one action or a bulk one through the durable outbox, and the actions list. Each runs
 * for the signed-in, unlocked agent only; progress comes as `action.changed`.
 */
export const actionService = ({ session, backend, requests, outbox }: ActionServiceOptions): ActionCalls => ({
  'actions.policy': (_input, context) => requests.policyFor(requestContextFor(context)),

  'tokens.signals': (input, context) =>
    mapBackendErrors(() =>
      session.withAgent(() => backend().request('getDigitizationSignals', { params: { virtualCardId: input.virtualCardId }, context: requestContextFor(context) })),
    ),

  'actions.submit': (input) => requests.submit(input),

  'actions.list': () => ({ items: outbox.list(session.requireAgent().agent.agentId) }),

  'actions.previewBulk': (input, context) => requests.previewBulk(input, requestContextFor(context)),

  'actions.submitBulk': async (input) => ({ items: await requests.submitBulk(input) }),
});
