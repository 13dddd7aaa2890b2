import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredPhoneCall } from '../../../../shared/api/phone-calls';
import type { PhoneCallState } from '../../../../shared/contract';
import { openRecordFolder } from '../../../../electron/core/fs/record-folder';
import { openPhoneCallDraftStore } from '../../../../electron/core/phone-calls/draft-store';
import { PHONE_CALL_FILE_VERSION, PhoneCallOutboxEntry } from '../../../../electron/core/phone-calls/phone-call-files';
import { trainingActionPolicy } from '../../../../sandbox/policy/action-policy';
import { eventually, watchServerRequests } from '../support/server-requests';
import { memoryLogger } from '../support/client-setup';
import { KOBAYASHI, SATO, newActionId, openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';
import { testPan } from '../../electron/helpers/card-numbers';

/** Built at run time: the tree holds no Luhn-valid card number. */
const PAN = testPan();

/**
 * Main's phone calls against a standalone sandbox over real HTTP, across restarts of the console
 * on the same profile: the open phone call's draft is on disk after every change and comes back;
 * an ended one's record is written ahead, sent with its phoneCallId as Idempotency-Key, retried
 * under that one key until the backend stores it, once, after a restart too.
 */
let backend: Backend;
const dirs: string[] = [];
const desks: Desk[] = [];

beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
  await backend.script.clearFaults();
});

const profile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'td-phone-calls-'));
  dirs.push(dir);
  return dir;
};

const open = async (dir?: string): Promise<Desk> => {
  const desk = await openDesk(backend, { dir: dir ?? (await profile()) });
  desks.push(desk);
  return desk;
};

const closeDesk = async (desk: Desk): Promise<void> => {
  desks.splice(desks.indexOf(desk), 1);
  await desk.close();
};

const outboxDir = (dir: string): string => join(dir, 'phone-calls', 'outbox');
const draftFile = (dir: string): string => join(dir, 'phone-calls', 'current.json');

/** The backend's records of one phone call (a supervisor reads them). */
const stored = async (phoneCallId: string): Promise<StoredPhoneCall[]> => {
  const answer = await backend.script.asAgent(backend.supervisor, 'GET', '/api/v1/calls?agentId=agent.sato&limit=200');
  const kobayashi = await backend.script.asAgent(backend.supervisor, 'GET', '/api/v1/calls?agentId=agent.kobayashi&limit=200');
  const items = [...(answer.json as { items: StoredPhoneCall[] }).items, ...(kobayashi.json as { items: StoredPhoneCall[] }).items];
  return items.filter((item) => item.phoneCallId === phoneCallId);
};

const deliveryOf = async (desk: Desk, phoneCallId: string): Promise<string | undefined> =>
  (await desk.ok('phoneCall.state')).recent.find((call) => call.phoneCallId === phoneCallId)?.delivery;

const untilStored = (desk: Desk, phoneCallId: string): Promise<void> =>
  eventually(async () => expect(await deliveryOf(desk, phoneCallId)).toBe('STORED'), 10_000);

const begin = async (desk: Desk): Promise<string> => {
  const state = await desk.ok('phoneCall.start');
  const id = state.current?.phoneCallId;
  if (id === undefined) throw new Error('no phone call started');
  return id;
};

const wrapUp = (phoneCallId: string, notes = '', outcomeCode = 'NO_ACTION') => ({ phoneCallId, closing: 'WRAP_UP', outcomeCode, notes });

