import type { Token } from '../../../shared/api/model';
import type { ActionView, TokenActionPolicy } from '../../../shared/contract';
import { DEFAULT_TRANSITION_POLICY, decideTransition, issuerOperations, TOKEN_OPERATIONS, type TokenOperation, type TransitionRule } from '../../../shared/domain/transitions';
import { emptyDraft, type ActionDialog, type ActionDraft, type ActionsSliceState } from './initialState';
import { isUnderWay } from './reducer';

type S = ActionsSliceState;

/** What the panel says about an operation it does not offer, and the rule behind it. */
export interface RefusedOperation {
  readonly operation: TokenOperation;
  readonly rule: TransitionRule;
}

/** The token as the transition table reads it under the issuer's policy (the default until it is loaded). */
const transitionPolicy = (policy: TokenActionPolicy | null) => (policy ? { issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension } : DEFAULT_TRANSITION_POLICY);

/**
 * The rules worth explaining for a token: those that answer the question an agent would ask
 * ("why can't I resume it?", "why can't I activate this inactive one?"). Refusals that follow
 * plainly from the state (suspend a deleted token) are left out.
 */
const USEFUL: Readonly<Partial<Record<TransitionRule, true>>> = {
  RESUME_ONLY_OWN_SUSPENSION: true,
  ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE: true,
};

const NO_ACTIONS: readonly ActionView[] = [];

export const actionsSelectors = {
  policy: (s: S) => s.actionPolicy,
  policyData: (s: S) => s.actionPolicy.data,
  list: (s: S) => s.actionsList,
  dialog: (s: S) => s.actionDialog,
  /** What was typed in the open dialog. */
  draft: (s: S): ActionDraft => (s.actionDialog === null ? emptyDraft : (s.actionDrafts[s.actionDialog.draftKey] ?? emptyDraft)),
  byId: (s: S) => s.actionsById,
  action:
    (actionId: string) =>
    (s: S): ActionView | undefined =>
      s.actionsById[actionId],
  /** The newest action on a token this session, whatever its state. */
  latestFor:
    (virtualCardId: string) =>
    (s: S): ActionView | undefined => {
      let latest: ActionView | undefined;
      for (const action of Object.values(s.actionsById)) {
        if (action.virtualCardId !== virtualCardId) continue;
        if (latest === undefined || Date.parse(action.requestedAt) > Date.parse(latest.requestedAt)) latest = action;
      }
      return latest;
    },
  /** An action on the token is still on its way: no second one is offered beside it. */
  busy:
    (virtualCardId: string) =>
    (s: S): boolean =>
      Object.values(s.actionsById).some((action) => action.virtualCardId === virtualCardId && isUnderWay(action)),
};

/** The actions an open dialog sent, in the order it sent them (computed: a new array each time, so not a store selector). */
export const sentActions = (dialog: ActionDialog | null, byId: Readonly<Record<string, ActionView>>): readonly ActionView[] => {
  const ids = dialog?.sentActionIds ?? [];
  if (ids.length === 0) return NO_ACTIONS;
  return ids.map((id) => byId[id]).filter((action): action is ActionView => action !== undefined);
};

/** What the agent may do to this token now, under the issuer's policy once it is known. */
export const offeredOperations = (token: Token, policy: TokenActionPolicy | null): TokenOperation[] => issuerOperations(token, transitionPolicy(policy));

/** The operations not offered whose rule is worth a sentence. */
export const explainedRefusals = (token: Token, policy: TokenActionPolicy | null): RefusedOperation[] =>
  TOKEN_OPERATIONS.flatMap((operation) => {
    const outcome = decideTransition(token, operation, 'ISSUER', transitionPolicy(policy));
    if (outcome.allowed || USEFUL[outcome.rule] !== true) return [];
    // Activation is a question only for a token waiting for verification.
    if (operation === 'activate' && token.state !== 'INACTIVE') return [];
    return [{ operation, rule: outcome.rule }];
  });

/** An Option D token: the row offers "verify and activate". */
export const offersOptionD = (token: Token, policy: TokenActionPolicy | null): boolean => offeredOperations(token, policy).includes('activate');
