import { isDeepStrictEqual } from 'node:util';
import { expectError, expectSuccess, newIdempotencyKey, pathOf } from '../client';
import { NO_TEST_DATA, check, passed, skipped, withCleanup, type Scenario } from '../scenario';
import { agentIdOf, noSuspendableToken, operate, operationBody, resumeAfterwards, suspendableToken, waitForToken } from '../tokens';

const idempotencyKeys: Scenario = {
  name: 'idempotency.operation-keys',
  area: 'idempotency',
  proves:
    'A token operation sent twice with the same Idempotency-Key and body gets the same answer and is done once (one AGENT_ACTION in the history); the same key with another body is a 422 IDEMPOTENCY_CONFLICT; no key is a 400 MISSING_PARAMETER naming idempotency-key. The token is resumed afterwards.',
  run: async ({ testData, credentials, client, settleMs }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const token = await suspendableToken(agent, testData.cards);
    if (!token) return skipped(noSuspendableToken(testData.cards));
    const id = token.virtualCardId;
    const key = newIdempotencyKey();
    const body = operationBody('suspend', 'ACTIVE');

    const first = await operate(agent, 'suspend', id, body, { idempotencyKey: key });
    const accepted = expectSuccess(first, 'suspendToken', `suspending ${id}`);
    return withCleanup(
      async () => {
        const again = await operate(agent, 'suspend', id, body, { idempotencyKey: key });
        check(again.status === first.status, `the same key and body again: expected the first answer's status ${first.status}, got ${again.status} ${again.text.slice(0, 200)}`);
        check(isDeepStrictEqual(again.json, first.json), `the same key and body again: expected the first answer ${first.text}, got ${again.text.slice(0, 300)}`);

        const other = await operate(agent, 'suspend', id, { ...body, comment: 'Conformance kit another body' }, { idempotencyKey: key });
        expectError(other, 'IDEMPOTENCY_CONFLICT', 'the same key with another body');

        const missing = expectError(await operate(agent, 'suspend', id, body, { idempotencyKey: null }), 'MISSING_PARAMETER', 'an operation without an Idempotency-Key');
        check(missing.field?.toLowerCase() === 'idempotency-key', `an operation without an Idempotency-Key: the error must name the field idempotency-key, it named ${missing.field ?? 'none'}`);

        await waitForToken(agent, id, (current) => current.state === 'SUSPENDED', settleMs, 'SUSPENDED');
        const history = expectSuccess(await agent.get(`${pathOf('listTokenEvents', { virtualCardId: id })}?limit=50`), 'listTokenEvents', `the history of ${id}`);
        const actions = history.items.filter((event) => event.kind === 'AGENT_ACTION' && event.detail.operationId === accepted.operationId);
        check(actions.length === 1, `operation ${accepted.operationId} must be in the history of ${id} once, it is there ${actions.length} times`);
        return passed(`${id}: replayed ${accepted.operationId} once, conflict 422, missing key 400`);
      },
      () => resumeAfterwards(agent, id, settleMs),
    );
  },
};

export const idempotencyScenarios: readonly Scenario[] = [idempotencyKeys];
