import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DigitizationSignals, TokenActionPolicy } from '../../../shared/api/policy';
import { TRAINING_IDENTITY_POLICY } from '../../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES } from '../../../shared/domain/risk-rules';
import { knownFixtures } from '../../../sandbox/index';
import { trainingActionPolicy } from '../../../sandbox/policy/action-policy';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * The token-action policy over real HTTP: the action policy the backend serves and a trainer changes, the
 * digitization signals computed from the store, and the activate operation refusing what the
 * identity policy or the risk rules refuse, changing nothing when it does.
 */
const CONFIRM_DELAY_MS = 50;
let h: Harness;
let agent: Record<string, string>;
const { yellowPath, bulkCard, lostPhone, suspensions } = knownFixtures;

const ENOUGH = ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'SECURITY_WORD'];
const SAFE_CALL = { inbound: true, askedToShareCode: false };

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: CONFIRM_DELAY_MS });
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

const setPolicy = async (policy: TokenActionPolicy): Promise<Response> => h.post('/training/v1/action-policy', policy, await h.platformHeaders());

beforeEach(async () => {
  expect((await setPolicy(trainingActionPolicy())).status).toBe(200);
});

const activate = (virtualCardId: string, extra: Record<string, unknown>): Promise<Response> =>
  h.post(
    `/api/v1/tokens/${virtualCardId}/operations:activate`,
    { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Authenticated with a customer service agent', expectedState: 'INACTIVE', ...extra },
    agent,
  );

const signalsOf = async (virtualCardId: string): Promise<DigitizationSignals> => {
  const response = await h.get(`/api/v1/tokens/${virtualCardId}/digitization-signals`, agent);
  expect(response.status, await response.clone().text()).toBe(200);
  return DigitizationSignals.parse(await response.json());
};

/** The token and its history exactly as they were: a refusal changes nothing. */
const unchanged = (virtualCardId: string): (() => void) => {
  const token = h.sandbox.store.tokens.get(virtualCardId);
  const count = h.sandbox.store.eventCount(virtualCardId);
  return () => {
    expect(h.sandbox.store.tokens.get(virtualCardId)).toEqual(token);
    expect(h.sandbox.store.eventCount(virtualCardId)).toBe(count);
  };
};

describe('GET /api/v1/policies/token-actions', () => {
  it('serves the training policy to every role: the shared identity checks and risk rules, no override, platform notifications', async () => {
    for (const who of ['agent.sato', 'supervisor.suzuki', 'admin.tanaka']) {
      const response = await h.get('/api/v1/policies/token-actions', await h.agentHeaders(who));
      expect(response.status).toBe(200);
      const policy = TokenActionPolicy.parse(await response.json());
      expect(policy.identityVerification).toEqual({ required: [...TRAINING_IDENTITY_POLICY.required], choose: { ...TRAINING_IDENTITY_POLICY.choose, from: [...TRAINING_IDENTITY_POLICY.choose.from] } });
      expect(policy.riskRules.map((rule) => rule.id)).toEqual(TRAINING_RISK_RULES.map((rule) => rule.id));
      expect(policy.issuerMayOverrideSuspension).toBe(false);
      expect(policy.platformNotifications).toBe(true);
    }
  });

  it('serves what a trainer set with POST /training/v1/action-policy, and refuses a malformed policy naming the field', async () => {
    const strict: TokenActionPolicy = { ...trainingActionPolicy(), identityVerification: { required: ['FULL_NAME'], choose: { from: ['ADDRESS'], atLeast: 1 } }, riskRules: [] };
    const set = await setPolicy(strict);
    expect(TokenActionPolicy.parse(await set.json())).toEqual(strict);
    expect(TokenActionPolicy.parse(await (await h.get('/api/v1/policies/token-actions', agent)).json())).toEqual(strict);

    const bad = await setPolicy({ ...strict, riskRules: [{ id: 'lower case', allOf: [{ signal: 'CALL_INBOUND', equals: false }] }] });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ category: 'D', field: 'riskRules.0.id' });
    expect(h.sandbox.store.actionPolicy).toEqual(strict);
  });
});

describe('GET /api/v1/tokens/{id}/digitization-signals', () => {
  it('VCYELLOW0001: a device new for the cardholder, one token in 24 hours, its level of trust', async () => {
    const signals = await signalsOf(yellowPath.virtualCardId);
    const token = h.sandbox.store.tokens.get(yellowPath.virtualCardId);
    expect(signals).toEqual({
      virtualCardId: yellowPath.virtualCardId,
      deviceNewForCardholder: true,
      tokensRequestedLast24h: 1,
      levelOfTrust: token?.levelOfTrust,
      requestedAt: token?.digitizedAt,
    });
  });

  it('the risky yellow token: new device and the third token requested within 24 hours, later tokens not counted', async () => {
    expect(await signalsOf(bulkCard.riskyYellow)).toMatchObject({ deviceNewForCardholder: true, tokensRequestedLast24h: 3 });
    // The earlier of the two card-on-file tokens had only itself in its window.
    expect(await signalsOf(bulkCard.recent[0])).toMatchObject({ tokensRequestedLast24h: 1 });
    expect(await signalsOf(bulkCard.recent[1])).toMatchObject({ tokensRequestedLast24h: 2 });
  });

  it('a device is not new when an earlier token of the same cardholder, on any card, lives on it', async () => {
    // The deleted token is the phone's first: it still makes the phone known.
    expect((await signalsOf(lostPhone.deleted)).deviceNewForCardholder).toBe(true);
    for (const id of lostPhone.activeOnPhone) expect((await signalsOf(id)).deviceNewForCardholder).toBe(false);
    expect((await signalsOf(lostPhone.otherDevice)).deviceNewForCardholder).toBe(true);
  });

  it('answers 119 naming virtualCardId for an unknown token', async () => {
    const response = await h.get('/api/v1/tokens/VCNOSUCHTOKEN/digitization-signals', agent);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: '119', category: 'D', field: 'virtualCardId' });
  });
});

