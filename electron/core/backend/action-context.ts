import { randomUUID } from 'node:crypto';

/**
 * One agent action (suspend this token, open this cardholder): the backend sees the same
 * x-correlation-id on every request and retry the action causes, and a POST carries the same
 * Idempotency-Key on every retry, so a retry after a lost answer cannot suspend twice.
 * Ids are random, never derived from a card or a person (domain.md §6).
 */
export interface ActionContext {
  readonly correlationId: string;
  readonly idempotencyKey: string;
}

export const createActionContext = (): ActionContext => ({ correlationId: randomUUID(), idempotencyKey: randomUUID() });
