import { randomUUID } from 'node:crypto';
import type { ActionContext } from '../backend/action-context';
import type { CallContext } from '../ipc/dispatch';

/**
 * The backend action for one call: the call's correlation id becomes the request's
 * x-correlation-id, so one id runs from the renderer through main to the backend's log.
 */
export const actionFor = (context: CallContext): ActionContext => ({ correlationId: context.correlationId, idempotencyKey: randomUUID() });
