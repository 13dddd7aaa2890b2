import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { AuditRecord } from '../../../shared/api/audit';
import type { TokenEvent } from '../../../shared/api/model';
import { backendScript, type BackendScript } from '../../support/backend-script';
import { accounts, bridge, callBridge } from '../fixtures';

/**
 * The training backend behind the bridge, reached as a script (not through the console under
 * test): to play the wallet, make it misbehave, and count what it holds afterwards. Supervisors
 * read the audit records, so a supervisor's backend session is signed in for that.
 */
export const actionsBackend = async (request: APIRequestContext) => {
  const answer = await request.get('/__bridge/training', { headers: { authorization: `Bearer ${bridge.token}` } });
  expect(answer.status(), 'the bridge runs the training backend').toBe(200);
  const script: BackendScript = backendScript((await answer.json()) as Parameters<typeof backendScript>[0]);
  const supervisor = await script.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  return {
    ...script,
    events: (virtualCardId: string): Promise<TokenEvent[]> => script.tokenEvents(supervisor, virtualCardId),
    audit: (virtualCardId: string): Promise<AuditRecord[]> => script.auditRecords(supervisor, virtualCardId),
    /** The events that changed the token: its confirmations by the TSP (each counted, so a doubled one shows). */
    confirmations: async (virtualCardId: string, kind: TokenEvent['kind']): Promise<TokenEvent[]> =>
      (await script.tokenEvents(supervisor, virtualCardId)).filter((event) => event.kind === kind),
  };
};
export type ActionsBackend = Awaited<ReturnType<typeof actionsBackend>>;

interface TokenLike {
  readonly virtualCardId: string;
  readonly cardholderId: string;
  readonly issuerCardRefId: string;
  readonly state: string;
  readonly tokenLastFour: string;
  readonly suspendedBy: readonly string[];
}

/**
 * Active tokens of generated cardholders (C0000010 onwards), none of them a fixture other specs
 * rely on, for tests that change a token; each is used once per run (they are no longer ACTIVE after).
 */
export const findActiveTokens = async (page: Page, count: number, from = 10): Promise<TokenLike[]> => {
  const found: TokenLike[] = [];
  for (let n = from; n < 60 && found.length < count; n += 1) {
    const cardholderId = `C${String(n).padStart(7, '0')}`;
    const holder = (await callBridge(page, 'cardholders.get', { cardholderId })) as { ok: boolean; data?: { cards: { issuerCardRefId: string }[] } };
    if (!holder.ok || !holder.data) continue;
    for (const card of holder.data.cards) {
      const tokens = (await callBridge(page, 'cards.tokens', { issuerCardRefId: card.issuerCardRefId })) as { ok: boolean; data?: { items: TokenLike[] } };
      const active = tokens.data?.items.find((token) => token.state === 'ACTIVE');
      if (active) {
        found.push(active);
        break;
      }
    }
  }
  expect(found, 'enough active tokens among the generated cardholders').toHaveLength(count);
  return found;
};
