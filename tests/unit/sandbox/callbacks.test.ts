import { importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackReceipt, RequestCardDigitizationResponse, type CallbackResult, type NotifyVirtualCardChangeRequest } from '../../../shared/api/callbacks';
import { pageOf, Token, TokenEvent } from '../../../shared/api/model';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';
import { eventually } from './sse-client';

/**
 * The callback surface over real HTTP: the platform's three calls validated field by
 * field, and each numbered behaviour through them: idempotency in any order, unknown tokens kept,
 * deletion during enrolment, canceled versus declined, who did it, failures, levels of trust.
 */
const CONFIRM_DELAY_MS = 100;
let h: Harness;
let agent: Record<string, string>;
const { yellowPath, lifecycle, foreignResident, longHistory, bulkCard, kanaSearch } = knownFixtures;

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: CONFIRM_DELAY_MS, reminderCheckMs: 0 });
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

const store = () => h.sandbox.store;

const post = async (path: string, body: unknown, correlationId: string): Promise<Response> =>
  h.post(path, body, await h.platformHeaders({ 'x-correlation-id': correlationId }));

const receipt = async (response: Response): Promise<CallbackResult[]> => {
  expect(response.status, await response.clone().text()).toBe(200);
  return CallbackReceipt.parse(await response.json()).results;
};

const tokenOf = (virtualCardId: string): Token => {
  const token = store().tokens.get(virtualCardId);
  if (!token) throw new Error(`no token ${virtualCardId}`);
  return token;
};

/** A notifyVirtualCardChange body for a token as the store knows it. */
const changeFor = (virtualCardId: string, action: NotifyVirtualCardChangeRequest['action'], source: NotifyVirtualCardChangeRequest['source'], extra: Partial<NotifyVirtualCardChangeRequest> = {}): NotifyVirtualCardChangeRequest => {
  const token = tokenOf(virtualCardId);
  return {
    issuerCardRefId: token.issuerCardRefId,
    virtualCardId,
    walletProviderId: token.tokenRequestor.walletProviderId,
    tokenStorageId: token.device.tokenStorageId,
    isPrimary: token.isPrimary,
    action,
    source,
    ...extra,
  };
};

const notify = async (body: NotifyVirtualCardChangeRequest, correlationId: string): Promise<CallbackResult> => {
  const [result] = await receipt(await post('/tsh/v1/notifyVirtualCardChange', body, correlationId));
  if (!result) throw new Error('no result');
  return result;
};

const cardOperation = async (issuerCardRefId: string, body: Record<string, unknown>, correlationId: string): Promise<CallbackResult[]> =>
  receipt(await post(`/d1/v1/issuers/${h.sandbox.issuerId}/cards/${issuerCardRefId}/notifications`, body, correlationId));

const digitize = async (body: Record<string, unknown>, correlationId: string): Promise<RequestCardDigitizationResponse> => {
  const response = await post('/tsh/v1/requestCardDigitization', body, correlationId);
  expect(response.status, await response.clone().text()).toBe(200);
  return RequestCardDigitizationResponse.parse(await response.json());
};

/**
 * A request for a new Apple Pay token on a device the cardholder never used, of VCYELLOW0001's
 * card unless another is named. Tests spread over cards: five requests of one cardholder within 24
 * hours are declined by the training rules.
 */
const newPhone = (virtualCardId: string, tokenStorageId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  issuerCardRefId: yellowPath.issuerCardRefId,
  virtualCardId,
  walletProviderId: 'APPLE_PAY',
  device: { name: 'iPhone 17', type: 'PHONE', tokenStorageId },
  isPrimary: true,
  ...extra,
});

const events = async (virtualCardId: string, limit = 20): Promise<TokenEvent[]> =>
  pageOf(TokenEvent).parse(await (await h.get(`/api/v1/tokens/${virtualCardId}/events?limit=${limit}`, agent)).json()).items;

const eventById = (virtualCardId: string, eventId: string | null): TokenEvent | undefined =>
  store().storedEvents(virtualCardId).find((event) => event.eventId === eventId);

/** A full card number of 16 digits, built at run time. */
const fullNumber = (): string => ['5500', '0000', '0000', '0004'].join('');

