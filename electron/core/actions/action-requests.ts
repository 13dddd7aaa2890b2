import { randomUUID } from 'node:crypto';
import type { ActionFailure } from '../../../shared/api/audit';
import type { Token, TokenState } from '../../../shared/api/model';
import type { TokenActionPolicy, Verifier } from '../../../shared/api/policy';
import type { ParsedCallInput } from '../../../shared/contract';
import type { ActionView, BulkPreview, BulkScope, SubmitActionInput, SubmitBulkInput } from '../../../shared/contract/actions';
import { reasonTextForTokenService } from '../../../shared/domain/reason-codes';
import { decideTransition, type TokenOperation } from '../../../shared/domain/transitions';
import type { AgentIdentity, BackendClient } from '../backend/backend-client';
import type { RequestContext } from '../backend/request-context';
import { CallError } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { mapBackendErrors } from '../services/backend-call-error';
import type { AgentSessionManager } from '../session/agent-session';
import { OUTBOX_ENTRY_VERSION, type OutboxEntry } from './action-entry';
import type { ActionPolicyCache } from './action-policy';
import type { Outbox } from './outbox';
import { activationRefusal, issuerRefusal, transitionRefusal } from './pre-checks';

export interface ActionRequestsOptions {
  readonly outbox: Outbox;
  readonly session: Pick<AgentSessionManager, 'withAgent'>;
  readonly backend: () => BackendClient;
  readonly policy: ActionPolicyCache;
  readonly workstationId: string;
  readonly logger: Logger;
}

/**
 * The agent's requests for token actions, checked before anything is written ahead: the token is
 * read fresh (its card, cardholder, last four, wallet and device, and its state against the one
 * transition table under the issuer's policy), a delete's typed last four are compared, and an
 * Option D activation meets the identity policy and the risk rules. A refusal is a FAILED action
 * with its reason (nothing sent, still audited); a problem with the request itself (a wrong last
 * four, an unknown token, a backend out of reach for the fresh read) is a typed error, and nothing
 * is kept, so the agent can correct and submit again.
 *
 * The renderer names each action (actionId): the same id again answers the same action (a double
 * click, a retried call), and a new attempt after a refusal needs a new id. One action at a time
 * per token on this workstation: a second (another window) is ACTION_IN_PROGRESS.
 */
export interface ActionRequests {
  policyFor(context: RequestContext): Promise<TokenActionPolicy>;
  submit(input: SubmitActionInput): Promise<ActionView>;
  previewBulk(input: ParsedCallInput<'actions.previewBulk'>, context: RequestContext): Promise<BulkPreview>;
  submitBulk(input: SubmitBulkInput): Promise<ActionView[]>;
}

interface Planned {
  readonly actionId: string;
  readonly bulkId: string | null;
  readonly operation: TokenOperation;
  readonly token: Token;
  readonly reasonCode: string;
  readonly comment: string | null;
  readonly expectedState: TokenState;
  readonly verifiers: readonly Verifier[];
  readonly callAnswers: SubmitActionInput['callAnswers'];
  readonly refusal: ActionFailure | null;
  readonly riskRules: readonly string[];
  readonly correlationId: string;
}

/** The outbox entry of a checked request: REQUESTED to be sent, or FAILED with the refusal. */
const entryFor = (plan: Planned, agent: AgentIdentity, workstationId: string, at: string): OutboxEntry => {
  const reasonSent = reasonTextForTokenService(plan.reasonCode);
  const refused = plan.refusal !== null;
  return {
    version: OUTBOX_ENTRY_VERSION,
    view: {
      actionId: plan.actionId,
      bulkId: plan.bulkId,
      operation: plan.operation,
      virtualCardId: plan.token.virtualCardId,
      issuerCardRefId: plan.token.issuerCardRefId,
      cardholderId: plan.token.cardholderId,
      tokenLastFour: plan.token.tokenLastFour,
      walletProviderId: plan.token.tokenRequestor.walletProviderId,
      deviceName: plan.token.device.name,
      reasonCode: plan.reasonCode,
      reasonSent,
      comment: plan.comment,
      verifiers: [...plan.verifiers],
      status: refused ? 'FAILED' : 'REQUESTED',
      failure: plan.refusal,
      correlationId: plan.correlationId,
      operationId: null,
      requestedAt: at,
      updatedAt: at,
      attempts: 0,
      nextAttemptAt: null,
      resumedAfterRestart: false,
      notification: null,
    },
    agent: { ...agent.agent },
    workstationId,
    idempotencyKey: randomUUID(),
    request: refused
      ? null
      : {
          reasonCode: plan.reasonCode,
          reason: reasonSent,
          ...(plan.comment !== null ? { comment: plan.comment } : {}),
          expectedState: plan.expectedState,
          ...(plan.operation === 'activate' ? { verifiers: [...plan.verifiers], ...(plan.callAnswers ? { callAnswers: plan.callAnswers } : {}) } : {}),
        },
    riskRules: [...plan.riskRules],
    firstAttemptAt: null,
    acceptedAt: null,
    completedAt: refused ? at : null,
    reconcile: false,
    audit: null,
  };
};

