import { randomUUID } from 'node:crypto';
import { CorrelationId } from '../../shared/api/ids';
import { looksLikeCardNumber } from '../../shared/domain/card-number-runs';

/**
 * The caller's `x-correlation-id` when it is well formed (a repeated header is not, nor one that
 * reads as a card number, which is never echoed), else a new one.
 */
export const correlationIdFor = (header: string | string[] | undefined): string =>
  typeof header === 'string' && CorrelationId.safeParse(header).success && !looksLikeCardNumber(header) ? header : randomUUID();
