import { CallError } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';

/**
 * The supervisors' calls are refused to an agent here, in core, before the backend is asked (the
 * backend refuses them again): the renderer hiding the screens is no enforcement.
 */
export const requireSupervisor = (session: AgentSessionManager): void => {
  const { role } = session.requireAgent().agent;
  if (role !== 'supervisor' && role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only a supervisor or an administrator may read the audit trail');
};
