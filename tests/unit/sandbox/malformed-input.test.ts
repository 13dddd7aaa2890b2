import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../shared/domain/floor-alerts';
import { endpoints, idempotencyKeyOf, type Endpoint, type EndpointName } from '../../../shared/api/endpoints';
import { ApiErrorBody } from '../../../shared/api/errors';
import { knownFixtures } from '../../../sandbox/index';
import { endpointRoles } from '../../../sandbox/auth/roles';
import { trainingActionPolicy } from '../../../sandbox/policy/action-policy';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * Every endpoint of the table, fed malformed input: each answer is a D error in the one error
 * shape naming the field, with a correlation id, and the sandbox keeps serving afterwards.
 */
let h: Harness;
let headers: Record<string, string>;
/** An administrator's, for the calls an agent may not make (the role is checked before the body is read). */
let adminHeaders: Record<string, string>;
/** The platform's, for its callbacks and the training controls. */
let platformHeaders: Record<string, string>;

beforeAll(async () => {
  h = await startHarness();
  headers = await h.agentHeaders();
  adminHeaders = await h.agentHeaders('admin.tanaka');
  platformHeaders = await h.platformHeaders();
});

const headersFor = (endpoint: Endpoint): Record<string, string> => {
  if (endpoint.auth === 'platform') return platformHeaders;
  const name = (Object.keys(endpoints) as EndpointName[]).find((key) => endpoints[key] === endpoint);
  const roles: readonly string[] | undefined = name !== undefined && Object.hasOwn(endpointRoles, name) ? endpointRoles[name as keyof typeof endpointRoles] : undefined;
  return roles && !roles.includes('agent') ? adminHeaders : headers;
};

afterAll(async () => {
  await h.close();
});

const VALID_PARAMS: Record<string, string> = {
  issuerId: 'TDTRAINING',
  event: 'TOKEN_DELETED',
  channel: 'SMS',
  language: 'ja',
  cardholderId: knownFixtures.yellowPath.cardholderId,
  issuerCardRefId: knownFixtures.yellowPath.issuerCardRefId,
  virtualCardId: knownFixtures.yellowPath.virtualCardId,
  agentId: 'agent.kobayashi',
  requestId: 'ARMALFORMEDTESTAA',
};
const BAD_PARAMS: Record<string, string> = { cardholderId: 'C12', issuerCardRefId: 'XX-1', virtualCardId: 'bad.id', event: 'TOKEN_EXPLODED', channel: 'FAX', language: 'fr', issuerId: 'SHORT' };

