import { cardNumberPlace } from '../../../shared/api/free-text';
import type { Token } from '../../../shared/api/model';
import {
  SubmitActionInput,
  SubmitBulkInput,
  type BulkPreview,
  type BulkScope,
  type DigitizationSignals,
  type TokenActionPolicy,
} from '../../../shared/contract';
import { checkIdentity } from '../../../shared/domain/identity-verification';
import { findReason } from '../../../shared/domain/reason-codes';
import { matchRiskRules, type RiskFacts } from '../../../shared/domain/risk-rules';
import type { TokenOperation } from '../../../shared/domain/transitions';
import type { ActionDraft, ActionField, FieldProblem, FieldProblems } from './initialState';

/** The contract's limit for the agent's comment. */
export const COMMENT_MAX = 500;

export type Built<T> = { readonly ok: true; readonly input: T } | { readonly ok: false; readonly problems: FieldProblems };

/**
 * A run of digits like a card number in the comment, said at the field with where it stands, by
 * the contract's own free-text rule: shown as the agent types, and nothing is sent while it is there.
 */
export const cardNumberProblem = (text: string): FieldProblem | undefined => {
  const place = cardNumberPlace(text);
  return place === null ? undefined : { key: 'freeText.cardNumber', values: { ...place } };
};

/** Reason and comment, as every operation asks for them. */
const reasonProblems = (operation: TokenOperation, draft: ActionDraft): FieldProblems => {
  const problems: { -readonly [K in ActionField]?: FieldProblems[K] } = {};
  const reason = findReason(operation, draft.reasonCode);
  if (!reason) problems.reasonCode = { key: 'actions.field.reasonRequired' };
  else if (reason.commentRequired && draft.comment.trim() === '') problems.comment = { key: 'actions.field.commentRequired' };
  if (draft.comment.length > COMMENT_MAX) problems.comment = { key: 'actions.field.commentTooLong', values: { max: COMMENT_MAX, count: draft.comment.length } };
  const cardNumber = cardNumberProblem(draft.comment);
  if (cardNumber) problems.comment = cardNumber;
  return problems;
};

/** The comment as sent: absent when the agent wrote nothing. */
const commentOf = (draft: ActionDraft): { comment?: string } => (draft.comment.trim() === '' ? {} : { comment: draft.comment });

/**
 * What the caller said on the call, as the risk rules read it. Until the agent has answered, the
 * answers count as the harmless ones, so a rule that holds whatever they say shows at once; the
 * activation still waits for real answers.
 */
const riskFacts = (signals: DigitizationSignals, draft: Pick<ActionDraft, 'callInbound' | 'askedToShareCode'>): RiskFacts => ({
  deviceNewForCardholder: signals.deviceNewForCardholder,
  tokensRequestedLast24h: signals.tokensRequestedLast24h,
  levelOfTrustReasons: signals.levelOfTrust.reasons,
  callInbound: draft.callInbound ?? true,
  askedToShareCode: draft.askedToShareCode ?? false,
});

/** The risk rules this activation matches; any match means a supervisor, which is refused for now. */
export const matchedRiskRules = (policy: TokenActionPolicy, signals: DigitizationSignals, draft: ActionDraft): string[] =>
  matchRiskRules(policy.riskRules, riskFacts(signals, draft));

/** Field paths main reported on INVALID_INPUT, as the dialog's fields. */
export const problemsFromFields = (fields: readonly string[] | undefined): FieldProblems => {
  const byPath: Readonly<Record<string, ActionField>> = {
    reasonCode: 'reasonCode',
    comment: 'comment',
    confirmTokenLastFour: 'confirmLastFour',
    verifiers: 'verifiers',
    callAnswers: 'callAnswers',
  };
  const problems: { -readonly [K in ActionField]?: FieldProblems[K] } = {};
  for (const path of fields ?? []) {
    const field = byPath[path.split('.')[0] ?? ''];
    // Main compares the typed last four with the token as the backend has it.
    if (field === 'confirmLastFour') problems[field] = { key: 'actions.field.lastFourMismatch' };
    else if (field !== undefined) problems[field] = { key: 'actions.field.invalid' };
  }
  return problems;
};

