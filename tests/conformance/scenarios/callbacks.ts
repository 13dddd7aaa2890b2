import { randomBytes, randomInt } from 'node:crypto';
import { CallbackReceipt, RequestCardDigitizationResponse, type CallbackResult } from '../../../shared/api/callbacks';
import type { Token } from '../../../shared/api/model';
import { expectBody, expectSuccess, newCorrelationId, pathOf, type Caller, type ConformanceClient } from '../client';
import { NO_TEST_DATA, check, fail, passed, skipped, withCleanup, type Scenario } from '../scenario';
import { agentIdOf, pickToken, readToken, tokensOfCards } from '../tokens';

/**
 * The platform's callbacks under the ordering rule (docs/domain.md, "Callback ordering") and the
 * two ways an enrolment ends before the token was usable (docs/domain.md, "Canceled and declined
 * enrolments"). The kit calls as the platform, with the platform's own client from the
 * credentials file.
 */

/** Capitals only: an id the kit makes must never read as a card number. */
const letters = (length: number): string =>
  Array.from(randomBytes(length), (byte) => String.fromCharCode(65 + (byte % 26))).join('');

/** One callback as the platform sends it: its own correlation id, a fresh Idempotency-Key (a copy of a callback is a new delivery, not a retry of one request). */
const callback = async (client: ConformanceClient, path: string, body: unknown, correlationId: string): Promise<CallbackResult[]> => {
  const answer = await client.platform.post(path, body, { headers: { 'x-correlation-id': correlationId } });
  if (answer.status !== 200) fail(`${path}: expected 200, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return expectBody(answer, CallbackReceipt, path).results;
};

const onlyResult = (results: readonly CallbackResult[], virtualCardId: string, what: string): CallbackResult => {
  const result = results.find((candidate) => candidate.virtualCardId === virtualCardId);
  return result ?? fail(`${what}: the receipt has no result for ${virtualCardId}: ${JSON.stringify(results)}`);
};

const changeOf = (token: Token, action: 'SUSPEND' | 'RESUME' | 'ACTIVATE', source: 'WALLET' | 'TSP') => ({
  issuerCardRefId: token.issuerCardRefId,
  virtualCardId: token.virtualCardId,
  walletProviderId: token.tokenRequestor.walletProviderId,
  tokenStorageId: token.device.tokenStorageId,
  isPrimary: token.isPrimary,
  action,
  source,
});

const agentFor = async (client: ConformanceClient, agents: readonly { agentId: string; role: string }[], lockoutAgentId: string | undefined): Promise<Caller | null> => {
  const agentId = agentIdOf(agents, 'agent', lockoutAgentId);
  return agentId ? client.agent(agentId) : null;
};

const duplicateCallback: Scenario = {
  name: 'callbacks.duplicate',
  area: 'callbacks',
  proves:
    "The wallet's SUSPEND of an ACTIVE test token is APPLIED; the same callback again (same x-correlation-id, action and outcome) is DUPLICATE and changes nothing (still suspended once, by the wallet). The wallet's RESUME puts the token back.",
  run: async ({ client, credentials, testData }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agent = await agentFor(client, credentials.agents, testData.lockoutAgentId);
    if (!agent) return skipped('the credentials file names no agent with the role agent');
    const token = pickToken(await tokensOfCards(agent, testData.cards), (candidate) => candidate.state === 'ACTIVE' && candidate.suspendedBy.length === 0);
    if (!token) return skipped(`no ACTIVE token on the test cards (${testData.cards.join(', ')})`);
    const id = token.virtualCardId;
    const path = pathOf('notifyVirtualCardChange');
    const correlationId = newCorrelationId();
    const first = onlyResult(await callback(client, path, changeOf(token, 'SUSPEND', 'WALLET'), correlationId), id, "the wallet's SUSPEND");
    check(first.outcome === 'APPLIED' && first.state === 'SUSPENDED', `the wallet's SUSPEND of ACTIVE ${id}: expected APPLIED and SUSPENDED, got ${first.outcome} ${first.state ?? ''}`);
    return withCleanup(
      async () => {
        const copy = onlyResult(await callback(client, path, changeOf(token, 'SUSPEND', 'WALLET'), correlationId), id, 'the copy');
        check(copy.outcome === 'DUPLICATE', `the same SUSPEND again: expected DUPLICATE, got ${copy.outcome}`);
        check(copy.state === 'SUSPENDED', `the same SUSPEND again: the token must stay SUSPENDED, the receipt says ${copy.state ?? 'none'}`);
        const after = await readToken(agent, id);
        check(after.state === 'SUSPENDED' && after.suspendedBy.join() === 'WALLET', `after the copy ${id} must be SUSPENDED by WALLET alone, it is ${after.state} by [${after.suspendedBy.join(', ')}]`);
        return passed(`${id}: SUSPEND applied, its copy DUPLICATE, nothing changed`);
      },
      async () => {
        const resumed = onlyResult(await callback(client, path, changeOf(token, 'RESUME', 'WALLET'), newCorrelationId()), id, "the wallet's RESUME");
        check(resumed.outcome === 'APPLIED' && resumed.state === 'ACTIVE', `the wallet's RESUME of ${id}: expected APPLIED and ACTIVE, got ${resumed.outcome} ${resumed.state ?? ''}`);
      },
    );
  },
};