/** A valid JSON body for each endpoint that takes one, to break one field at a time. */
const VALID_BODIES: Partial<Record<EndpointName, Record<string, unknown>>> = {
  signIn: { agentId: 'agent.sato', password: 'x' },
  verifyPassword: { password: 'x' },
  simulateTokenChange: { virtualCardId: knownFixtures.yellowPath.virtualCardId, action: 'SUSPEND', source: 'WALLET' },
  injectFault: { match: { pathPrefix: '/nothing' }, fault: 'status-500', times: 1 },
  activateToken: { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified by agent', verifiers: ['FULL_NAME'], expectedState: 'INACTIVE' },
  suspendToken: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' },
  resumeToken: { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'SUSPENDED' },
  deleteToken: { reasonCode: 'DEVICE_STOLEN', reason: 'Device stolen', expectedState: 'ACTIVE' },
  reportIdleLock: { idleMinutes: 5 },
  setActionPolicy: { ...trainingActionPolicy() },
  saveNotificationTemplate: { subject: null, body: 'Call {{customerServiceNumber}}.' },
  saveNotificationSettings: { customerServiceNumber: '0120-000-123', issuerSendsOwnOtp: false, reminderAfterHours: 24 },
  saveFloorAlertSettings: { ...DEFAULT_FLOOR_ALERT_SETTINGS },
  notifyVirtualCardChange: {
    issuerCardRefId: knownFixtures.yellowPath.issuerCardRefId,
    virtualCardId: knownFixtures.yellowPath.activeVirtualCardId,
    walletProviderId: 'APPLE_PAY',
    tokenStorageId: 'SE-MALFORMEDTEST',
    isPrimary: false,
    action: 'SUSPEND',
    source: 'WALLET',
  },
  requestCardDigitization: {
    issuerCardRefId: knownFixtures.yellowPath.issuerCardRefId,
    virtualCardId: 'VCMALFORMEDNEW1',
    walletProviderId: 'GOOGLE_PAY',
    device: { type: 'PHONE', tokenStorageId: 'HCE-MALFORMEDTEST' },
    isPrimary: true,
  },
  notifyCardOperation: { operationId: 'op-malformed-1', operation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'USER' },
  advanceTrainingClock: { hours: 1 },
  setDigitizationRules: { rules: [{ id: 'APPROVE', when: {}, decision: 'GREEN', reasons: ['LOW_RISK_SCORE'] }] },
  createIntegrityReport: {
    reportId: '0b7f6a52-3c1e-4a8e-9d3b-6f0e2a1c4d5e',
    workstationId: 'WS-TOKYO-01',
    detectedAt: '2026-11-23T09:00:00.000Z',
    subject: 'AUDIT_JOURNAL',
    findings: [{ line: 3, problem: 'hash does not match the line' }],
    moreFindings: 0,
    keptAs: null,
    agentId: null,
    action: null,
  },
  createPhoneCall: {
    phoneCallId: '5d0b9c1e-8f3a-4b2c-9e7d-1a2b3c4d5e6f',
    agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
    workstationId: 'WS-TOKYO-01',
    startedAt: '2026-11-23T09:00:00.000Z',
    endedAt: '2026-11-23T09:04:00.000Z',
    origin: 'AGENT',
    telephony: null,
    cardholderId: knownFixtures.yellowPath.cardholderId,
    actions: [],
    notes: '',
    outcomeCode: 'NO_ACTION',
    closing: 'WRAP_UP',
  },
  saveCallOutcomes: { items: [{ code: 'NO_ACTION', label: { ja: '対応なし', en: 'No action' } }] },
  createApprovalRequest: {
    operation: 'delete',
    virtualCardId: knownFixtures.yellowPath.activeVirtualCardId,
    action: { reasonCode: 'DEVICE_STOLEN', reason: 'Device stolen', expectedState: 'ACTIVE' },
  },
  approveApprovalRequest: { comment: '確認しました' },
  rejectApprovalRequest: { comment: '不要です' },
};

/** What makes the first field of a valid body wrongly typed: 42, unless 42 is a valid value there. */
const WRONGLY_TYPED: Partial<Record<EndpointName, unknown>> = { advanceTrainingClock: 'a day', reportIdleLock: 'five' };

const validBodyOf = (name: EndpointName): Record<string, unknown> => {
  const body = VALID_BODIES[name];
  if (!body) throw new Error(`no valid body for ${name}: add one to VALID_BODIES`);
  return body;
};

const pathOf = (endpoint: Endpoint, params: Record<string, string>): string =>
  endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));

const all = Object.entries(endpoints) as Array<[EndpointName, Endpoint]>;
const withBody = all.filter(([, endpoint]) => endpoint.body);
const withParams = all.filter(([, endpoint]) => endpoint.params);

