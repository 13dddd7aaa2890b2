import type { AuditActor, AuditCardholder, AuditToken } from '../../shared/api/audit';
import type { Token } from '../../shared/api/model';
import type { SessionContext } from '../auth/agents';
import type { SandboxStore } from '../store/store';

/** The signed-in agent as the session proves them: never what a request body claims. */
export const agentActor = (session: SessionContext): AuditActor => ({ type: 'AGENT', agentId: session.agent.agentId, name: session.agent.name, role: session.agent.role });

/** The first character of each part of the Latin name: enough to tell records apart, not to identify. */
const maskName = (latin: string): string =>
  latin
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => `${[...part][0] ?? ''}.`)
    .join(' ') || '?';

export const cardholderPart = (store: SandboxStore, cardholderId: string): AuditCardholder => {
  const holder = store.cardholders.get(cardholderId);
  return { cardholderId, maskedName: holder ? maskName(holder.name.latin) : '?' };
};

/** The token as the backend holds it: last fours, wallet and device, never the DPAN. */
export const tokenPart = (token: Token): AuditToken => ({
  virtualCardId: token.virtualCardId,
  tokenLastFour: token.tokenLastFour,
  issuerCardRefId: token.issuerCardRefId,
  cardLastFour: token.fundingLastFour,
  walletProviderId: token.tokenRequestor.walletProviderId,
  deviceType: token.device.type,
  deviceName: token.device.name,
});
