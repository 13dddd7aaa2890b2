import { z } from 'zod';
import { APPROVAL_RULES } from '../domain/approval-rules';
import { VERIFIERS } from '../domain/identity-verification';
import { IsoDateTime, VirtualCardId } from './ids';
import { LevelOfTrust } from './model';
import { Verifier } from './token-terms';

/**
 * What the issuer decided about its agents' token actions, served by the backend so every
 * workstation follows the same policy and the backend can enforce what it serves.
 */
export { Verifier };

const IdentityPolicySchema = z.object({
  required: z.array(Verifier).max(VERIFIERS.length),
  choose: z.object({ from: z.array(Verifier).max(VERIFIERS.length), atLeast: z.number().int().min(0).max(VERIFIERS.length) }),
});

const RuleId = z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/);

const RiskConditionSchema = z.discriminatedUnion('signal', [
  z.object({ signal: z.literal('DEVICE_NEW_FOR_CARDHOLDER'), equals: z.boolean() }),
  z.object({ signal: z.literal('TOKENS_REQUESTED_24H'), atLeast: z.number().int().min(0).max(1000) }),
  z.object({ signal: z.literal('CALL_INBOUND'), equals: z.boolean() }),
  z.object({ signal: z.literal('ASKED_TO_SHARE_CODE'), equals: z.boolean() }),
  z.object({ signal: z.literal('LEVEL_OF_TRUST_REASON'), includes: z.string().regex(/^[A-Z_]{2,40}$/) }),
]);

const RiskRuleSchema = z.object({ id: RuleId, allOf: z.array(RiskConditionSchema).min(1).max(10) });

/** The four-eyes rules a policy may name (shared/domain/approval-rules.ts); a suspension is not one of them. */
export const ApprovalRule = z.enum(APPROVAL_RULES);

const ApprovalPolicy = z.strictObject({
  /** Each rule at most once; empty: nothing waits for a supervisor. */
  required: z
    .array(ApprovalRule)
    .max(ApprovalRule.options.length)
    .refine((rules) => new Set(rules).size === rules.length, 'each rule at most once'),
  /** A request nobody decided within this time expires (on the training clock) and is never run. */
  expiresAfterMinutes: z.number().int().min(1).max(7 * 24 * 60),
});

export const TokenActionPolicy = z.object({
  identityVerification: IdentityPolicySchema,
  riskRules: z.array(RiskRuleSchema).max(50),
  /** Lets agents lift a suspension the wallet or TSP set (transitions.ts); off by default. */
  issuerMayOverrideSuspension: z.boolean(),
  /**
   * False when the issuer sends its own OTP: the platform then sends no notifications to the
   * cardholder, and the console says so instead of promising one.
   */
  platformNotifications: z.boolean(),
  /**
   * The agents' phone calls: whether each must be wrapped up (an outcome chosen, the notes saved)
   * before the next one starts. A backend that says nothing gets the safe default: required.
   */
  phoneCalls: z.object({ wrapUpRequired: z.boolean() }).optional(),
  /**
   * Which actions wait for a supervisor's approval, and for how long a request stays open. A
   * backend that says nothing asks for none here; it still answers APPROVAL_REQUIRED to an action
   * it holds back, and the console then offers the request.
   */
  approvals: ApprovalPolicy.optional(),
});
export type TokenActionPolicy = z.infer<typeof TokenActionPolicy>;

/** What the backend knows about a token's digitization, for the scam-awareness panel. */
export const DigitizationSignals = z.object({
  virtualCardId: VirtualCardId,
  /** No earlier token of this cardholder lives on the same device (tokenStorageId). */
  deviceNewForCardholder: z.boolean(),
  /** Tokens this cardholder requested in the 24 hours up to this one's request, this one included. */
  tokensRequestedLast24h: z.number().int().nonnegative(),
  levelOfTrust: LevelOfTrust,
  requestedAt: IsoDateTime,
});
export type DigitizationSignals = z.infer<typeof DigitizationSignals>;

/** What the agent learned on the call, sent with an Option D activation so the backend can apply the same rules. */
export const CallAnswers = z.strictObject({
  /** The cardholder called us. */
  inbound: z.boolean(),
  /** Someone asked the caller to read out a code or to call us. */
  askedToShareCode: z.boolean(),
});
export type CallAnswers = z.infer<typeof CallAnswers>;
