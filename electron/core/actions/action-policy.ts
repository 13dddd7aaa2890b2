import type { TokenActionPolicy } from '../../../shared/api/policy';
import type { AgentIdentity } from '../backend/backend-client';

/**
 * The issuer's action policy, fetched once per agent session: the backend serves it and enforces
 * it, so a session sees one policy from sign-in to sign-out, and the next sign-in reads it afresh.
 * A failed fetch is not kept, so the next call tries again.
 */
export interface ActionPolicyCache {
  /** The policy for this session, fetched with `fetch` the first time. */
  get(agent: AgentIdentity, fetch: () => Promise<TokenActionPolicy>): Promise<TokenActionPolicy>;
}

export const createActionPolicyCache = (): ActionPolicyCache => {
  let held: { readonly sessionToken: string; readonly policy: Promise<TokenActionPolicy> } | null = null;
  return {
    get(agent, fetch) {
      if (held?.sessionToken === agent.sessionToken) return held.policy;
      const entry: NonNullable<typeof held> = { sessionToken: agent.sessionToken, policy: fetch() };
      held = entry;
      entry.policy.catch(() => {
        if (held === entry) held = null;
      });
      return entry.policy;
    },
  };
};