describe('the ended phone call: written ahead, sent under one key, stored once', () => {
  it('is on disk before it is sent, retried with the same Idempotency-Key and correlation id through 503s, and stored once', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const phoneCallId = await begin(desk);
    await desk.ok('phoneCall.update', { phoneCallId, notes: '折り返し不要。端末の機種変更について案内。', cardholderId: 'C0000002' });
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/calls' }, fault: 'status-503', times: 3 });
    const watch = watchServerRequests('/api/v1/calls');
    try {
      const ended = await desk.ok('phoneCall.end', wrapUp(phoneCallId, '折り返し不要。端末の機種変更について案内。', 'EXPLAINED_DECLINE_OR_CANCEL'));
      expect(ended.current).toBeNull();
      expect(ended.recent[0]).toMatchObject({ phoneCallId, closing: 'WRAP_UP', outcomeCode: 'EXPLAINED_DECLINE_OR_CANCEL', cardholderId: 'C0000002' });
      // Written ahead: the record is in its own file by the time the call answers, and the draft is gone.
      const onDisk = PhoneCallOutboxEntry.parse(JSON.parse(await readFile(join(outboxDir(desk.dir), `${phoneCallId}.json`), 'utf8')));
      expect(onDisk.record).toMatchObject({ phoneCallId, notes: '折り返し不要。端末の機種変更について案内。', outcomeCode: 'EXPLAINED_DECLINE_OR_CANCEL' });
      await expect(readFile(draftFile(desk.dir), 'utf8')).rejects.toThrow();

      await untilStored(desk, phoneCallId);
      const posts = watch.seen.filter((request) => request.url === '/api/v1/calls');
      expect(posts).toHaveLength(4);
      expect(new Set(posts.map((request) => request.headers['idempotency-key']))).toEqual(new Set([phoneCallId]));
      expect(new Set(posts.map((request) => request.headers['x-correlation-id']))).toEqual(new Set([phoneCallId]));
    } finally {
      watch.stop();
    }
    const records = await stored(phoneCallId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ agent: { agentId: 'agent.sato' }, workstationId: 'WS-TEST-01', cardholderId: 'C0000002', closing: 'WRAP_UP', origin: 'AGENT' });
    expect(PhoneCallOutboxEntry.parse(JSON.parse(await readFile(join(outboxDir(desk.dir), `${phoneCallId}.json`), 'utf8'))).delivery).toBe('STORED');
    expect(desk.events.some((event) => event.name === 'phoneCall.changed' && event.payload.recent[0]?.delivery === 'STORED')).toBe(true);
  });

  it('survives a restart: a record the backend never took is sent once when its agent signs in again, and not before', async () => {
    const dir = await profile();
    const first = await open(dir);
    await first.ok('session.signIn', SATO);
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/calls' }, fault: 'status-503', times: 1_000 });
    const phoneCallId = await begin(first);
    await first.ok('phoneCall.end', wrapUp(phoneCallId, '再起動の前に'));
    await eventually(async () => expect(watchless(first.logLines, 'phone call record not stored yet')).toBeGreaterThan(0));
    await closeDesk(first);
    await backend.script.clearFaults();

    const watch = watchServerRequests('/api/v1/calls');
    try {
      const again = await open(dir);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Nobody is signed in: the record is the agent's, and waits for them.
      expect(watch.seen).toHaveLength(0);
      await again.ok('session.signIn', SATO);
      await untilStored(again, phoneCallId);
      expect(new Set(watch.seen.map((request) => request.headers['idempotency-key']))).toEqual(new Set([phoneCallId]));
    } finally {
      watch.stop();
    }
    expect(await stored(phoneCallId)).toHaveLength(1);
  });

  it('after a crash between the write-ahead and the draft removal, sends the record once and drops the stale draft', async () => {
    const dir = await profile();
    const phoneCallId = randomUUID();
    const call = { phoneCallId, startedAt: '2026-11-23T00:00:00.000Z', origin: 'AGENT' as const, telephony: null, cardholderId: null, actions: [], notes: '途中', notesSavedAt: null, prefill: null };
    const { logger } = memoryLogger();
    await openPhoneCallDraftStore(join(dir, 'phone-calls'), logger).save({
      version: PHONE_CALL_FILE_VERSION,
      agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
      workstationId: 'WS-TEST-01',
      call,
    });
    const folder = openRecordFolder({ dir: outboxDir(dir), schema: PhoneCallOutboxEntry, idOf: (entry) => entry.record.phoneCallId, kind: 'a phone call record' });
    await folder.save({
      version: PHONE_CALL_FILE_VERSION,
      record: {
        phoneCallId,
        agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
        workstationId: 'WS-TEST-01',
        startedAt: call.startedAt,
        endedAt: '2026-11-23T00:03:00.000Z',
        origin: 'AGENT',
        telephony: null,
        cardholderId: null,
        actions: [],
        notes: '途中',
        outcomeCode: 'NO_ACTION',
        closing: 'WRAP_UP',
      },
      delivery: 'QUEUED',
      storedAt: null,
      refusal: null,
    });
    const desk = await open(dir);
    await expect(readFile(draftFile(dir), 'utf8')).rejects.toThrow();
    await desk.ok('session.signIn', SATO);
    expect((await desk.ok('phoneCall.state')).current).toBeNull();
    await untilStored(desk, phoneCallId);
    expect(await stored(phoneCallId)).toHaveLength(1);
  });

  it('keeps a record the backend refuses for good, marked REFUSED with its code, and never sends it again', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const phoneCallId = await begin(desk);
    // A cardholder the backend does not know: a refusal no retry would change (404, category D).
    await desk.ok('phoneCall.update', { phoneCallId, cardholderId: 'C9999999' });
    const watch = watchServerRequests('/api/v1/calls');
    try {
      await desk.ok('phoneCall.end', wrapUp(phoneCallId));
      await eventually(async () => expect(await deliveryOf(desk, phoneCallId)).toBe('REFUSED'));
      await desk.core.phoneCalls.idle();
      expect(watch.seen).toHaveLength(1);
    } finally {
      watch.stop();
    }
    const entry = PhoneCallOutboxEntry.parse(JSON.parse(await readFile(join(outboxDir(desk.dir), `${phoneCallId}.json`), 'utf8')));
    expect(entry).toMatchObject({ delivery: 'REFUSED', refusal: { code: '114', field: 'cardholderId' } });
  });
});