const lateCallback: Scenario = {
  name: 'callbacks.late-after-delete',
  area: 'callbacks',
  proves: 'A RESUME or ACTIVATE that arrives for a DELETED test token is LATE: the token stays DELETED.',
  run: async ({ client, credentials, testData }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agent = await agentFor(client, credentials.agents, testData.lockoutAgentId);
    if (!agent) return skipped('the credentials file names no agent with the role agent');
    const token = pickToken(await tokensOfCards(agent, testData.cards), (candidate) => candidate.state === 'DELETED');
    if (!token) return skipped(`no DELETED token on the test cards (${testData.cards.join(', ')})`);
    const id = token.virtualCardId;
    const path = pathOf('notifyVirtualCardChange');
    const seen: string[] = [];
    for (const [action, source] of [['RESUME', 'WALLET'], ['ACTIVATE', 'TSP']] as const) {
      const result = onlyResult(await callback(client, path, changeOf(token, action, source), newCorrelationId()), id, `a late ${action}`);
      check(result.outcome === 'LATE', `a ${action} for DELETED ${id}: expected LATE, got ${result.outcome}`);
      check(result.state === 'DELETED', `a ${action} for DELETED ${id}: the token must stay DELETED, the receipt says ${result.state ?? 'none'}`);
      seen.push(`${action} LATE${result.rule ? ` (${result.rule})` : ''}`);
    }
    const after = await readToken(agent, id);
    check(after.state === 'DELETED', `${id} must still be DELETED, it is ${after.state}`);
    return passed(`${id}: ${seen.join(', ')}; still DELETED`);
  },
};

/** A request to enrol a new token on the card, from a device the cardholder never used, with the platform's scoring. */
const enrolment = (issuerCardRefId: string, scoring: Record<string, unknown>) => {
  const tag = letters(10);
  return {
    virtualCardId: `VCCONF${tag}`,
    body: {
      issuerCardRefId,
      virtualCardId: `VCCONF${tag}`,
      walletProviderId: 'APPLE_PAY',
      device: { name: 'Conformance phone', type: 'PHONE', tokenStorageId: `SE-CONF-${tag}` },
      isPrimary: true,
      scoring,
    },
  };
};

