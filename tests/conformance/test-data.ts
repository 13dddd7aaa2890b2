import { z } from 'zod';
import { AgentId, IssuerCardRefId } from '../../shared/api/ids';

/**
 * What the kit needs to find on a backend, named by the bank (docs/backend.md, "Test data the kit
 * needs"). The kit changes only what it finds here, and puts back what it changed.
 */
export const ConformanceTestData = z.strictObject({
  /** A cardholder search (name, customer id…) that finds at least three cardholders, so two per page makes pages. */
  searchQuery: z.string().min(1).max(100),
  /**
   * Test cards whose tokens the kit may suspend and resume (it resumes what it suspended), and
   * whose tokens in other states it asks for refused operations. At least one ACTIVE token among
   * them; a DELETED one lets the late-callback scenario run.
   */
  cards: z.array(IssuerCardRefId).min(1).max(20),
  /** Test cards the kit may enrol new tokens on (as the platform would), to end those enrolments canceled and declined. */
  enrolmentCards: z.array(IssuerCardRefId).max(20).default([]),
  /**
   * An agent of the credentials file the kit may lock out with wrong passwords (a throwaway
   * account nobody uses); without it the lockout scenario is skipped.
   */
  lockoutAgentId: AgentId.optional(),
});
export type ConformanceTestData = z.infer<typeof ConformanceTestData>;

/**
 * The training backend's seeded test data (sandbox/seed/README.md): a family name several
 * cardholders share; the bulk-by-card fixture (ACTIVE, suspended by the wallet and by the
 * issuer, DELETED) and a fleet card with many ACTIVE tokens; three cards of different
 * cardholders to enrol on (the training rules decline a fifth request of one cardholder within
 * 24 hours, so the kit spreads them); the account reserved for lockout tests.
 */
export const TRAINING_TEST_DATA: ConformanceTestData = {
  searchQuery: '佐藤',
  cards: ['CR000009CLSC', 'CR000003FLT4'],
  enrolmentCards: ['CR000002CLSC', 'CR000006CLSC', 'CR000005GOLD', 'CR000001GOLD'],
  lockoutAgentId: 'agent.lockout',
};
