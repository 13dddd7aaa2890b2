import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, type CallName } from '../../../../shared/contract';
import { clientKeyOf, generateClientCredentials, startSandbox, trainingAgents, type ClientCredentials, type Sandbox } from '../../../../sandbox/index';
import { startCore, type CoreHarness } from '../session/support/core-harness';

/**
 * Every call of the contract, driven through the real dispatcher on success and on failure, in
 * training and in connected mode; then every serialised result, every event and every log line
 * is searched for key material, tokens and passwords. Nothing may be found.
 */
let training: CoreHarness;
let connected: CoreHarness;
let backend: Sandbox;
let client: ClientCredentials;
const sessionTokens: string[] = [];
const wrongPasswords = ['Wrong-Password-1', 'Wrong-Password-2'];

const ecPem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const rsaPem = (): string => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const importedPem = ecPem();
const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
/** A full card number typed into the search: core refuses it, and it may appear nowhere. */
const TYPED_PAN = '4111 1111 1111 1111';

/** The base64 body of a PEM, line by line: finding any one line is finding the key. */
const pemLines = (pem: string): string[] => pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));

const signInCapturing = async (h: CoreHarness, credentials: { agentId: string; password: string }) => {
  const status = await h.ok('session.signIn', credentials);
  const token = h.core.session.identity()?.sessionToken;
  if (token) sessionTokens.push(token);
  return status;
};

