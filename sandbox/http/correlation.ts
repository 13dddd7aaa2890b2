import { randomUUID } from 'node:crypto';
import { CorrelationId } from '../../shared/api/ids';

/** The caller's `x-correlation-id` when it is well formed (a repeated header is not), else a new one. */
export const correlationIdFor = (header: string | string[] | undefined): string =>
  typeof header === 'string' && CorrelationId.safeParse(header).success ? header : randomUUID();
