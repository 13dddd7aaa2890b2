import type { ApprovalRequest } from '../../shared/api/approvals';
import type { Agent } from '../../shared/api/model';

/**
 * Who may see an approval request (read it, list it, get it on the stream): the agent who asked,
 * and every supervisor and administrator, who decide them. Another agent never sees it.
 */
export const mayAgentSeeApproval = (agent: Agent, request: Pick<ApprovalRequest, 'requestedBy'>): boolean =>
  agent.role !== 'agent' || request.requestedBy.agentId === agent.agentId;
