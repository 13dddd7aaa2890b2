import type { EndpointName, Endpoints } from '../../shared/api/endpoints';
import type { Role } from '../../shared/api/model';
import { ApiFailure } from '../http/errors';

/** The endpoints that need a signed-in agent; each must appear in the table below. */
export type AgentEndpointName = { [K in EndpointName]: Endpoints[K]['auth'] extends 'agent' ? K : never }[EndpointName];

const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * Which roles may call which agent endpoint. Every role may read; the token actions that later
 * issues add say here who may take them. The backend enforces it whatever the console shows.
 */
export const endpointRoles: Record<AgentEndpointName, readonly Role[]> = {
  verifyPassword: EVERYONE,
  signOut: EVERYONE,
  searchCardholders: EVERYONE,
  getCardholder: EVERYONE,
  listCardTokens: EVERYONE,
  getToken: EVERYONE,
  listTokenEvents: EVERYONE,
  streamEvents: EVERYONE,
  // Every role serves callers: an agent takes these actions, a supervisor or admin may stand in.
  activateToken: EVERYONE,
  suspendToken: EVERYONE,
  resumeToken: EVERYONE,
  deleteToken: EVERYONE,
  getActionPolicy: EVERYONE,
  getDigitizationSignals: EVERYONE,
  // Every role's console reports its own idle lock.
  reportIdleLock: EVERYONE,
  // Reading and checking the audit trail is oversight: supervisors and administrators only.
  listAuditRecords: ['supervisor', 'admin'],
  verifyAuditTrail: ['supervisor', 'admin'],
  // Accounts: supervisors see and unlock them; resetting a training password is the administrator's.
  listAgents: ['supervisor', 'admin'],
  unlockAgent: ['supervisor', 'admin'],
  resetAgentPassword: ['admin'],
  // Every role reads the notifications (the action dialogs show them); only an administrator changes them.
  listNotificationTemplates: EVERYONE,
  saveNotificationTemplate: ['admin'],
  saveNotificationSettings: ['admin'],
  // Phone calls: every role takes them and reads the outcome list and the service notes; reading
  // other agents' phone calls is oversight, and the outcome list is the administrator's.
  listCallOutcomes: EVERYONE,
  saveCallOutcomes: ['admin'],
  createPhoneCall: EVERYONE,
  listPhoneCalls: ['supervisor', 'admin'],
  // Integrity reports come with the workstation's credential; reading them is oversight.
  listIntegrityReports: ['supervisor', 'admin'],
  listServiceNotes: EVERYONE,
  // Four-eyes approval: anyone may ask (a supervisor standing in too) and reads what they may see
  // (the handler narrows an agent to their own); only supervisors and administrators decide, never
  // on their own request (the handler checks that).
  createApprovalRequest: EVERYONE,
  listApprovalRequests: EVERYONE,
  getApprovalRequest: EVERYONE,
  approveApprovalRequest: ['supervisor', 'admin'],
  rejectApprovalRequest: ['supervisor', 'admin'],
  // The floor's alert rules: supervisors read the rules their floor raises alerts by; only an administrator tunes them.
  getFloorAlertSettings: ['supervisor', 'admin'],
  saveFloorAlertSettings: ['admin'],
};

export const requireRole = (endpoint: AgentEndpointName, role: Role): void => {
  if (!endpointRoles[endpoint].includes(role)) {
    throw new ApiFailure('FORBIDDEN_ROLE', `The ${role} role may not call ${endpoint}.`);
  }
};
