import type { OperationAccepted } from '../../shared/api/operations';
import type { TokenOperation } from '../../shared/domain/transitions';
import type { TrainingClock } from '../clock/training-clock';
import type { OperationContext } from '../routes/operations';
import type { RunApproved } from './approval-book';

/**
 * An approved request runs through the operations' own path (`operationRunner`): the same checks
 * (the state the agent saw, the transition table, Option D's identity checks), the same AGENT_ACTION
 * record and audit record and the same TSP confirmation, under the requester's name, with the
 * approval on record and so no longer held back. The workstation is the approver's, whose call ran it.
 */
export const runApprovedThrough =
  (run: (operation: TokenOperation) => (context: OperationContext) => OperationAccepted | Promise<OperationAccepted>, clock: TrainingClock): RunApproved =>
  async ({ operation, virtualCardId, body, requester, approval, origin }) => {
    const context = {
      params: { virtualCardId },
      body,
      trainingNow: clock.now(),
      correlationId: origin.correlationId,
      // The requester's name, not a session of theirs: the backend acts for them.
      session: { tokenHash: '', agent: requester },
      // The approver's workstation, whose call ran it (for the audit record of the action).
      client: { clientId: origin.workstationId ?? 'backend' },
      approval,
    };
    const accepted = await run(operation)(context);
    return accepted.operationId;
  };