describe('operations:activate under the policy', () => {
  it('refuses checks that do not meet the identity policy with IDENTITY_NOT_VERIFIED naming verifiers, changing nothing', async () => {
    const check = unchanged(yellowPath.virtualCardId);
    for (const verifiers of [undefined, ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS'], ['FULL_NAME', 'ADDRESS', 'SECURITY_WORD', 'REGISTERED_PHONE']]) {
      const response = await activate(yellowPath.virtualCardId, { ...(verifiers ? { verifiers } : {}), callAnswers: SAFE_CALL });
      expect(response.status).toBe(422);
      expect(await errorOf(response)).toMatchObject({ code: 'IDENTITY_NOT_VERIFIED', category: 'F', field: 'verifiers' });
    }
    check();
  });

  it('needs the call answers to apply the risk rules (111 naming callAnswers)', async () => {
    const check = unchanged(yellowPath.virtualCardId);
    const response = await activate(yellowPath.virtualCardId, { verifiers: ENOUGH });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: '111', category: 'D', field: 'callAnswers' });
    check();
  });

  it.each([
    { call: { inbound: false, askedToShareCode: false }, rules: ['OUTBOUND_CALL'] },
    { call: { inbound: true, askedToShareCode: true }, rules: ['ASKED_TO_SHARE_CODE'] },
    { call: { inbound: false, askedToShareCode: true }, rules: ['ASKED_TO_SHARE_CODE', 'OUTBOUND_CALL'] },
  ])('holds VCYELLOW0001 back for a supervisor (APPROVAL_REQUIRED) with rules $rules for call $call; refuses it where the policy offers no approval', async ({ call, rules }) => {
    const check = unchanged(yellowPath.virtualCardId);
    const response = await activate(yellowPath.virtualCardId, { verifiers: ENOUGH, callAnswers: call });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'APPROVAL_REQUIRED', category: 'F', rule: 'ACTIVATION_RISK_RULE', rules });
    const { approvals: _approvals, ...withoutApprovals } = trainingActionPolicy();
    await setPolicy(withoutApprovals);
    const refused = await activate(yellowPath.virtualCardId, { verifiers: ENOUGH, callAnswers: call });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'SUPERVISOR_APPROVAL_REQUIRED', category: 'F', rules });
    check();
  });

  it('refuses the risky yellow token on its signals alone, even on a safe call; accepts it when the trainer drops the rule', async () => {
    const check = unchanged(bulkCard.riskyYellow);
    const refused = await activate(bulkCard.riskyYellow, { verifiers: ENOUGH, callAnswers: SAFE_CALL });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'APPROVAL_REQUIRED', rule: 'ACTIVATION_RISK_RULE', rules: [bulkCard.riskRule] });
    check();

    await setPolicy({ ...trainingActionPolicy(), riskRules: trainingActionPolicy().riskRules.filter((rule) => rule.id !== bulkCard.riskRule) });
    const accepted = await activate(bulkCard.riskyYellow, { verifiers: ENOUGH, callAnswers: SAFE_CALL });
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    await expect.poll(() => h.sandbox.store.tokens.get(bulkCard.riskyYellow)?.state).toBe('ACTIVE');
  });

  it('accepts VCYELLOW0001 on an inbound call without a code request, with the checks and call answers on record', async () => {
    const response = await activate(yellowPath.virtualCardId, { verifiers: ENOUGH, callAnswers: SAFE_CALL });
    expect(response.status, await response.clone().text()).toBe(202);
    const action = h.sandbox.store.eventAt(yellowPath.virtualCardId, h.sandbox.store.eventCount(yellowPath.virtualCardId) - 1);
    expect(action).toMatchObject({ kind: 'AGENT_ACTION', detail: { verifiers: ENOUGH, callInbound: true, askedToShareCode: false } });
    await expect.poll(() => h.sandbox.store.tokens.get(yellowPath.virtualCardId)?.state).toBe('ACTIVE');
  });
});

describe('issuerMayOverrideSuspension', () => {
  it("refuses to lift the wallet's suspension by default; lifts it when the policy allows the override", async () => {
    const body = { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'SUSPENDED' };
    const refused = await h.post(`/api/v1/tokens/${suspensions.byWallet}/operations:resume`, body, agent);
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({ rule: 'RESUME_ONLY_OWN_SUSPENSION', currentState: 'SUSPENDED' });

    await setPolicy({ ...trainingActionPolicy(), issuerMayOverrideSuspension: true });
    // Lifting the wallet's suspension is held back for a supervisor by the training policy…
    const held = await h.post(`/api/v1/tokens/${suspensions.byWallet}/operations:resume`, body, agent);
    expect(held.status).toBe(403);
    expect(await errorOf(held)).toMatchObject({ code: 'APPROVAL_REQUIRED', rule: 'RESUME_OVERRIDING_SUSPENSION' });
    // …and goes through at once under a policy that does not hold it back.
    await setPolicy({ ...trainingActionPolicy(), issuerMayOverrideSuspension: true, approvals: { required: ['DELETE'], expiresAfterMinutes: 30 } });
    const accepted = await h.post(`/api/v1/tokens/${suspensions.byWallet}/operations:resume`, body, agent);
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    await expect.poll(() => h.sandbox.store.tokens.get(suspensions.byWallet)?.state).toBe('ACTIVE');
    expect(h.sandbox.store.tokens.get(suspensions.byWallet)?.suspendedBy).toEqual([]);
  });
});