/** How many log lines say `text`. */
const watchless = (lines: readonly string[], text: string): number => lines.filter((line) => line.includes(text)).length;

describe('the open phone call: kept by main', () => {
  it('is on disk after each change and comes back after a restart of core, to its own agent only; another agent starting one closes it as LEFT_OPEN, notes kept', async () => {
    const dir = await profile();
    const first = await open(dir);
    await first.ok('session.signIn', SATO);
    const phoneCallId = await begin(first);
    await first.ok('phoneCall.update', { phoneCallId, notes: 'ご本人確認済み。紛失した iPhone の件。', cardholderId: 'C0000008' });
    // On disk as soon as the call answers: nothing waits for a clean shutdown.
    expect(await readFile(draftFile(dir), 'utf8')).toContain('ご本人確認済み。紛失した iPhone の件。');
    await closeDesk(first);

    const again = await open(dir);
    expect((await again.ok('phoneCall.state')).current).toBeNull();
    await again.ok('session.signIn', SATO);
    expect((await again.ok('phoneCall.state')).current).toMatchObject({ phoneCallId, notes: 'ご本人確認済み。紛失した iPhone の件。', cardholderId: 'C0000008' });
    expect(await again.fail('phoneCall.start')).toMatchObject({ code: 'PHONE_CALL_OPEN' });

    await again.ok('session.signOut');
    await again.ok('session.signIn', KOBAYASHI);
    expect((await again.ok('phoneCall.state')).current).toBeNull();
    const theirs = await begin(again);
    expect(theirs).not.toBe(phoneCallId);
    // Sato's phone call was closed as theirs, and waits for their session to be sent.
    await again.ok('session.signOut');
    await again.ok('session.signIn', SATO);
    await untilStored(again, phoneCallId);
    expect(await stored(phoneCallId)).toEqual([expect.objectContaining({ closing: 'LEFT_OPEN', outcomeCode: null, notes: 'ご本人確認済み。紛失した iPhone の件。', cardholderId: 'C0000008' })]);
  });

  it('records the token actions taken during it, with their correlation ids, and the cardholder they belong to', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const phoneCallId = await begin(desk);
    const actionId = newActionId();
    await desk.ok('actions.submit', { actionId, virtualCardId: 'VCWATCH00001', operation: 'suspend', reasonCode: 'DEVICE_LOST', comment: '電車に置き忘れ', expectedState: 'ACTIVE' });
    const view = await desk.until(actionId, ['CONFIRMED']);
    await eventually(async () =>
      expect((await desk.ok('phoneCall.state')).current).toMatchObject({
        cardholderId: 'C0000001',
        actions: [{ actionId, correlationId: view.correlationId, operation: 'suspend', virtualCardId: 'VCWATCH00001', tokenLastFour: view.tokenLastFour }],
      }),
    );
    await desk.ok('phoneCall.end', wrapUp(phoneCallId, '', 'SUSPENDED_LOST_DEVICE'));
    await untilStored(desk, phoneCallId);
    expect((await stored(phoneCallId))[0]?.actions).toEqual([expect.objectContaining({ actionId, correlationId: view.correlationId })]);
    // Put the watch back for the next test run.
    const resumeId = newActionId();
    await desk.ok('actions.submit', { actionId: resumeId, virtualCardId: 'VCWATCH00001', operation: 'resume', reasonCode: 'DEVICE_FOUND', expectedState: 'SUSPENDED' });
    await desk.until(resumeId, ['CONFIRMED']);
  });

  it('refuses notes with a card number at the field, in a save and at the end, and keeps none on disk', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const phoneCallId = await begin(desk);
    await desk.ok('phoneCall.update', { phoneCallId, notes: '折り返し希望' });
    expect(await desk.fail('phoneCall.update', { phoneCallId, notes: '番号 4111 1111 1111 1111' })).toMatchObject({ code: 'INVALID_INPUT', fields: ['notes'] });
    expect(await desk.fail('phoneCall.end', wrapUp(phoneCallId, '番号 ４１１１１１１１１１１１１１１１'))).toMatchObject({ code: 'INVALID_INPUT', fields: ['notes'] });
    expect(await readFile(draftFile(desk.dir), 'utf8')).toContain('折り返し希望');
    expect(await readFile(draftFile(desk.dir), 'utf8')).not.toMatch(/4111|４１１１/);
    expect((await desk.ok('phoneCall.state')).current?.notes).toBe('折り返し希望');
  });

  it('needs a wrap-up before the next phone call unless the policy says otherwise; a discard keeps no notes', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const first = await begin(desk);
    expect(await desk.fail('phoneCall.end', { phoneCallId: first, closing: 'SKIPPED', outcomeCode: null, notes: '' })).toMatchObject({ code: 'WRAP_UP_REQUIRED' });
    expect(await desk.fail('phoneCall.end', { phoneCallId: first, closing: 'WRAP_UP', outcomeCode: null, notes: '' })).toMatchObject({ code: 'INVALID_INPUT', fields: ['outcomeCode'] });
    await desk.ok('phoneCall.end', { phoneCallId: first, closing: 'DISCARDED', outcomeCode: null, notes: 'サインアウト前のメモ' });
    await untilStored(desk, first);
    expect(await stored(first)).toEqual([expect.objectContaining({ closing: 'DISCARDED', notes: '' })]);

    await backend.script.setPolicy({ ...trainingActionPolicy(), phoneCalls: { wrapUpRequired: false } });
    try {
      // The policy is read once per session: the next sign-in reads the new one.
      await desk.ok('session.signOut');
      await desk.ok('session.signIn', SATO);
      const second = await begin(desk);
      await desk.ok('phoneCall.end', { phoneCallId: second, closing: 'SKIPPED', outcomeCode: null, notes: '次の着信' });
      await untilStored(desk, second);
      expect(await stored(second)).toEqual([expect.objectContaining({ closing: 'SKIPPED', outcomeCode: null, notes: '次の着信' })]);
    } finally {
      await backend.script.setPolicy(trainingActionPolicy());
    }
  });
});

