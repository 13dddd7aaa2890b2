import { randomUUID } from 'node:crypto';

/**
 * The ids one request carries to the backend: the same x-correlation-id on every request and
 * retry that one piece of the agent's work causes (a call from the renderer, one token action's
 * sends), and on a POST the same Idempotency-Key on every retry, so a retry after a lost answer
 * cannot suspend twice. Ids are random, never derived from a card or a person
 * (docs/domain.md, "Identifiers").
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly idempotencyKey: string;
}

export const createRequestContext = (): RequestContext => ({ correlationId: randomUUID(), idempotencyKey: randomUUID() });