beforeAll(async () => {
  // The supervisor closes the save dialog without choosing a file: the export starts nothing, and says so.
  training = await startCore({ machine: { locked: ['externalLinkAllowlist'] }, chooseExportFile: () => Promise.resolve(null) });
  client = await generateClientCredentials();
  backend = await startSandbox({ clientKeys: [clientKeyOf(client)], mode: 'connected' });
  connected = await startCore({
    user: { backend: { baseUrl: backend.baseUrl, issuerId: backend.issuerId, clientId: client.clientId, keyId: client.keyId } },
    machine: { updates: { url: 'https://updates.issuer.example/token-desk' } },
    // The feed itself is tested against a real one (tests/unit/tooling/update-feed.test.ts); here, one that has 0.2.0 ready.
    updateFeed: { configure: () => undefined, check: async () => ({ version: '0.2.0', available: true }), download: async () => undefined, install: () => undefined },
  });

  // Training mode: every call succeeds once…
  const t = training;
  await t.ok('app.info');
  await t.ok('settings.get');
  await t.ok('settings.set', { language: 'en' });
  await t.ok('log.rendererError', { message: 'render failed', source: 'react' });
  await t.ok('session.status');
  await t.ok('session.trainingAccounts');
  await signInCapturing(t, sato);
  await t.ok('session.lock');
  await t.ok('session.unlock', { password: sato.password });
  // The agent's reads, and the live stream they run beside.
  await t.ok('cardholders.search', { q: '佐藤', requestId: 'no-secrets-1' });
  await t.ok('calls.cancel', { requestId: 'no-secrets-1' });
  await t.ok('cardholders.get', { cardholderId: 'C0000001' });
  await t.ok('cards.tokens', { issuerCardRefId: 'CR000001GOLD' });
  await t.ok('tokens.get', { virtualCardId: 'VCYELLOW0001' });
  await t.ok('tokens.events', { virtualCardId: 'VCYELLOW0001', limit: 5 });
  await t.ok('live.status');
  await t.fail('cardholders.search', { q: TYPED_PAN, requestId: 'no-secrets-2' });
  await t.fail('cardholders.get', { cardholderId: 'C9999999' });
  await t.fail('cards.tokens', { issuerCardRefId: 'CR999999NONE' });
  await t.fail('tokens.get', { virtualCardId: 'VCNOSUCHTOKEN' });
  await t.fail('tokens.events', { virtualCardId: 'VCNOSUCHTOKEN' });
  await t.fail('calls.cancel', { requestId: 'short' });
  await t.fail('live.status', { unexpected: true });
  // Token actions and the notification templates they cause.
  await t.ok('actions.policy');
  await t.fail('actions.policy', { unexpected: true });
  await t.ok('tokens.signals', { virtualCardId: 'VCYELLOW0001' });
  await t.fail('tokens.signals', { virtualCardId: 'VCNOSUCHTOKEN' });
  const suspended = await t.ok('actions.submit', {
    actionId: randomUUID(),
    virtualCardId: 'VCWATCH00001',
    operation: 'suspend',
    reasonCode: 'DEVICE_LOST',
    comment: 'lost',
    expectedState: 'ACTIVE',
  });
  await t.fail('actions.submit', { actionId: randomUUID(), virtualCardId: 'VCWATCH00001', operation: 'suspend', reasonCode: 'NOT_A_REASON', expectedState: 'ACTIVE' });
  await t.ok('actions.list');
  await t.fail('actions.list', { unexpected: true });
  const preview = await t.ok('actions.previewBulk', { operation: 'delete', scope: { kind: 'CARD', issuerCardRefId: 'CR000005GOLD' } });
  await t.fail('actions.previewBulk', { operation: 'activate', scope: { kind: 'CARD', issuerCardRefId: 'CR000005GOLD' } });
  await t.ok('actions.submitBulk', {
    bulkId: randomUUID(),
    operation: 'delete',
    scope: preview.scope,
    reasonCode: 'ACCOUNT_CLOSED',
    items: preview.items.filter((item) => item.decision === 'CHANGE').map((item) => ({ actionId: randomUUID(), virtualCardId: item.virtualCardId, expectedState: item.state })),
  });
  await t.fail('actions.submitBulk', { bulkId: randomUUID(), operation: 'delete', scope: preview.scope, reasonCode: 'ACCOUNT_CLOSED', items: [] });
  await t.core.actions.idle(0);
  expect(t.core.actions.get(suspended.actionId)).toBeDefined();
  // The phone call: started, its notes kept by main (refused whole with a card number), the service notes read, the wrap-up.
  const { current } = await t.ok('phoneCall.start');
  if (!current) throw new Error('no phone call started');
  await t.fail('phoneCall.start');
  await t.ok('phoneCall.state');
  await t.fail('phoneCall.state', { unexpected: true });
  await t.ok('phoneCall.update', { phoneCallId: current.phoneCallId, notes: 'お客様から紛失のご連絡', cardholderId: 'C0000001' });
  await t.fail('phoneCall.update', { phoneCallId: current.phoneCallId, notes: `番号 ${TYPED_PAN}` });
  await t.ok('phoneCall.outcomes');
  await t.fail('phoneCall.outcomes', { unexpected: true });
  await t.ok('serviceNotes.list', { cardholderId: 'C0000001' });
  await t.fail('serviceNotes.list', { cardholderId: 'C12' });
  await t.fail('phoneCall.end', { phoneCallId: current.phoneCallId, closing: 'WRAP_UP', outcomeCode: null, notes: '' });
  await t.ok('phoneCall.end', { phoneCallId: current.phoneCallId, closing: 'WRAP_UP', outcomeCode: 'NO_ACTION', notes: 'お客様から紛失のご連絡' });
  // The supervisors' calls are refused to an agent (core checks the role before asking the backend).
  await t.fail('audit.list', { filter: {} });
  await t.fail('audit.verify', {});
  await t.fail('audit.export', { filter: {}, format: 'csv' });
  await t.fail('audit.cancelExport', { exportId: randomUUID() });
  await t.fail('floor.overview', { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' });
  await t.fail('floor.alertRules', {});
  await t.fail('floor.saveAlertRules', { settings: {}, version: 0 });
  await t.fail('agents.list', {});
  await t.fail('agents.unlock', { agentId: 'agent.kobayashi' });
  await t.fail('agents.resetPassword', { agentId: 'agent.kobayashi' });
  // Four-eyes: the agent asks for two deletes to be approved (stored before signing out); deciding is refused to an agent.
  const deleteOf = (virtualCardId: string) => ({ submission: { operation: 'delete', virtualCardId, action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } } });
  await t.ok('approvals.request', deleteOf('VCLOSTGOLD01'));
  await t.ok('approvals.request', deleteOf('VCLOSTCLSC01'));
  await t.fail('approvals.request', { submission: { operation: 'suspend' } });
  for (let tries = 0; (await t.ok('approvals.listOwn')).items.some((view) => view.phase !== 'STORED') && tries < 200; tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  await t.fail('approvals.listOwn', { unexpected: true });
  await t.ok('approvals.list', {});
  await t.fail('approvals.list', { state: 'NOT_A_STATE' });
  await t.fail('approvals.approve', { requestId: 'ARNOSUCHREQUESTAA', comment: 'ok' });
  await t.fail('approvals.reject', { requestId: 'ARNOSUCHREQUESTAA', comment: 'no' });
  const { templates } = await t.ok('notifications.templates');
  await t.fail('notifications.templates', { unexpected: true });
  await t.fail('notifications.saveTemplate', { key: { event: 'TOKEN_DELETED', channel: 'SMS', language: 'ja' }, content: { subject: null, body: '' } });
  await t.ok('session.signOut');
  await signInCapturing(t, { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' });
  const { items: queue } = await t.ok('approvals.list', { state: 'PENDING' });
  const [first, second] = queue.filter((request) => request.requestedBy.agentId === 'agent.sato');
  if (!first || !second) throw new Error('the agent’s requests are not in the queue');
  // …and run for an administrator: the trail and its check, an export (no file chosen here: nothing starts), the floor, the accounts.
  await t.ok('audit.list', { filter: {}, limit: 5 });
  await t.ok('audit.verify', {});
  await t.ok('audit.export', { filter: {}, format: 'csv' });
  await t.ok('audit.cancelExport', { exportId: randomUUID() });
  await t.ok('floor.overview', { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() });
  const rules = await t.ok('floor.alertRules', {});
  await t.ok('floor.saveAlertRules', { settings: rules.settings, version: rules.version });
  await t.ok('agents.list', {});
  await t.ok('agents.unlock', { agentId: 'agent.kobayashi' });
  await t.ok('agents.resetPassword', { agentId: 'agent.kobayashi' });
  await t.ok('approvals.approve', { requestId: first.requestId, comment: '確認しました' });
  await t.ok('approvals.reject', { requestId: second.requestId, comment: '不要です' });
  const [template] = templates;
  if (!template) throw new Error('no template to save');
  await t.ok('notifications.saveTemplate', {
    key: { event: template.event, channel: template.channel, language: template.language },
    content: { subject: template.subject, body: template.body },
  });
  // The workstation's key and settings change only with an administrator signed in.
  await t.ok('credentials.status');
  await t.ok('credentials.generateKey');
  await t.ok('credentials.importKey', { pem: importedPem });
  await t.ok('config.get');
  await t.ok('config.set', { idleLockMinutes: 10 });
  await t.ok('session.signOut');

  // …and fails once.
  const noInputCalls: CallName[] = ['app.info', 'settings.get', 'session.status', 'session.lock', 'session.signOut', 'session.trainingAccounts', 'credentials.status', 'credentials.generateKey', 'config.get'];
  for (const name of noInputCalls) expect((await t.call(name, { unexpected: true })).ok).toBe(false);
  await t.fail('settings.set', { language: 'fr' });
  await t.fail('log.rendererError', { source: 'react' });
  await t.fail('session.signIn', { agentId: 'agent.sato', password: wrongPasswords[0] });
  await t.fail('session.signIn', { agentId: 'no.such.agent', password: wrongPasswords[1] });
  await t.fail('session.unlock', { password: sato.password });
  await signInCapturing(t, sato);
  await t.ok('session.lock');
  await t.fail('session.unlock', { password: wrongPasswords[0] });
  await t.ok('session.signOut');
  await t.fail('credentials.importKey', { pem: rsaPem() });
  await t.fail('credentials.importKey', { pem: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${'B'.repeat(64)}\n-----END ENCRYPTED PRIVATE KEY-----\n` });
  await t.fail('config.set', { externalLinkAllowlist: ['help.example.co.jp'] });
  await t.fail('config.set', { externalLinkAllowlist: ['not a host!'] });

  // Connected mode: the failures only it has, then a real sign-in with the registered key.
  const c = connected;
  await c.fail('session.trainingAccounts');
  await c.fail('session.signIn', sato);
  await c.ok('credentials.importKey', { pem: client.privateKeyPem });
  await signInCapturing(c, sato);
  await c.ok('session.lock');
  await c.fail('session.unlock', { password: wrongPasswords[1] });
  await c.ok('session.unlock', { password: sato.password });
  await c.ok('session.signOut');

  // What main found wrong in its own files: nothing here, and no input taken.
  await t.ok('integrity.notices');
  await t.fail('integrity.notices', { unexpected: true });

  // The console's own update: nothing to install in training mode (no feed), ready in connected mode.
  await t.ok('updates.status');
  await t.fail('updates.status', { unexpected: true });
  await t.fail('updates.install');
  await c.core.updates.checkNow();
  await c.ok('updates.status');
  await c.ok('updates.install');
}, 60_000);

afterAll(async () => {
  await training.close();
  await connected.close();
  await backend.close();
});

const allCalls = () => [...training.calls, ...connected.calls];

describe('every call of the contract', () => {
  it('was driven to success and to failure', () => {
    const succeeded = new Set(allCalls().filter((call) => call.result.ok).map((call) => call.name));
    const failed = new Set(allCalls().filter((call) => !call.result.ok).map((call) => call.name));
    expect([...succeeded].sort()).toEqual([...callNames].sort());
    expect([...failed].sort()).toEqual([...callNames].sort());
  });
});

describe('no secret in any result, event or log line', () => {
  const haystacks = (): Array<[string, string]> => [
    ...allCalls().map((call): [string, string] => [`result of ${call.name}`, JSON.stringify(call.result)]),
    ...[...training.events, ...connected.events].map((event): [string, string] => [`event ${event.name}`, JSON.stringify(event)]),
    ...[...training.logLines, ...connected.logLines].map((line): [string, string] => ['log line', line]),
  ];

  const trainingKey = () => training.training.started[0]?.credentials.privateKeyPem ?? '';

  it('holds no private key: no PEM, no JWK "d", no line of any key in play', () => {
    expect(trainingKey()).toContain('PRIVATE KEY');
    expect(sessionTokens.length).toBeGreaterThanOrEqual(3);
    const keyLines = [...pemLines(trainingKey()), ...pemLines(importedPem), ...pemLines(client.privateKeyPem)];
    for (const [where, text] of haystacks()) {
      expect(text, where).not.toMatch(/PRIVATE KEY/);
      expect(text, where).not.toMatch(/"d"\s*:/);
      for (const line of keyLines) expect(text.includes(line), `${where} holds a line of a private key`).toBe(false);
    }
  });

  it('holds no bearer token, client assertion or agent session token', () => {
    for (const [where, text] of haystacks()) {
      expect(text, where).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/i);
      expect(text, where).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.eyJ/);
      expect(text, where).not.toMatch(/access_token|sessionToken/);
      for (const token of sessionTokens) expect(text.includes(token), `${where} holds a session token`).toBe(false);
    }
  });

  it('holds no card number typed into the search', () => {
    for (const [where, text] of haystacks()) {
      expect(text.includes(TYPED_PAN), where).toBe(false);
      expect(text.includes(TYPED_PAN.replace(/ /g, '')), where).toBe(false);
    }
  });

  it('holds no password, except the published training passwords in trainingAccounts', () => {
    const passwords = [...trainingAgents.map((agent) => agent.password), ...wrongPasswords];
    for (const [where, text] of haystacks()) {
      if (where === 'result of session.trainingAccounts') continue;
      for (const password of passwords) expect(text.includes(password), `${where} holds a password`).toBe(false);
    }
    const listed = allCalls().find((call) => call.name === 'session.trainingAccounts' && call.result.ok);
    expect(JSON.stringify(listed?.result)).toContain('Training-Sato-2026');
  });
});
