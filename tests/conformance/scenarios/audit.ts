import { AuditTrailVerification } from '../../../shared/api/audit';
import { declaredEndpoint, expectBody, expectError, expectSuccess, pathOf } from '../client';
import { NO_TEST_DATA, check, fail, passed, skipped, withCleanup, type Scenario } from '../scenario';
import { agentIdOf, noSuspendableToken, operate, operationBody, resumeAfterwards, suspendableToken } from '../tokens';

/**
 * The backend's audit trail: it writes the record of every state-changing call itself, and only
 * supervisors and administrators read it (shared/api/audit.ts).
 */

const actionRecorded: Scenario = {
  name: 'audit.action-recorded',
  area: 'audit',
  proves:
    "An agent's suspend is in GET /api/v1/audit-records for a supervisor (TOKEN_ACTION, the agent as actor, the operation and its id, ACCEPTED); an agent reading the trail gets 403 FORBIDDEN_ROLE. The token is resumed afterwards.",
  run: async ({ testData, credentials, client, settleMs }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    const supervisorId = agentIdOf(credentials.agents, 'supervisor');
    if (!agentId || !supervisorId) return skipped('the credentials file needs an agent and a supervisor');
    const agent = await client.agent(agentId);
    const supervisor = await client.agent(supervisorId);
    const token = await suspendableToken(agent, testData.cards);
    if (!token) return skipped(noSuspendableToken(testData.cards));
    const id = token.virtualCardId;

    const accepted = expectSuccess(await operate(agent, 'suspend', id, operationBody('suspend', 'ACTIVE')), 'suspendToken', `suspending ${id}`);
    return withCleanup(
      async () => {
        const query = new URLSearchParams({ virtualCardId: id, limit: '50' });
        const page = expectSuccess(await supervisor.get(`${pathOf('listAuditRecords')}?${query.toString()}`), 'listAuditRecords', `${supervisorId} reading the trail of ${id}`);
        const record = page.items.find((item) => item.kind === 'TOKEN_ACTION' && item.detail.operationId === accepted.operationId);
        if (!record || record.kind !== 'TOKEN_ACTION') return fail(`the trail of ${id} has no TOKEN_ACTION for operation ${accepted.operationId} (${page.items.length} records: ${page.items.map((item) => item.kind).join(', ') || 'none'})`);
        check(record.actor.type === 'AGENT' && record.actor.agentId === agentId, `the record of ${accepted.operationId} names ${JSON.stringify(record.actor)} as actor, not the agent ${agentId}`);
        check(record.detail.operation === 'suspend' && record.outcome === 'ACCEPTED', `the record of ${accepted.operationId} says ${record.detail.operation} ${record.outcome}, not suspend ACCEPTED`);
        check(record.token?.virtualCardId === id, `the record of ${accepted.operationId} names token ${record.token?.virtualCardId ?? 'none'}, not ${id}`);
        expectError(await agent.get(`${pathOf('listAuditRecords')}?${query.toString()}`), 'FORBIDDEN_ROLE', `${agentId} (an agent) reading the trail`);
        return passed(`${id}: record ${record.sequence} of ${accepted.operationId} by ${agentId}; agents refused`);
      },
      () => resumeAfterwards(agent, id, settleMs),
    );
  },
};

/** The verification is a part of the API a backend may not offer yet: the kit runs it only when the API's table declares it. */
const VERIFY_ENDPOINT = 'verifyAuditTrail';

const trailVerifies: Scenario = {
  name: 'audit.trail-verifies',
  area: 'audit',
  proves: 'Where the API declares GET /api/v1/audit-records/verify: a supervisor gets the whole trail checked and it is intact; an agent gets 403 FORBIDDEN_ROLE.',
  run: async ({ credentials, client, testData }) => {
    const endpoint = declaredEndpoint(VERIFY_ENDPOINT);
    if (!endpoint) return skipped(`not offered: this build of the API declares no ${VERIFY_ENDPOINT}`);
    const agentId = agentIdOf(credentials.agents, 'agent', testData?.lockoutAgentId);
    const supervisorId = agentIdOf(credentials.agents, 'supervisor');
    if (!agentId || !supervisorId) return skipped('the credentials file needs an agent and a supervisor');
    const supervisor = await client.agent(supervisorId);
    const answer = await supervisor.get(endpoint.path);
    check(answer.status === endpoint.successStatus, `${supervisorId} verifying the trail: expected ${endpoint.successStatus}, got ${answer.status} ${answer.text.slice(0, 300)}`);
    const verification = expectBody(answer, AuditTrailVerification, 'the verification of the trail');
    if (!verification.intact) return fail(`the trail is broken at record ${verification.brokenAt.sequence}: ${verification.brokenAt.reason} (${verification.count} records)`);
    expectError(await (await client.agent(agentId)).get(endpoint.path), 'FORBIDDEN_ROLE', `${agentId} (an agent) verifying the trail`);
    return passed(`${verification.count} records, intact; agents refused`);
  },
};

export const auditScenarios: readonly Scenario[] = [actionRecorded, trailVerifies];