describe('the callback surface refuses malformed calls with a D error naming the field, changing nothing', () => {
  it.each([
    { why: 'no x-correlation-id', headers: { 'x-correlation-id': '' }, body: () => changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), status: 400, field: 'x-correlation-id' },
    { why: 'an unknown action', body: () => ({ ...changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), action: 'FREEZE' }), status: 400, field: 'action' },
    { why: 'a missing tokenStorageId', body: () => { const { tokenStorageId: _gone, ...rest } = changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'); return rest; }, status: 400, field: 'tokenStorageId' },
    { why: 'an unknown card', body: () => ({ ...changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), issuerCardRefId: 'CR999999NONE' }), status: 404, field: 'issuerCardRefId' },
    { why: "another card than the token's", body: () => ({ ...changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), issuerCardRefId: yellowPath.issuerCardRefId }), status: 400, field: 'issuerCardRefId' },
    { why: 'a DPAN that is no number', body: () => changeFor(longHistory.virtualCardId, 'ACTIVATE', 'TSP', { tokenInfo: { dpan: 'four-one-one' } }), status: 400, field: 'tokenInfo.dpan' },
  ])('notifyVirtualCardChange with $why', async ({ headers, body, status, field }) => {
    const position = store().changes.position;
    const before = tokenOf(longHistory.virtualCardId);
    const sent = await h.post('/tsh/v1/notifyVirtualCardChange', body(), await h.platformHeaders({ 'x-correlation-id': 'malformed-1', ...headers }));
    expect(sent.status).toBe(status);
    expect(await errorOf(sent)).toMatchObject({ category: 'D', field });
    expect(store().changes.position).toBe(position);
    expect(tokenOf(longHistory.virtualCardId)).toEqual(before);
    expect(store().parkedCallbacks).toHaveLength(0);
  });

  it('card-operation notifications for another issuer, or with a bad status, are refused by name', async () => {
    const position = store().changes.position;
    const other = await h.post(`/d1/v1/issuers/OTHERISSUR/cards/${yellowPath.issuerCardRefId}/notifications`, { operationId: 'op1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'USER' }, await h.platformHeaders());
    expect(await errorOf(other)).toMatchObject({ code: '113', category: 'D', field: 'issuerId' });
    const bad = await h.post(`/d1/v1/issuers/${h.sandbox.issuerId}/cards/${yellowPath.issuerCardRefId}/notifications`, { operationId: 'op1', operation: 'SUSPEND', status: 'DONE', requestorType: 'USER' }, await h.platformHeaders());
    expect(await errorOf(bad)).toMatchObject({ code: '112', category: 'D', field: 'status' });
    expect(store().changes.position).toBe(position);
  });

  it("needs the platform's own bearer token: none is a 401", async () => {
    const response = await fetch(`${h.sandbox.baseUrl}/tsh/v1/notifyVirtualCardChange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'no-bearer', 'idempotency-key': 'no-bearer-key-1' },
      body: JSON.stringify(changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET')),
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHORIZED');
  });

  it("refuses a workstation's token and an agent's session on every callback with 403 FORBIDDEN_CLIENT, changing nothing", async () => {
    const position = store().changes.position;
    const before = tokenOf(longHistory.virtualCardId);
    const calls: Array<[string, unknown]> = [
      ['/tsh/v1/notifyVirtualCardChange', changeFor(longHistory.virtualCardId, 'DELETE', 'TSP')],
      ['/tsh/v1/requestCardDigitization', newPhone('VCWSFORGED01', 'SE-WS-FORGED-1')],
      [
        `/d1/v1/issuers/${h.sandbox.issuerId}/cards/${before.issuerCardRefId}/notifications`,
        { operationId: 'forged-1', operation: 'DELETE', status: 'SUCCESSFUL', requestorType: 'CCI', requestorId: 'admin.tanaka', virtualCardId: longHistory.virtualCardId },
      ],
    ];
    for (const [path, body] of calls) {
      for (const headers of [await h.workstationHeaders(), agent]) {
        const refused = await h.post(path, body, { ...headers, 'x-correlation-id': 'forged-callback-1' });
        expect(refused.status, path).toBe(403);
        const error = await errorOf(refused);
        expect(error).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });
        expect(error.message).toMatch(/^The workstation client may not call /);
      }
    }
    expect(store().changes.position).toBe(position);
    expect(tokenOf(longHistory.virtualCardId)).toEqual(before);
    expect(store().tokens.has('VCWSFORGED01')).toBe(false);
  });

  it("refuses the platform's token on an agent's calls and on sign-in, with 403 FORBIDDEN_CLIENT", async () => {
    const platform = await h.platformHeaders();
    const read = await h.get(`/api/v1/tokens/${longHistory.virtualCardId}`, { ...platform, 'x-agent-session': agent['x-agent-session'] ?? '' });
    expect(read.status).toBe(403);
    expect(await errorOf(read)).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });
    const signIn = await h.post('/api/v1/agent-sessions', { agentId: 'agent.sato', password: 'Training-Sato-2026' }, platform);
    expect(signIn.status).toBe(403);
    expect((await errorOf(signIn)).message).toMatch(/^The platform client may not call signIn/);
  });

  it("gives the platform's token the platform scope, and a workstation's the workstation scope", async () => {
    const platformAnswer = await h.exchange(await h.assertion({ kid: h.platform.keyId, iss: h.platform.clientId, sub: h.platform.clientId, key: await importPKCS8(h.platform.privateKeyPem, 'ES256') }));
    expect(await platformAnswer.json()).toMatchObject({ token_type: 'Bearer', scope: 'platform' });
    expect(await (await h.exchange(await h.assertion())).json()).toMatchObject({ token_type: 'Bearer', scope: 'workstation' });
  });

  it('refuses a token id that reads as a card number, parking and creating nothing', async () => {
    const position = store().changes.position;
    const pan = fullNumber();
    const change = await h.post('/tsh/v1/notifyVirtualCardChange', { ...changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), virtualCardId: pan }, await h.platformHeaders());
    expect(await errorOf(change)).toMatchObject({ code: '112', field: 'virtualCardId' });
    const enrol = await h.post('/tsh/v1/requestCardDigitization', newPhone(pan, 'SE-PAN-ID-1'), await h.platformHeaders());
    expect(await errorOf(enrol)).toMatchObject({ code: '112', field: 'virtualCardId' });
    const notice = await h.post(
      `/d1/v1/issuers/${h.sandbox.issuerId}/cards/${yellowPath.issuerCardRefId}/notifications`,
      { operationId: 'pan-id-1', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'D1', virtualCardId: pan },
      await h.platformHeaders(),
    );
    expect(await errorOf(notice)).toMatchObject({ code: '112', field: 'virtualCardId' });
    const correlation = await h.post('/tsh/v1/notifyVirtualCardChange', changeFor(longHistory.virtualCardId, 'SUSPEND', 'WALLET'), await h.platformHeaders({ 'x-correlation-id': `c${pan}` }));
    expect(await errorOf(correlation)).toMatchObject({ code: '112', field: 'x-correlation-id' });
    expect(correlation.headers.get('x-correlation-id')).not.toContain(pan);
    expect(store().changes.position).toBe(position);
    expect(store().parkedCallbacks).toHaveLength(0);
    expect(store().tokens.has(pan)).toBe(false);
  });
});

describe('1. idempotent, in any order', () => {
  it('the same callback twice changes the token once; the second is a CALLBACK_DUPLICATE naming the first', async () => {
    const id = longHistory.virtualCardId;
    const first = await notify(changeFor(id, 'SUSPEND', 'WALLET'), 'dup-suspend-1');
    expect(first).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });
    const stateAfterFirst = tokenOf(id);
    const second = await notify(changeFor(id, 'SUSPEND', 'WALLET'), 'dup-suspend-1');
    expect(second).toMatchObject({ outcome: 'DUPLICATE', state: 'SUSPENDED' });
    expect(tokenOf(id)).toEqual(stateAfterFirst);
    expect(eventById(id, second.eventId)).toMatchObject({ kind: 'CALLBACK_DUPLICATE', correlationId: 'dup-suspend-1', detail: { action: 'SUSPEND', duplicateOf: first.eventId } });
    // The same action under another correlation id is another callback: the table decides (already suspended by the wallet).
    expect(await notify(changeFor(id, 'SUSPEND', 'WALLET'), 'dup-suspend-2')).toMatchObject({ outcome: 'LATE', rule: 'SUSPEND_ONLY_ACTIVE' });
    expect((await notify(changeFor(id, 'RESUME', 'WALLET'), 'dup-resume-1')).state).toBe('ACTIVE');
  });

  it('a late SUSPEND or ACTIVATE after DELETE does not reopen the token: recorded as CALLBACK_LATE and ignored', async () => {
    const id = bulkCard.active[0];
    expect(await notify(changeFor(id, 'DELETE', 'TSP'), 'late-delete-1')).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    const deleted = tokenOf(id);
    for (const [action, correlationId] of [['SUSPEND', 'late-suspend-1'], ['ACTIVATE', 'late-activate-1'], ['RESUME', 'late-resume-1']] as const) {
      const late = await notify(changeFor(id, action, 'WALLET'), correlationId);
      expect(late).toMatchObject({ outcome: 'LATE', rule: 'TOKEN_DELETED', state: 'DELETED' });
      expect(eventById(id, late.eventId)).toMatchObject({ kind: 'CALLBACK_LATE', detail: { action, rule: 'TOKEN_DELETED', stateAtArrival: 'DELETED' } });
    }
    expect(tokenOf(id)).toEqual(deleted);
    // A copy of a late callback is a duplicate of it.
    expect(await notify(changeFor(id, 'SUSPEND', 'WALLET'), 'late-suspend-1')).toMatchObject({ outcome: 'DUPLICATE' });
  });

  it('the TSP completing a wallet-app deletion (DELETE after DELETE_FROM_APP, same correlation id) is recorded, not late', async () => {
    const id = bulkCard.active[1];
    expect(await notify(changeFor(id, 'DELETE_FROM_APP', 'WALLET'), 'app-delete-1')).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    const completed = await notify(changeFor(id, 'DELETE', 'TSP'), 'app-delete-1');
    expect(completed).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    expect(eventById(id, completed.eventId)).toMatchObject({ kind: 'DELETED', actor: { source: 'TSP' } });
  });

  it('a callback for an unknown token is parked, kept in the saved state, and applied when the token appears', async () => {
    const id = 'VCPARKED00001';
    const parked = await notify(
      { issuerCardRefId: yellowPath.issuerCardRefId, virtualCardId: id, walletProviderId: 'APPLE_PAY', tokenStorageId: 'SE-PARKEDPHONEAA', isPrimary: true, action: 'ACTIVATE', source: 'TSP', tokenInfo: { lastFour: '4242', expiry: '09/29' } },
      'enr-parked-1',
    );
    expect(parked).toEqual({ virtualCardId: id, outcome: 'PARKED', eventId: null, state: null });
    expect(store().parkedCallbacks).toHaveLength(1);
    // A copy while parked is parked once.
    await notify({ ...(store().parkedCallbacks[0]?.body as NotifyVirtualCardChangeRequest) }, 'enr-parked-1');
    expect(store().parkedCallbacks).toHaveLength(1);
    expect(store().toState(new Date()).parkedCallbacks).toHaveLength(1);

    const decided = await digitize(newPhone(id, 'SE-PARKEDPHONEAA', { scoring: { deviceScore: 5 } }), 'enr-parked-1');
    expect(decided.levelOfTrust).toBe('YELLOW');
    expect(store().parkedCallbacks).toHaveLength(0);
    const token = tokenOf(id);
    expect(token).toMatchObject({ state: 'ACTIVE', tokenLastFour: '4242', expiry: '09/29' });
    const activated = store().storedEvents(id).find((event) => event.kind === 'ACTIVATED');
    expect(activated?.detail.receivedAt).toEqual(expect.any(String));
    expect(activated?.correlationId).toBe('enr-parked-1');
  });
});

describe('a full DPAN in tokenInfo', () => {
  it('is dropped before storage, whether applied at once or parked, and never comes back in any answer', async () => {
    const dpan = fullNumber();
    const decided = await digitize(newPhone('VCDPANTEST001', 'SE-DPANTESTPHONE', { issuerCardRefId: foreignResident.issuerCardRefId }), 'enr-dpan-1');
    expect(decided.levelOfTrust).toBe('YELLOW');
    const applied = await post('/tsh/v1/notifyVirtualCardChange', changeFor('VCDPANTEST001', 'ACTIVATE', 'TSP', { tokenInfo: { dpan, lastFour: '0004', expiry: '11/30' } }), 'enr-dpan-1');
    const appliedText = await applied.text();
    expect(appliedText).not.toContain(dpan);
    expect(tokenOf('VCDPANTEST001')).toMatchObject({ state: 'ACTIVE', tokenLastFour: '0004' });

    const parked = await post(
      '/tsh/v1/notifyVirtualCardChange',
      { issuerCardRefId: foreignResident.issuerCardRefId, virtualCardId: 'VCDPANPARKED1', walletProviderId: 'APPLE_PAY', tokenStorageId: 'SE-DPANPARKEDAAA', isPrimary: true, action: 'ACTIVATE', source: 'TSP', tokenInfo: { dpan, lastFour: '0004' } },
      'enr-dpan-2',
    );
    expect(await parked.text()).not.toContain(dpan);

    const stateText = JSON.stringify(store().toState(new Date()));
    expect(stateText).not.toContain(dpan);
    expect(stateText).not.toMatch(/\d{13,19}/);
    const history = JSON.stringify(await events('VCDPANTEST001'));
    expect(history).not.toContain(dpan);
    expect(JSON.stringify(await (await h.get('/api/v1/tokens/VCDPANTEST001', agent)).json())).not.toContain(dpan);
  });
});

describe('2. deleted during enrolment', () => {
  it('DELETE_FROM_APP on a token waiting for step-up deletes it and cancels the step-up; Option D then refuses with STEP_UP_CANCELED', async () => {
    const id = 'VCENROLDEL001';
    const decided = await digitize(newPhone(id, 'SE-ENROLDELPHONE'), 'enr-del-1');
    expect(decided).toMatchObject({ levelOfTrust: 'YELLOW', idvMethodList: ['SMS_OTP', 'EMAIL_OTP', 'CUSTOMER_SERVICE'], previousAttemptVirtualCardId: null });
    expect(tokenOf(id).state).toBe('INACTIVE');

    const deleted = await notify(changeFor(id, 'DELETE_FROM_APP', 'WALLET'), 'enr-del-1');
    expect(deleted).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    expect(tokenOf(id)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED', lastChangedBy: { source: 'WALLET' } });
    expect(eventById(id, deleted.eventId)).toMatchObject({ kind: 'DELETED_FROM_APP', detail: { stepUpCanceled: true } });

    const activate = await h.post(
      `/api/v1/tokens/${id}/operations:activate`,
      { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified by agent', expectedState: 'INACTIVE', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'], callAnswers: { inbound: true, askedToShareCode: false } },
      agent,
    );
    expect(activate.status).toBe(409);
    expect(await errorOf(activate)).toMatchObject({ code: 'TOKEN_STATE_CONFLICT', rule: 'STEP_UP_CANCELED', currentState: 'DELETED' });
    const again = await h.post(`/api/v1/tokens/${id}/operations:activate`, { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified by agent', expectedState: 'DELETED' }, agent);
    const refusal = await errorOf(again);
    expect(refusal).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', rule: 'STEP_UP_CANCELED' });
    expect(refusal.message).toMatch(/removed the card/);

    // The cardholder enrols again on the same phone: a new token, linked to the attempt.
    const retry = await digitize(newPhone('VCENROLDEL002', 'SE-ENROLDELPHONE'), 'enr-del-2');
    expect(retry.previousAttemptVirtualCardId).toBe(id);
    expect(tokenOf('VCENROLDEL002')).toMatchObject({ previousAttemptVirtualCardId: id, enrolmentCorrelationId: 'enr-del-2' });
    const cardTokens = pageOf(Token).omit({ nextCursor: true }).parse(await (await h.get(`/api/v1/cards/${yellowPath.issuerCardRefId}/tokens`, agent)).json()).items;
    expect(cardTokens.map((token) => token.virtualCardId)).toEqual(expect.arrayContaining([id, 'VCENROLDEL002']));
  });

  it('an Option D activation under way when the TSP deletes the token fails with STEP_UP_CANCELED, the token staying deleted', async () => {
    const slow = await startHarness({ tspConfirmDelayMs: 400, reminderCheckMs: 0 });
    try {
      const headers = await slow.agentHeaders();
      const accepted = await slow.post(
        `/api/v1/tokens/${yellowPath.virtualCardId}/operations:activate`,
        { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified by agent', expectedState: 'INACTIVE', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'], callAnswers: { inbound: true, askedToShareCode: false } },
        { ...headers, 'x-correlation-id': 'optd-live-1' },
      );
      expect(accepted.status, await accepted.clone().text()).toBe(202);
      const token = slow.sandbox.store.tokens.get(yellowPath.virtualCardId);
      if (!token) throw new Error('no token');
      const deleted = await slow.post(
        '/tsh/v1/notifyVirtualCardChange',
        { issuerCardRefId: token.issuerCardRefId, virtualCardId: token.virtualCardId, walletProviderId: 'APPLE_PAY', tokenStorageId: token.device.tokenStorageId, isPrimary: true, action: 'DELETE', source: 'TSP' },
        await slow.platformHeaders({ 'x-correlation-id': token.enrolmentCorrelationId }),
      );
      expect(deleted.status).toBe(200);
      await eventually(() => slow.sandbox.store.storedEvents(yellowPath.virtualCardId).some((event) => event.kind === 'OPERATION_FAILED'), 3000);
      const failed = slow.sandbox.store.storedEvents(yellowPath.virtualCardId).find((event) => event.kind === 'OPERATION_FAILED');
      expect(failed).toMatchObject({ correlationId: 'optd-live-1', detail: { operation: 'activate', rule: 'STEP_UP_CANCELED', state: 'DELETED' } });
      expect(slow.sandbox.store.tokens.get(yellowPath.virtualCardId)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED' });
    } finally {
      await slow.close();
    }
  });
});

describe('3. canceled, not declined', () => {
  it('DIGITIZE FAILED after YELLOW is a cancellation: DIGITIZATION_CANCELED, CANCELED, the cardholder told once', async () => {
    const id = 'VCCANCELTEST1';
    await digitize(newPhone(id, 'SE-CANCELTESTPHN', { issuerCardRefId: kanaSearch.issuerCardRefId }), 'enr-cancel-1');
    const [result] = await cardOperation(kanaSearch.issuerCardRefId, { operationId: 'd1-op-cancel-1', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP', virtualCardId: id }, 'enr-cancel-1');
    expect(result).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    expect(tokenOf(id)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED' });
    expect(eventById(id, result?.eventId ?? null)).toMatchObject({ kind: 'DIGITIZATION_CANCELED', reasonCode: 'USER_CANCELED', detail: { cardOperation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP' } });
    const notices = store().storedEvents(id).filter((event) => event.kind === 'NOTIFICATION_SENT');
    expect(notices.map((event) => event.detail.template)).toEqual(['ACTIVATION_DECLINED']);
    // The platform's copy is a duplicate; the card's tokens without a virtualCardId match nothing enrolling now.
    expect((await cardOperation(kanaSearch.issuerCardRefId, { operationId: 'd1-op-cancel-1', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP', virtualCardId: id }, 'enr-cancel-1'))[0]).toMatchObject({ outcome: 'DUPLICATE' });
  });

  it('DIGITIZE FAILED after RED is a decline: DELETED with DIGITIZATION_DECLINED, DECLINED', async () => {
    const id = 'VCDECLINETST1';
    const decided = await digitize(newPhone(id, 'SE-DECLINETSTPHN', { issuerCardRefId: kanaSearch.issuerCardRefId, scoring: { deviceScore: 1 } }), 'enr-decline-1');
    expect(decided).toMatchObject({ levelOfTrust: 'RED', rule: 'DEVICE_SCORE_LOW' });
    expect(decided.idvMethodList).toBeUndefined();
    expect(tokenOf(id)).toMatchObject({ state: 'DEPLOYMENT_ONGOING', levelOfTrust: { decision: 'RED' } });
    const [result] = await cardOperation(kanaSearch.issuerCardRefId, { operationId: 'd1-op-decline-1', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'D1', virtualCardId: id }, 'enr-decline-1');
    expect(tokenOf(id)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'DECLINED' });
    expect(eventById(id, result?.eventId ?? null)).toMatchObject({ kind: 'DELETED', reasonCode: 'DIGITIZATION_DECLINED' });
  });

  it('nothing activates a token the issuer declined: an ACTIVATE for a RED token is late', async () => {
    const id = 'VCDECLINETST2';
    await digitize(newPhone(id, 'SE-DECLINETWOPHN', { issuerCardRefId: lifecycle.issuerCardRefId, scoring: { deviceScore: 1 } }), 'enr-decline-2');
    expect(await notify(changeFor(id, 'ACTIVATE', 'TSP'), 'enr-decline-2')).toMatchObject({ outcome: 'LATE', rule: 'DIGITIZATION_DECLINED', state: 'DEPLOYMENT_ONGOING' });
  });

  it('a DIGITIZE notice naming no token, before the token exists, waits for the token of the same enrolment only', async () => {
    const card = foreignResident.issuerCardRefId;
    const [parked] = await cardOperation(card, { operationId: 'd1-early-1', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP' }, 'enr-early-1');
    expect(parked).toMatchObject({ outcome: 'PARKED', virtualCardId: null });
    // Another enrolment of the card is not touched by it.
    await digitize(newPhone('VCEARLYOTHER1', 'SE-EARLYOTHERPHN', { issuerCardRefId: card }), 'enr-early-other');
    const early = () => store().parkedCallbacks.filter((each) => each.correlationId === 'enr-early-1');
    expect(tokenOf('VCEARLYOTHER1').state).toBe('INACTIVE');
    expect(early()).toHaveLength(1);
    await digitize(newPhone('VCEARLYTOKEN1', 'SE-EARLYTOKENPHN', { issuerCardRefId: card }), 'enr-early-1');
    expect(tokenOf('VCEARLYTOKEN1')).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED' });
    expect(early()).toHaveLength(0);
  });

  it('DIGITIZE FAILED after a delete during step-up records the cancellation without moving the token', async () => {
    const id = 'VCCANCELTEST2';
    await digitize(newPhone(id, 'SE-CANCELTWOPHNE', { issuerCardRefId: longHistory.issuerCardRefId }), 'enr-cancel-2');
    await notify(changeFor(id, 'DELETE', 'TSP'), 'enr-cancel-2');
    const deleted = tokenOf(id);
    const [result] = await cardOperation(longHistory.issuerCardRefId, { operationId: 'd1-op-cancel-2', operation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP', virtualCardId: id }, 'enr-cancel-2');
    expect(result).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    expect(eventById(id, result?.eventId ?? null)?.kind).toBe('DIGITIZATION_CANCELED');
    expect(tokenOf(id)).toEqual({ ...deleted });
    // One notification for the one ended enrolment.
    expect(store().storedEvents(id).filter((event) => event.kind === 'NOTIFICATION_SENT')).toHaveLength(1);
  });
});

describe('4. who did it', () => {
  it("keeps the CCI user's id as the platform's claim, never resolved to one of the issuer's agents; USER is the wallet, TSP the TSP", async () => {
    const card = knownFixtures.lostPhone.cards[0];
    const [gold, , platinum] = knownFixtures.lostPhone.activeOnPhone;
    // The id of a real training agent: the platform's say-so makes it no sign-in of ours.
    const [byClaimedAgent] = await cardOperation(card, { operationId: 'cci-1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'CCI', requestorId: 'admin.tanaka', virtualCardId: gold }, 'cci-suspend-1');
    const claimed = eventById(gold, byClaimedAgent?.eventId ?? null);
    expect(claimed).toMatchObject({ kind: 'SUSPENDED', detail: { requestorType: 'CCI', requestorId: 'admin.tanaka' } });
    expect(claimed?.actor).toEqual({ source: 'ISSUER' });
    expect(tokenOf(gold)).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['ISSUER'], lastChangedBy: { source: 'ISSUER' } });
    const [byPortalUser] = await cardOperation(card, { operationId: 'cci-2', operation: 'RESUME', status: 'SUCCESSFUL', requestorType: 'CCI', requestorId: 'cci-user-77', virtualCardId: gold }, 'cci-resume-1');
    const portal = eventById(gold, byPortalUser?.eventId ?? null);
    expect(portal?.actor).toEqual({ source: 'ISSUER' });
    expect(portal?.detail).toMatchObject({ requestorType: 'CCI', requestorId: 'cci-user-77' });

    const platinumCard = knownFixtures.lostPhone.cards[2];
    const [byUser] = await cardOperation(platinumCard, { operationId: 'usr-1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'USER', virtualCardId: platinum }, 'user-suspend-1');
    expect(eventById(platinum, byUser?.eventId ?? null)?.actor).toEqual({ source: 'WALLET' });
    const [byTsp] = await cardOperation(platinumCard, { operationId: 'tsp-1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'TSP', virtualCardId: platinum }, 'tsp-suspend-1');
    expect(eventById(platinum, byTsp?.eventId ?? null)?.actor).toEqual({ source: 'TSP' });
    expect(tokenOf(platinum).suspendedBy).toEqual(['WALLET', 'TSP']);
  });

  it('a card-wide notification without virtualCardId reaches every live token of the card, each by the rule', async () => {
    const card = knownFixtures.lostPhone.cards[1];
    const results = await cardOperation(card, { operationId: 'card-wide-1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'USER' }, 'card-wide-1');
    const byToken = Object.fromEntries(results.map((result) => [result.virtualCardId, result.outcome]));
    expect(byToken).toEqual({ [knownFixtures.lostPhone.activeOnPhone[1]]: 'APPLIED', [knownFixtures.lostPhone.suspendedByWallet]: 'LATE' });
  });
});

describe('5. failures', () => {
  it('an errorCode (221) records OPERATION_FAILED with the code explained; the token keeps its state; a copy is a duplicate; the success after it applies', async () => {
    const id = yellowPath.activeVirtualCardId;
    const before = tokenOf(id);
    expect(before.state).toBe('ACTIVE');
    const failed = await notify(changeFor(id, 'SUSPEND', 'WALLET', { errorCode: '221' }), 'fail-221-1');
    expect(failed).toMatchObject({ outcome: 'FAILED', state: 'ACTIVE' });
    expect(eventById(id, failed.eventId)).toMatchObject({ kind: 'OPERATION_FAILED', detail: { action: 'SUSPEND', errorCode: '221', description: 'device unreachable after retries', state: 'ACTIVE' } });
    expect(tokenOf(id)).toEqual(before);
    expect(await notify(changeFor(id, 'SUSPEND', 'WALLET', { errorCode: '221' }), 'fail-221-1')).toMatchObject({ outcome: 'DUPLICATE' });
    expect(await notify(changeFor(id, 'SUSPEND', 'WALLET'), 'fail-221-1')).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });
    await notify(changeFor(id, 'RESUME', 'WALLET'), 'fail-221-2');
  });

  it("a failed confirmation of an agent's operation reaches the operation by its correlation id", async () => {
    const id = foreignResident.issuerCardRefId;
    const token = store().tokensOfCard(id).find((each) => each.state === 'ACTIVE');
    if (!token) throw new Error('no active token');
    const slow = await h.post(`/api/v1/tokens/${token.virtualCardId}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, { ...agent, 'x-correlation-id': 'agent-op-221' });
    expect(slow.status).toBe(202);
    const operationId = ((await slow.json()) as { operationId: string }).operationId;
    const failed = await notify(changeFor(token.virtualCardId, 'SUSPEND', 'ISSUER', { errorCode: '221' }), 'agent-op-221');
    expect(eventById(token.virtualCardId, failed.eventId)).toMatchObject({ kind: 'OPERATION_FAILED', actor: { agentId: 'agent.sato' }, detail: { operationId, operation: 'suspend', errorCode: '221' } });
    // The TSP's own confirmation then arrives: a success after the failure, applied once.
    await eventually(() => tokenOf(token.virtualCardId).state === 'SUSPENDED', 3000);
    expect(store().storedEvents(token.virtualCardId).filter((event) => event.kind === 'SUSPENDED')).toHaveLength(1);
  });
});

