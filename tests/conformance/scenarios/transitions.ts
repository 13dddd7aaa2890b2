import { issuerRefusal, type TokenOperation } from '../../../shared/domain/transitions';
import type { Token } from '../../../shared/api/model';
import { expectError, expectSuccess } from '../client';
import { NO_TEST_DATA, check, fail, passed, skipped, withCleanup, type Scenario, type ScenarioContext } from '../scenario';
import { agentIdOf, noSuspendableToken, operate, operationBody, resumeAfterwards, suspendableToken, tokensOfCards, transitionPolicyOf, waitForToken } from '../tokens';

/**
 * The transition table (docs/domain.md, "Operations and the transition table") as the backend
 * enforces it. What is expected is read from shared/domain/transitions.ts, the one table: the kit
 * asks it what the issuer may do to the token the backend shows, never keeps its own copy.
 */

const suspendActive: Scenario = {
  name: 'transitions.suspend-active',
  area: 'transitions',
  proves:
    'An ACTIVE token is suspended (202, then SUSPENDED by the issuer); a second suspend is refused with TRANSITION_NOT_ALLOWED naming the rule the table gives and the current state; an operation with a stale expectedState is refused with TOKEN_STATE_CONFLICT. The token is resumed afterwards.',
  run: async (context) => {
    const { testData, credentials, client, settleMs } = context;
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const policy = await transitionPolicyOf(agent);
    const token = await suspendableToken(agent, testData.cards);
    if (!token) return skipped(noSuspendableToken(testData.cards));
    const id = token.virtualCardId;

    const accepted = expectSuccess(await operate(agent, 'suspend', id, operationBody('suspend', 'ACTIVE')), 'suspendToken', `suspending ACTIVE ${id}`);
    check(accepted.virtualCardId === id && accepted.operation === 'suspend', `the accepted suspend names ${accepted.virtualCardId} ${accepted.operation}, not ${id} suspend`);
    return withCleanup(
      async () => {
        const suspended = await waitForToken(agent, id, (current) => current.state === 'SUSPENDED' && current.suspendedBy.includes('ISSUER'), settleMs, 'SUSPENDED by the issuer');
        const rule = issuerRefusal(suspended, 'suspend', policy);
        if (rule === null) return fail(`the transition table allows suspending ${id} again as it is now (${suspended.state}); the scenario cannot test the refusal`);
        const again = expectError(await operate(agent, 'suspend', id, operationBody('suspend', 'SUSPENDED')), 'TRANSITION_NOT_ALLOWED', `a second suspend of ${id}`);
        check(again.rule === rule, `a second suspend of ${id}: the table's rule is ${rule}, the backend named ${again.rule ?? 'none'}`);
        check(again.currentState === 'SUSPENDED', `a second suspend of ${id}: currentState must be SUSPENDED, got ${again.currentState ?? 'none'}`);
        // The agent saw the token ACTIVE, but it is SUSPENDED now: a resume on that view is stale.
        const stale = expectError(await operate(agent, 'resume', id, operationBody('resume', 'ACTIVE')), 'TOKEN_STATE_CONFLICT', `a resume of ${id} with the stale expectedState ACTIVE`);
        check(stale.currentState === 'SUSPENDED', `a stale resume of ${id}: currentState must be SUSPENDED, got ${stale.currentState ?? 'none'}`);
        return passed(`${id}: suspended (${accepted.operationId}); second suspend refused ${rule}; stale expectedState refused`);
      },
      () => resumeAfterwards(agent, id, settleMs),
    );
  },
};

/** The operations the kit asks for only to be refused: a refused one changes nothing. */
const REFUSED_ONLY: readonly Extract<TokenOperation, 'suspend' | 'resume'>[] = ['suspend', 'resume'];

const factsOf = (token: Token): string => `${token.state}${token.suspendedBy.length > 0 ? ` by ${token.suspendedBy.join('+')}` : ''}`;

const refusalsFollowTable: Scenario = {
  name: 'transitions.refusals',
  area: 'transitions',
  proves:
    "For every kind of token on the test cards (state and who suspended it), each suspend or resume the table refuses the issuer is refused with TRANSITION_NOT_ALLOWED, the table's rule and the token's current state; nothing changes.",
  run: async (context: ScenarioContext) => {
    const { testData, credentials, client } = context;
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const policy = await transitionPolicyOf(agent);
    const seen = new Set<string>();
    const checked: string[] = [];
    for (const token of await tokensOfCards(agent, testData.cards)) {
      for (const operation of REFUSED_ONLY) {
        const rule = issuerRefusal(token, operation, policy);
        const kind = `${operation} ${factsOf(token)}`;
        if (rule === null || seen.has(kind)) continue;
        seen.add(kind);
        const error = expectError(await operate(agent, operation, token.virtualCardId, operationBody(operation, token.state)), 'TRANSITION_NOT_ALLOWED', `${operation} of ${token.virtualCardId} (${factsOf(token)})`);
        check(error.rule === rule, `${operation} of ${token.virtualCardId} (${factsOf(token)}): the table's rule is ${rule}, the backend named ${error.rule ?? 'none'}`);
        check(error.currentState === token.state, `${operation} of ${token.virtualCardId}: currentState must be ${token.state}, got ${error.currentState ?? 'none'}`);
        checked.push(`${kind} → ${rule}`);
      }
    }
    if (checked.length === 0) return skipped('no token on the test cards is in a state where the table refuses the issuer a suspend or a resume');
    return passed(`${checked.length} refusals as the table has them: ${checked.join('; ')}`);
  },
};

export const transitionScenarios: readonly Scenario[] = [suspendActive, refusalsFollowTable];
