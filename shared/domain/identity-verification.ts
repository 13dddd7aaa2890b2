/**
 * Option D: before an agent activates a yellow-path token, the caller proves who they are. The
 * issuer sets the policy (the backend serves it); the training default asks for full name and date
 * of birth plus two of phone, address, last transaction amount and security word. Only which checks
 * passed is ever recorded or sent, never what the caller answered.
 */
export const VERIFIERS = ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'ADDRESS', 'LAST_TRANSACTION_AMOUNT', 'SECURITY_WORD'] as const;
export type VerifierName = (typeof VERIFIERS)[number];

export interface IdentityPolicy {
  /** Every one of these must pass. */
  readonly required: readonly VerifierName[];
  /** And at least `atLeast` of these. */
  readonly choose: { readonly from: readonly VerifierName[]; readonly atLeast: number };
}

export const TRAINING_IDENTITY_POLICY: IdentityPolicy = {
  required: ['FULL_NAME', 'DATE_OF_BIRTH'],
  choose: { from: ['REGISTERED_PHONE', 'ADDRESS', 'LAST_TRANSACTION_AMOUNT', 'SECURITY_WORD'], atLeast: 2 },
};

export interface IdentityCheck {
  readonly met: boolean;
  /** Required checks not (yet) passed. */
  readonly missingRequired: VerifierName[];
  /** How many of `choose.from` passed, and how many more are needed. */
  readonly chosen: number;
  readonly stillNeeded: number;
}

/** Whether the checks the agent ticked meet the policy; the Activate button and core both ask this. */
export const checkIdentity = (policy: IdentityPolicy, passed: readonly VerifierName[]): IdentityCheck => {
  const done = new Set(passed);
  const missingRequired = policy.required.filter((verifier) => !done.has(verifier));
  const chosen = policy.choose.from.filter((verifier) => done.has(verifier) && !policy.required.includes(verifier)).length;
  const stillNeeded = Math.max(0, policy.choose.atLeast - chosen);
  return { met: missingRequired.length === 0 && stillNeeded === 0, missingRequired, chosen, stillNeeded };
};