describe("the TSP's confirmation goes through the same ingest", () => {
  it('duplicate-confirmation fault: the confirmation comes twice, the token changes once, one notification, one CALLBACK_DUPLICATE', async () => {
    const id = knownFixtures.kanaSearch.issuerCardRefId;
    const token = store().tokensOfCard(id).find((each) => each.state === 'ACTIVE');
    if (!token) throw new Error('no active token');
    await h.injectFault({ match: { method: 'POST', pathPrefix: `/api/v1/tokens/${token.virtualCardId}/` }, fault: 'duplicate-confirmation', times: 1 });
    const count = store().eventCount(token.virtualCardId);
    const accepted = await h.post(`/api/v1/tokens/${token.virtualCardId}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, { ...agent, 'x-correlation-id': 'dup-confirm-1' });
    expect(accepted.status).toBe(202);
    await eventually(() => store().eventCount(token.virtualCardId) === count + 4, 3000);
    const kinds = store().storedEvents(token.virtualCardId).slice(-4).map((event) => event.kind);
    expect(kinds).toEqual(['AGENT_ACTION', 'SUSPENDED', 'NOTIFICATION_SENT', 'CALLBACK_DUPLICATE']);
    expect(tokenOf(token.virtualCardId)).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['ISSUER'] });
    // The platform's own copy over HTTP is one more duplicate of the same confirmation.
    expect(await notify(changeFor(token.virtualCardId, 'SUSPEND', 'ISSUER'), 'dup-confirm-1')).toMatchObject({ outcome: 'DUPLICATE', state: 'SUSPENDED' });
  });
});

describe('6. level of trust', () => {
  it('GREEN on a device the cardholder already uses, then the ACTIVATE callback with tokenInfo activates and confirms', async () => {
    const known = store().tokensOfCard(kanaSearch.issuerCardRefId).find((token) => token.tokenRequestor.walletProviderId === 'GOOGLE_PAY');
    if (!known) throw new Error('no Google Pay token');
    const decided = await digitize(
      { ...newPhone('VCGREENTEST01', known.device.tokenStorageId), issuerCardRefId: kanaSearch.issuerCardRefId, walletProviderId: 'GOOGLE_PAY' },
      'enr-green-1',
    );
    expect(decided).toMatchObject({ levelOfTrust: 'GREEN', rule: 'APPROVE' });
    expect(tokenOf('VCGREENTEST01')).toMatchObject({ state: 'DEPLOYMENT_ONGOING', enrolmentCorrelationId: 'enr-green-1', levelOfTrust: { decision: 'GREEN', idvMethods: [] } });
    const decidedEvent = store().storedEvents('VCGREENTEST01').find((event) => event.kind === 'DIGITIZATION_DECIDED');
    expect(decidedEvent).toMatchObject({ correlationId: 'enr-green-1', detail: { decision: 'GREEN', rule: 'APPROVE' } });
    await notify(changeFor('VCGREENTEST01', 'ACTIVATE', 'TSP', { tokenInfo: { lastFour: '7788' } }), 'enr-green-1');
    expect(tokenOf('VCGREENTEST01')).toMatchObject({ state: 'ACTIVE', tokenLastFour: '7788' });
    const sent = store().storedEvents('VCGREENTEST01').find((event) => event.kind === 'NOTIFICATION_SENT');
    expect(sent?.detail).toMatchObject({ template: 'ACTIVATION_CONFIRMED', status: 'QUEUED', channel: 'SMS', language: 'ja' });
  });

  it('YELLOW offers only the methods the cardholder can receive: no contacts, customer service only', async () => {
    const decided = await digitize({ ...newPhone('VCNOCONTACT01', 'SE-NOCONTACTPHNE'), issuerCardRefId: lifecycle.issuerCardRefId }, 'enr-nocontact-1');
    expect(decided).toMatchObject({ levelOfTrust: 'YELLOW', idvMethodList: ['CUSTOMER_SERVICE'] });
  });

  it('the rules are configurable, and a repeated request of the same enrolment gets the same answer', async () => {
    const rules = { rules: [{ id: 'ALWAYS_STEP_UP', when: {}, decision: 'YELLOW', idvMethods: ['CUSTOMER_SERVICE'], reasons: ['TRAINING'] }] };
    const set = await h.post('/training/v1/digitization-rules', rules, await h.platformHeaders());
    expect(set.status).toBe(200);
    const watch = tokenOf(yellowPath.activeVirtualCardId);
    const first = await digitize({ ...newPhone('VCRULESTEST01', watch.device.tokenStorageId) }, 'enr-rules-1');
    expect(first).toMatchObject({ levelOfTrust: 'YELLOW', rule: 'ALWAYS_STEP_UP', idvMethodList: ['CUSTOMER_SERVICE'], reasons: ['TRAINING'] });
    expect(await digitize({ ...newPhone('VCRULESTEST01', watch.device.tokenStorageId) }, 'enr-rules-1')).toEqual(first);
    const other = await post('/tsh/v1/requestCardDigitization', newPhone('VCRULESTEST01', 'SE-OTHERENROLMNT'), 'enr-rules-2');
    expect(other.status).toBe(409);
    expect((await errorOf(other)).field).toBe('virtualCardId');
    await h.post('/training/v1/digitization-rules', { rules: [{ id: 'APPROVE', when: {}, decision: 'GREEN', reasons: ['LOW_RISK_SCORE'] }] }, await h.platformHeaders());
  });
});