const call = (endpoint: Endpoint, init: { path?: string; body?: string; contentType?: string; extraHeaders?: Record<string, string> } = {}): Promise<Response> => {
  const sent: Record<string, string> = endpoint.auth === 'none' ? {} : { ...headersFor(endpoint) };
  if (init.contentType) sent['content-type'] = init.contentType;
  // A fresh key each time, so what is refused is the input, never a key used before.
  if (idempotencyKeyOf(endpoint) !== 'none') sent['idempotency-key'] = `malformed-${randomUUID()}`;
  return fetch(`${h.sandbox.baseUrl}${init.path ?? pathOf(endpoint, VALID_PARAMS)}`, {
    method: endpoint.method,
    headers: { ...sent, ...init.extraHeaders },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
};

const contentTypeOf = (endpoint: Endpoint): string => (endpoint.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json');

const expectDError = async (response: Response, status: number, code: string, field: string): Promise<void> => {
  expect(response.status).toBe(status);
  expect(response.headers.get('x-correlation-id')).toBeTruthy();
  expect(await errorOf(response)).toMatchObject({ code, category: 'D', field });
};

describe.each(withBody)('%s with a malformed body', (name, endpoint) => {
  it('answers 112 naming body for broken JSON or a broken form', async () => {
    const body = endpoint.bodyType === 'form' ? '%E0%A4%A=assertion' : '{"agentId": "agent.sato",';
    const response = await call(endpoint, { body, contentType: contentTypeOf(endpoint) });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).category).toBe('D');
  });

  it('answers 112 naming an unknown field', async () => {
    const body =
      endpoint.bodyType === 'form'
        ? 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=aaaaaaaaaaaaaaaaaaaaaaaa&scope=all'
        : JSON.stringify({ ...validBodyOf(name), isAdmin: true });
    const response = await call(endpoint, { body, contentType: contentTypeOf(endpoint) });
    const error = await errorOf(response);
    expect(response.status).toBe(400);
    expect(error.code).toBe('112');
    expect(['scope', 'isAdmin']).toContain(error.field);
  });

  it('answers 111 naming the missing body', async () => {
    await expectDError(await call(endpoint), 400, '111', 'body');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a 100 KB body', async () => {
    const big = endpoint.bodyType === 'form' ? `assertion=${'a'.repeat(100 * 1024)}` : JSON.stringify({ password: 'a'.repeat(100 * 1024) });
    await expectDError(await call(endpoint, { body: big, contentType: contentTypeOf(endpoint) }), 413, 'PAYLOAD_TOO_LARGE', 'body');
  });

  it('answers 415 naming content-type for a body in another format', async () => {
    await expectDError(await call(endpoint, { body: 'hello', contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
    const other = endpoint.bodyType === 'form' ? 'application/json' : 'application/x-www-form-urlencoded';
    await expectDError(await call(endpoint, { body: other === 'application/json' ? '{}' : 'a=b', contentType: other }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
  });

  it('answers a wrongly typed field with 112 naming it', async () => {
    if (endpoint.bodyType === 'form') return;
    const valid = validBodyOf(name);
    const [first] = Object.keys(valid);
    if (!first) throw new Error('empty body');
    const response = await call(endpoint, { body: JSON.stringify({ ...valid, [first]: WRONGLY_TYPED[name] ?? 42 }), contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).field).toBe(first);
  });
});

describe.each(withParams)('%s with a bad id', (_name, endpoint) => {
  it('answers 112 naming the path parameter', async () => {
    const [param] = Object.keys(endpoint.params?.shape ?? {});
    if (!param) throw new Error('no parameter');
    await expectDError(await call(endpoint, { path: pathOf(endpoint, { ...VALID_PARAMS, [param]: BAD_PARAMS[param] ?? '!' }) }), 400, '112', param);
    const long = await call(endpoint, { path: pathOf(endpoint, { ...VALID_PARAMS, [param]: 'A'.repeat(300) }) });
    expect(long.status).toBe(400);
    expect((await errorOf(long)).field).toBe(param);
  });
});

describe.each(all.filter(([, endpoint]) => idempotencyKeyOf(endpoint) === 'required'))('%s without an Idempotency-Key', (name, endpoint) => {
  it('answers 111 naming the header, before the body is read', async () => {
    const sent = { ...headersFor(endpoint), ...(endpoint.body ? { 'content-type': 'application/json' } : {}) };
    const response = await fetch(`${h.sandbox.baseUrl}${pathOf(endpoint, VALID_PARAMS)}`, {
      method: endpoint.method,
      headers: sent,
      ...(endpoint.body ? { body: JSON.stringify(VALID_BODIES[name] ?? {}) } : {}),
    });
    await expectDError(response, 400, '111', 'idempotency-key');
  });
});

describe('query strings and routes', () => {
  it('refuses unknown and repeated query fields, naming them', async () => {
    await expectDError(await h.get('/api/v1/tokens/VCYELLOW0001?debug=1', headers), 400, '112', 'debug');
    await expectDError(await h.get('/api/v1/cardholders?q=sato&q=ito', headers), 400, '112', 'q');
    await expectDError(await h.get('/api/v1/cardholders', headers), 400, '111', 'q');
    await expectDError(await h.get('/api/v1/tokens/VCYELLOW0001/events?limit=0', headers), 400, '112', 'limit');
    await expectDError(await h.get('/api/v1/tokens/VCYELLOW0001/events?limit=abc', headers), 400, '112', 'limit');
    await expectDError(await h.get('/api/v1/tokens/VCYELLOW0001/events?cursor=%2F%2F', headers), 400, '112', 'cursor');
  });

  it('answers unknown routes and malformed URLs in the error shape', async () => {
    const missing = await h.get('/api/v1/nothing-here', headers);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('NOT_FOUND');
    const badUrl = await h.get('/api/v1/cardholders/%E0%A4%A', headers);
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers.get('x-correlation-id')).toBeTruthy();
    expect(ApiErrorBody.safeParse(await badUrl.json()).success).toBe(true);
  });

  it('refuses a body on a call that takes none, and prototype pollution', async () => {
    const signOut = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions/current`, {
      method: 'DELETE',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `malformed-${randomUUID()}` },
      body: '{"everything":true}',
    });
    await expectDError(signOut, 400, '112', 'body');
    const polluted = await call(endpoints.signIn, { body: '{"__proto__":{"role":"admin"},"agentId":"agent.sato","password":"x"}', contentType: 'application/json' });
    expect(polluted.status).toBe(400);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('still serves after all of that', async () => {
    expect((await h.get('/api/v1/tokens/VCYELLOW0001', headers)).status).toBe(200);
  });
});
