import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../backend/request-context';
import type { CallContext } from '../ipc/dispatch';

/**
 * The backend request context for one call: the call's correlation id becomes the request's
 * x-correlation-id, so one id runs from the renderer through main to the backend's log.
 */
export const requestContextFor = (context: CallContext): RequestContext => ({ correlationId: context.correlationId, idempotencyKey: randomUUID() });