const commentOf = (comment: string | undefined): string | null => (comment === undefined || comment.trim() === '' ? null : comment);

export const createActionRequests = (options: ActionRequestsOptions): ActionRequests => {
  const { outbox, session, policy } = options;
  const log = options.logger.child({ component: 'action-requests' });
  /** Tokens whose request is being checked right now (before it reaches the outbox). */
  const claimed = new Set<string>();
  /** Requests being checked, by actionId, so a double submit waits for the first and gets its answer. */
  const checking = new Map<string, Promise<ActionView>>();

  const forAgent = <T>(work: (client: BackendClient, agent: AgentIdentity) => Promise<T>): Promise<T> =>
    mapBackendErrors(() => session.withAgent((agent) => work(options.backend(), agent)));

  const policyOf = (client: BackendClient, agent: AgentIdentity, context: RequestContext): Promise<TokenActionPolicy> =>
    policy.get(agent, () => client.request('getActionPolicy', { context }));

  const busy = (virtualCardId: string): boolean => claimed.has(virtualCardId) || outbox.underWayOn(virtualCardId);

  /** The same action asked for again: its answer, if it is the same action. */
  const known = (actionId: string, virtualCardId: string, operation: TokenOperation): ActionView | null => {
    const entry = outbox.get(actionId);
    if (!entry) return null;
    if (entry.view.virtualCardId !== virtualCardId || entry.view.operation !== operation) {
      throw new CallError('INVALID_INPUT', 'this actionId names another action', ['actionId']);
    }
    return entry.view;
  };

  const write = async (plan: Planned, agent: AgentIdentity): Promise<ActionView> => {
    const view = await outbox.add(entryFor(plan, agent, options.workstationId, new Date().toISOString()));
    log.info(
      { actionId: plan.actionId, bulkId: plan.bulkId, correlationId: plan.correlationId, operation: plan.operation, refused: plan.refusal?.code ?? null },
      plan.refusal ? 'action refused before sending' : 'action written ahead',
    );
    return view;
  };

  const checkOne = (input: SubmitActionInput): Promise<ActionView> =>
    forAgent(async (client, agent) => {
      const correlationId = randomUUID();
      const context = { correlationId, idempotencyKey: randomUUID() };
      const token = await client.request('getToken', { params: { virtualCardId: input.virtualCardId }, context });
      if (input.operation === 'delete' && input.confirmTokenLastFour !== token.tokenLastFour) {
        throw new CallError('INVALID_INPUT', "the last four digits typed are not this token's", ['confirmTokenLastFour']);
      }
      const issuerPolicy = await policyOf(client, agent, context);
      let refusal = transitionRefusal(token, input.operation, input.expectedState, issuerPolicy);
      let riskRules: string[] = [];
      const verifiers = input.operation === 'activate' ? (input.verifiers ?? []) : [];
      if (refusal === null && input.operation === 'activate' && input.callAnswers) {
        const signals = await client.request('getDigitizationSignals', { params: { virtualCardId: token.virtualCardId }, context });
        ({ refusal, riskRules } = activationRefusal(issuerPolicy, { verifiers, callAnswers: input.callAnswers, signals }));
      }
      return write(
        {
          actionId: input.actionId,
          bulkId: null,
          operation: input.operation,
          token,
          reasonCode: input.reasonCode,
          comment: commentOf(input.comment),
          expectedState: input.expectedState,
          verifiers,
          callAnswers: input.callAnswers,
          refusal,
          riskRules,
          correlationId,
        },
        agent,
      );
    });

  const tokensInScope = async (client: BackendClient, scope: BulkScope, context: RequestContext): Promise<Token[]> => {
    if (scope.kind === 'CARD') {
      return (await client.request('listCardTokens', { params: { issuerCardRefId: scope.issuerCardRefId }, context })).items;
    }
    // A lost phone: every card of the cardholder may have a token on it.
    const cardholder = await client.request('getCardholder', { params: { cardholderId: scope.cardholderId }, context });
    const lists = await Promise.all(
      cardholder.cards.map((card) => client.request('listCardTokens', { params: { issuerCardRefId: card.issuerCardRefId }, context })),
    );
    return lists.flatMap((list) => list.items).filter((token) => token.device.tokenStorageId === scope.tokenStorageId);
  };

  return {
    policyFor: (context) => forAgent((client, agent) => policyOf(client, agent, context)),

    async submit(input) {
      const again = known(input.actionId, input.virtualCardId, input.operation);
      if (again) return again;
      const pending = checking.get(input.actionId);
      if (pending) {
        await pending.catch(() => undefined);
        return known(input.actionId, input.virtualCardId, input.operation) ?? pending;
      }
      if (busy(input.virtualCardId)) throw new CallError('ACTION_IN_PROGRESS', 'another action on this token is under way', ['virtualCardId']);
      claimed.add(input.virtualCardId);
      const run = checkOne(input).finally(() => {
        claimed.delete(input.virtualCardId);
        checking.delete(input.actionId);
      });
      checking.set(input.actionId, run);
      return run;
    },

    previewBulk: (input, context) =>
      forAgent(async (client, agent) => {
        const [tokens, issuerPolicy] = await Promise.all([tokensInScope(client, input.scope, context), policyOf(client, agent, context)]);
        const items = tokens.map((token) => {
          const rule = busy(token.virtualCardId) ? 'ACTION_IN_PROGRESS' : issuerRefusal(token, input.operation, issuerPolicy);
          const outcome = rule === null ? decideTransition(token, input.operation, 'ISSUER', issuerPolicy) : null;
          return {
            virtualCardId: token.virtualCardId,
            issuerCardRefId: token.issuerCardRefId,
            cardLastFour: token.fundingLastFour,
            tokenLastFour: token.tokenLastFour,
            walletProviderId: token.tokenRequestor.walletProviderId,
            tokenRequestorName: token.tokenRequestor.name,
            deviceName: token.device.name,
            deviceType: token.device.type,
            state: token.state,
            suspendedBy: [...token.suspendedBy],
            decision: rule === null ? ('CHANGE' as const) : ('SKIP' as const),
            stateAfter: outcome?.allowed ? outcome.state : null,
            skipReason: rule,
          };
        });
        return { operation: input.operation, scope: input.scope, items, generatedAt: new Date().toISOString() };
      }),

    submitBulk: (input) =>
      forAgent(async (client, agent) => {
        const seenTokens = new Set<string>();
        const seenActions = new Set<string>();
        input.items.forEach((item, index) => {
          if (seenTokens.has(item.virtualCardId)) throw new CallError('INVALID_INPUT', 'a token appears twice', [`items.${index}.virtualCardId`]);
          if (seenActions.has(item.actionId)) throw new CallError('INVALID_INPUT', 'an actionId appears twice', [`items.${index}.actionId`]);
          seenTokens.add(item.virtualCardId);
          seenActions.add(item.actionId);
        });
        // Items already in the outbox (the same bulk submitted again) answer as they are.
        const fresh = input.items.map((item, index) => ({ item, index })).filter(({ item }) => !known(item.actionId, item.virtualCardId, input.operation));
        const context = { correlationId: randomUUID(), idempotencyKey: randomUUID() };
        /** The fresh items as written ahead: the answer says what was written, not how far each has got since. */
        const written = new Map<string, ActionView>();
        if (fresh.length > 0) {
          const [tokens, issuerPolicy] = await Promise.all([tokensInScope(client, input.scope, context), policyOf(client, agent, context)]);
          const byId = new Map(tokens.map((token) => [token.virtualCardId, token]));
          const outside = fresh.filter(({ item }) => !byId.has(item.virtualCardId)).map(({ index }) => `items.${index}.virtualCardId`);
          if (outside.length > 0) throw new CallError('INVALID_INPUT', 'tokens outside the bulk scope', outside);
          const inUse = fresh.filter(({ item }) => busy(item.virtualCardId)).map(({ index }) => `items.${index}.virtualCardId`);
          if (inUse.length > 0) throw new CallError('ACTION_IN_PROGRESS', 'another action on some of these tokens is under way', inUse);
          for (const { item } of fresh) claimed.add(item.virtualCardId);
          try {
            await Promise.all(
              fresh.map(async ({ item }) => {
                const token = byId.get(item.virtualCardId);
                if (!token) throw new Error('token vanished from the scope');
                const view = await write(
                  {
                    actionId: item.actionId,
                    bulkId: input.bulkId,
                    operation: input.operation,
                    token,
                    reasonCode: input.reasonCode,
                    comment: commentOf(input.comment),
                    expectedState: item.expectedState,
                    verifiers: [],
                    callAnswers: undefined,
                    refusal: transitionRefusal(token, input.operation, item.expectedState, issuerPolicy),
                    riskRules: [],
                    correlationId: randomUUID(),
                  },
                  agent,
                );
                written.set(item.actionId, view);
              }),
            );
          } finally {
            for (const { item } of fresh) claimed.delete(item.virtualCardId);
          }
        }
        return input.items.map((item) => {
          const view = written.get(item.actionId) ?? outbox.get(item.actionId)?.view;
          if (!view) throw new Error('a bulk item is missing from the outbox');
          return view;
        });
      }),
  };
};