describe('screen pops', () => {
  const pop = (desk: Desk, link: string) => desk.core.phoneCalls.screenPop(link, 'dev-bridge');

  it('a valid link starts a phone call with what it carries; at a signed-out console it waits for the sign-in', async () => {
    const desk = await open();
    expect(await pop(desk, 'token-desk://call?ani=+819012345678&customerId=C0000001&callId=PBX-2026-000123')).toEqual({ accepted: true, started: false });
    await desk.ok('session.signIn', SATO);
    const state: PhoneCallState = await eventually(async () => {
      const now = await desk.ok('phoneCall.state');
      expect(now.current).not.toBeNull();
      return now;
    });
    expect(state.current).toMatchObject({
      origin: 'SCREEN_POP',
      telephony: { callId: 'PBX-2026-000123', callerNumber: '+8190****5678' },
      prefill: { customerId: 'C0000001' },
      cardholderId: null,
    });
    // Identifying the cardholder takes the prefill's place.
    const id = state.current?.phoneCallId ?? '';
    expect(await desk.ok('phoneCall.update', { phoneCallId: id, cardholderId: 'C0000001' })).toMatchObject({ cardholderId: 'C0000001', prefill: null });
    // No full number anywhere on disk.
    expect(await readFile(draftFile(desk.dir), 'utf8')).not.toContain('819012345678');
  });

  it('while a phone call is open, the next one waits for its wrap-up and starts as it is saved', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const first = await begin(desk);
    expect(await pop(desk, 'token-desk://call?ani=0312345678&customerId=C0000002')).toEqual({ accepted: true, started: false });
    const waiting = await desk.ok('phoneCall.state');
    expect(waiting.current?.phoneCallId).toBe(first);
    expect(waiting.waiting).toMatchObject({ telephony: { callerNumber: '03****5678', callId: null }, prefill: { customerId: 'C0000002' } });
    const after = await desk.ok('phoneCall.end', wrapUp(first));
    expect(after.current).toMatchObject({ origin: 'SCREEN_POP', prefill: { customerId: 'C0000002' } });
    expect(after.current?.phoneCallId).not.toBe(first);
    expect(after.waiting).toBeNull();
  });

  it('refuses a hostile link whole, with its reason logged and none of its content', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    const before = await desk.ok('phoneCall.state');
    for (const [link, reason] of [
      [`token-desk://call?ani=${PAN}`, 'CARD_NUMBER'],
      ['token-desk://call?customerId=C0000001&note=4111-1111-1111-1111', 'CARD_NUMBER'],
      ['token-desk://call?customerId=C0000001&action=suspend', 'UNKNOWN_PARAMETER'],
      ['token-desk://actions/suspend?customerId=C0000001', 'WRONG_TARGET'],
      ['https://call?customerId=C0000001', 'WRONG_SCHEME'],
    ] as const) {
      expect(await pop(desk, link)).toMatchObject({ accepted: false, reason });
    }
    expect(await desk.ok('phoneCall.state')).toEqual(before);
    const refusals = desk.logLines.filter((line) => line.includes('screen pop refused'));
    expect(refusals).toHaveLength(5);
    for (const line of refusals) expect(line).not.toMatch(/4111|C0000001|suspend/);
    expect(refusals.join('\n')).toContain('"parameter":"action"');
  });

  it('where the policy needs no wrap-up, a screen pop closes the open phone call as SKIPPED and starts the next', async () => {
    await backend.script.setPolicy({ ...trainingActionPolicy(), phoneCalls: { wrapUpRequired: false } });
    try {
      const desk = await open();
      await desk.ok('session.signIn', SATO);
      const first = await begin(desk);
      await desk.ok('phoneCall.update', { phoneCallId: first, notes: '途中で次の着信' });
      expect(await pop(desk, 'token-desk://call?callId=PBX-9')).toEqual({ accepted: true, started: true });
      const state = await desk.ok('phoneCall.state');
      expect(state.current).toMatchObject({ origin: 'SCREEN_POP', telephony: { callId: 'PBX-9', callerNumber: null }, prefill: null });
      await untilStored(desk, first);
      expect(await stored(first)).toEqual([expect.objectContaining({ closing: 'SKIPPED', notes: '途中で次の着信' })]);
    } finally {
      await backend.script.setPolicy(trainingActionPolicy());
    }
  });
});

it('keeps the outbox folder to whole files: no temporary file is left after a record is stored', async () => {
  const desk = await open();
  await desk.ok('session.signIn', SATO);
  const phoneCallId = await begin(desk);
  await desk.ok('phoneCall.end', wrapUp(phoneCallId));
  await untilStored(desk, phoneCallId);
  expect((await readdir(outboxDir(desk.dir))).filter((name) => !name.endsWith('.json'))).toEqual([]);
});