const hasProblems = (problems: FieldProblems): boolean => Object.keys(problems).length > 0;

export interface TokenActionFacts {
  readonly actionId: string;
  readonly operation: TokenOperation;
  readonly token: Token;
  readonly draft: ActionDraft;
  /** Activate only. */
  readonly policy?: TokenActionPolicy | null;
  readonly signals?: DigitizationSignals | null;
}

/** The `actions.submit` input for one token, or what the agent still has to fix, field by field. */
export const buildTokenAction = ({ actionId, operation, token, draft, policy, signals }: TokenActionFacts): Built<SubmitActionInput> => {
  const problems: { -readonly [K in ActionField]?: FieldProblems[K] } = { ...reasonProblems(operation, draft) };
  const base = {
    actionId,
    virtualCardId: token.virtualCardId,
    operation,
    reasonCode: draft.reasonCode,
    ...commentOf(draft),
    expectedState: token.state,
  };
  let extra: Partial<SubmitActionInput> = {};
  if (operation === 'activate') {
    if (draft.callInbound === null || draft.askedToShareCode === null) problems.callAnswers = { key: 'actions.field.callAnswersRequired' };
    if (!policy || !checkIdentity(policy.identityVerification, draft.verifiers).met) problems.verifiers = { key: 'actions.field.identityNotMet' };
    // The button is not there when a rule matches; this keeps a stray Enter from sending it anyway.
    if (policy && signals && matchedRiskRules(policy, signals, draft).length > 0) problems.callAnswers ??= { key: 'actions.field.invalid' };
    extra = { verifiers: [...draft.verifiers], callAnswers: { inbound: draft.callInbound ?? false, askedToShareCode: draft.askedToShareCode ?? false } };
  }
  if (operation === 'delete') {
    if (draft.confirmLastFour.trim() !== token.tokenLastFour) problems.confirmLastFour = { key: 'actions.field.lastFourMismatch' };
    extra = { confirmTokenLastFour: draft.confirmLastFour.trim() };
  }
  if (hasProblems(problems)) return { ok: false, problems };
  const parsed = SubmitActionInput.safeParse({ ...base, ...extra });
  if (!parsed.success) return { ok: false, problems: problemsFromFields(parsed.error.issues.map((issue) => issue.path.join('.'))) };
  return { ok: true, input: parsed.data };
};

export interface BulkActionFacts {
  readonly bulkId: string;
  readonly scope: BulkScope;
  readonly draft: ActionDraft;
  readonly preview: BulkPreview;
  /** Each previewed token's action id. */
  readonly itemActionIds: Readonly<Record<string, string>>;
}

/** The tokens a preview says will change. */
export const changing = (preview: BulkPreview) => preview.items.filter((item) => item.decision === 'CHANGE');

/** The `actions.submitBulk` input: exactly the tokens the preview said would change, each with the state it showed. */
export const buildBulkAction = ({ bulkId, scope, draft, preview, itemActionIds }: BulkActionFacts): Built<SubmitBulkInput> => {
  const operation = draft.bulkOperation;
  const problems: { -readonly [K in ActionField]?: FieldProblems[K] } = { ...reasonProblems(operation, draft) };
  const items = changing(preview);
  if (operation === 'delete' && (draft.confirmCount.trim() === '' || Number(draft.confirmCount.trim()) !== items.length)) problems.confirmCount = { key: 'actions.field.countMismatch' };
  if (hasProblems(problems)) return { ok: false, problems };
  const parsed = SubmitBulkInput.safeParse({
    bulkId,
    operation,
    scope,
    reasonCode: draft.reasonCode,
    ...commentOf(draft),
    items: items.map((item) => ({ actionId: itemActionIds[item.virtualCardId], virtualCardId: item.virtualCardId, expectedState: item.state })),
  });
  if (!parsed.success) return { ok: false, problems: problemsFromFields(parsed.error.issues.map((issue) => issue.path.join('.'))) };
  return { ok: true, input: parsed.data };
};
