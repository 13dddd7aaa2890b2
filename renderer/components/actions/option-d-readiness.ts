import type { DigitizationSignals, TokenActionPolicy, Verifier } from '../../../shared/contract';
import { checkIdentity } from '../../../shared/domain/identity-verification';
import { matchedRiskRules } from '../../store/actions/validate';
import type { ActionDraft } from '../../store/actions/initialState';

/**
 * Where an Option D activation stands, for the dialog's footer and its button (docs/domain.md,
 * "Option D"): ready only when the identity checks meet the issuer's policy and both scam
 * questions are answered with no risk rule matching; a match needs a supervisor, whatever else.
 */
export type OptionDReadiness =
  | { readonly kind: 'loading' }
  | { readonly kind: 'supervisor'; readonly rules: readonly string[] }
  | { readonly kind: 'incomplete'; readonly identityLeft: number; readonly questionsLeft: number }
  | { readonly kind: 'ready' };

export const optionDReadiness = (
  policy: TokenActionPolicy | null,
  signals: DigitizationSignals | null,
  draft: ActionDraft,
): OptionDReadiness => {
  if (policy === null || signals === null) return { kind: 'loading' };
  const rules = matchedRiskRules(policy, signals, draft);
  if (rules.length > 0) return { kind: 'supervisor', rules };
  const identity = checkIdentity(policy.identityVerification, draft.verifiers);
  const identityLeft = identity.missingRequired.length + identity.stillNeeded;
  const questionsLeft = (draft.callInbound === null ? 1 : 0) + (draft.askedToShareCode === null ? 1 : 0);
  if (identityLeft > 0 || questionsLeft > 0) return { kind: 'incomplete', identityLeft, questionsLeft };
  return { kind: 'ready' };
};

/**
 * The checklist's keys: 1 for every required check at once (they are asked together and pass
 * only together), then one digit per optional check, in the order shown.
 */
export const checklistKeys = (policy: TokenActionPolicy['identityVerification']): { readonly key: string; readonly verifiers: readonly Verifier[] }[] => {
  const optional = policy.choose.from.filter((verifier) => !policy.required.includes(verifier));
  const groups: (readonly Verifier[])[] = [...(policy.required.length > 0 ? [policy.required] : []), ...optional.map((verifier) => [verifier])];
  return groups.slice(0, 9).map((verifiers, index) => ({ key: String(index + 1), verifiers }));
};

/** Pressing a check's key: all of its verifiers on, or, when they are all on already, off. */
export const toggleVerifiers = (passed: readonly Verifier[], verifiers: readonly Verifier[]): Verifier[] => {
  const allOn = verifiers.every((verifier) => passed.includes(verifier));
  const rest = passed.filter((verifier) => !verifiers.includes(verifier));
  return allOn ? rest : [...rest, ...verifiers];
};

/** The question Y / N answers: the first one not answered yet, in the order they are asked. */
export const currentQuestion = (draft: Pick<ActionDraft, 'callInbound' | 'askedToShareCode'>): 'callInbound' | 'askedToShareCode' | null => {
  if (draft.callInbound === null) return 'callInbound';
  if (draft.askedToShareCode === null) return 'askedToShareCode';
  return null;
};
