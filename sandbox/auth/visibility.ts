import type { Agent } from '../../shared/api/model';
import type { TokenChangedEvent } from '../../shared/api/stream-events';

/**
 * Whether an agent may learn of a change to a token. Every agent of the issuer serves every
 * cardholder today; the stream asks here for each change, so a later restriction (by portfolio,
 * by branch) applies to live and replayed events alike.
 */
export const mayAgentSee = (_agent: Agent, _change: TokenChangedEvent): boolean => true;