/** Enrols, and when the decision is `wanted`, ends the enrolment with D1's DIGITIZE FAILED; answers the token, or the decision it got instead. */
const enrolAndFail = async (
  client: ConformanceClient,
  agent: Caller,
  issuerCardRefId: string,
  scoring: Record<string, unknown>,
  wanted: 'YELLOW' | 'RED',
  requestorType: 'TSP' | 'D1',
): Promise<{ token: Token; kinds: string[] } | { decision: string; rule: string }> => {
  const { virtualCardId, body } = enrolment(issuerCardRefId, scoring);
  const correlationId = newCorrelationId();
  const answer = await client.platform.post(pathOf('requestCardDigitization'), body, { headers: { 'x-correlation-id': correlationId } });
  const decided = expectBody(answer, RequestCardDigitizationResponse, `enrolling ${virtualCardId} on ${issuerCardRefId}`);
  if (decided.levelOfTrust !== wanted) return { decision: decided.levelOfTrust, rule: decided.rule };
  const notice = { operationId: `conf-${letters(12)}`, operation: 'DIGITIZE', status: 'FAILED', requestorType, virtualCardId };
  const result = onlyResult(await callback(client, pathOf('notifyCardOperation', { issuerId: client.issuerId, issuerCardRefId }), notice, correlationId), virtualCardId, 'DIGITIZE FAILED');
  check(result.outcome === 'APPLIED', `DIGITIZE FAILED after ${wanted} for ${virtualCardId}: expected APPLIED, got ${result.outcome}`);
  const token = await readToken(agent, virtualCardId);
  const history = expectSuccess(await agent.get(`${pathOf('listTokenEvents', { virtualCardId })}?limit=50`), 'listTokenEvents', `the history of ${virtualCardId}`);
  return { token, kinds: history.items.map((event) => event.kind) };
};

const canceledVersusDeclined: Scenario = {
  name: 'callbacks.canceled-versus-declined',
  area: 'callbacks',
  proves:
    'Two enrolments on test cards end with DIGITIZE FAILED: after a step-up (YELLOW) decision it is a cancellation (DELETED, digitizationOutcome CANCELED, a DIGITIZATION_CANCELED event); after a decline (RED) it is a decline (DELETED, digitizationOutcome DECLINED, no DIGITIZATION_CANCELED).',
  run: async ({ client, credentials, testData }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    if (testData.enrolmentCards.length === 0) return skipped('the test data names no card the kit may enrol tokens on (enrolmentCards)');
    const agent = await agentFor(client, credentials.agents, testData.lockoutAgentId);
    if (!agent) return skipped('the credentials file names no agent with the role agent');
    // Two cards at random, so repeated runs spread their enrolments over the test cardholders.
    const first = randomInt(testData.enrolmentCards.length);
    const cancelCard = testData.enrolmentCards[first] ?? '';
    const declineCard = testData.enrolmentCards[(first + 1) % testData.enrolmentCards.length] ?? cancelCard;

    // A new device and a middling score asks for step-up; a very low score and a fraud signal for a decline.
    const canceled = await enrolAndFail(client, agent, cancelCard, { deviceScore: 3, accountScore: 4 }, 'YELLOW', 'TSP');
    if (!('token' in canceled)) return skipped(`a step-up enrolment was needed, the backend decided ${canceled.decision} (rule ${canceled.rule}) for a new device with device score 3 on ${cancelCard}`);
    check(canceled.token.state === 'DELETED' && canceled.token.digitizationOutcome === 'CANCELED', `after a step-up, DIGITIZE FAILED must leave ${canceled.token.virtualCardId} DELETED and CANCELED, it is ${canceled.token.state} ${canceled.token.digitizationOutcome ?? '(no outcome)'}`);
    check(canceled.kinds.includes('DIGITIZATION_CANCELED'), `the history of canceled ${canceled.token.virtualCardId} has no DIGITIZATION_CANCELED: ${canceled.kinds.join(', ')}`);

    const declined = await enrolAndFail(client, agent, declineCard, { deviceScore: 1, accountScore: 1, reasons: ['FRAUD_SUSPECTED'] }, 'RED', 'D1');
    if (!('token' in declined)) return skipped(`canceled told apart; a declined enrolment was needed, the backend decided ${declined.decision} (rule ${declined.rule}) for device score 1 and FRAUD_SUSPECTED on ${declineCard}`);
    check(declined.token.state === 'DELETED' && declined.token.digitizationOutcome === 'DECLINED', `after a decline, DIGITIZE FAILED must leave ${declined.token.virtualCardId} DELETED and DECLINED, it is ${declined.token.state} ${declined.token.digitizationOutcome ?? '(no outcome)'}`);
    check(!declined.kinds.includes('DIGITIZATION_CANCELED'), `declined ${declined.token.virtualCardId} must not be recorded as canceled`);
    return passed(`${canceled.token.virtualCardId} CANCELED, ${declined.token.virtualCardId} DECLINED`);
  },
};

export const callbackScenarios: readonly Scenario[] = [duplicateCallback, lateCallback, canceledVersusDeclined];
