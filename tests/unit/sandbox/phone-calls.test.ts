import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf } from '../../../shared/api/model';
import { CallOutcomeList, PhoneCallStored, ServiceNotes, StoredPhoneCall, type PhoneCallRecord } from '../../../shared/api/phone-calls';
import type { TokenActionPolicy } from '../../../shared/api/policy';
import { cardNumberRuns } from '../../../shared/domain/card-number-runs';
import { generateSeedData } from '../../../sandbox/index';
import { trainingActionPolicy } from '../../../sandbox/policy/action-policy';
import { errorOf, startHarness, type Harness } from './harness';
import { testPan } from '../electron/helpers/card-numbers';

/** Built at run time: the tree holds no Luhn-valid card number. */
const PAN = testPan();

/**
 * The phone calls' backend over real HTTP: POST /api/v1/calls stores a record once whatever the
 * retries, refuses a card number in the notes naming the field, enforces the outcome list and the
 * wrap-up policy it serves; GET /api/v1/calls is oversight (supervisors and administrators);
 * outcome codes and service notes are read by every role, and the outcome list is the
 * administrator's.
 */
let dir: string;
let h: Harness;
let agent: Record<string, string>;
let supervisor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-phone-calls-'));
  h = await startHarness({ dataFile: join(dir, 'state.json') });
  [agent, supervisor, admin] = await Promise.all([h.agentHeaders('agent.sato'), h.agentHeaders('supervisor.suzuki'), h.agentHeaders('admin.tanaka')]);
});

afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

let minutes = 0;
/** A wrap-up of agent.sato's, each a minute after the last so the list's order is known. */
const recordOf = (overrides: Partial<PhoneCallRecord> = {}): PhoneCallRecord => {
  minutes += 1;
  const startedAt = new Date(Date.parse('2026-11-23T09:00:00+09:00') + minutes * 60_000);
  return {
    phoneCallId: randomUUID(),
    agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
    workstationId: 'WS-TOKYO-01',
    startedAt: startedAt.toISOString(),
    endedAt: new Date(startedAt.getTime() + 4 * 60_000).toISOString(),
    origin: 'SCREEN_POP',
    telephony: { callId: 'PBX-2026-000123', callerNumber: '+8190****5678' },
    cardholderId: 'C0000001',
    actions: [{ actionId: randomUUID(), correlationId: randomUUID(), operation: 'activate', virtualCardId: 'VCYELLOW0001', tokenLastFour: '6604' }],
    notes: '本人確認（生年月日・登録電話番号）のうえ、Apple Pay の iPhone 15 Pro を有効化。',
    outcomeCode: 'ACTIVATED_AFTER_VERIFICATION',
    closing: 'WRAP_UP',
    ...overrides,
  };
};

const create = (record: unknown, headers: Record<string, string> = agent, key?: string): Promise<Response> =>
  h.post('/api/v1/calls', record, { ...headers, ...(key !== undefined ? { 'idempotency-key': key } : {}) });

const list = async (query: string, headers: Record<string, string> = supervisor) => {
  const response = await h.get(`/api/v1/calls${query}`, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  return pageOf(StoredPhoneCall).parse(await response.json());
};

const setPolicy = async (policy: TokenActionPolicy): Promise<void> => {
  const response = await h.post('/training/v1/action-policy', policy, await h.platformHeaders());
  expect(response.status, await response.clone().text()).toBe(200);
};

describe('POST /api/v1/calls', () => {
  it('stores a record once: a retry with the same Idempotency-Key is replayed, the same phoneCallId under another key gets the first receipt', async () => {
    const record = recordOf();
    const first = await create(record, agent, record.phoneCallId);
    expect(first.status, await first.clone().text()).toBe(201);
    const receipt = PhoneCallStored.parse(await first.json());
    expect(receipt.phoneCallId).toBe(record.phoneCallId);

    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const retry = await create(record, agent, record.phoneCallId);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(receipt);

    const again = await create(record);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(receipt);
    expect([...h.sandbox.store.phoneCalls.values()].filter((stored) => stored.record.phoneCallId === record.phoneCallId)).toHaveLength(1);
  });

  it('refuses another record under a stored phoneCallId (422 naming phoneCallId), and a reused key for another body, keeping the first', async () => {
    const record = recordOf();
    expect((await create(record, agent, record.phoneCallId)).status).toBe(201);
    const other = await create({ ...record, notes: '別の内容' });
    expect(other.status).toBe(422);
    expect(await errorOf(other)).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', field: 'phoneCallId' });
    const reusedKey = await create(recordOf(), agent, record.phoneCallId);
    expect(reusedKey.status).toBe(422);
    expect(await errorOf(reusedKey)).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(h.sandbox.store.phoneCalls.get(record.phoneCallId)?.record.notes).toBe(record.notes);
  });

  it('requires an Idempotency-Key', async () => {
    const response = await fetch(`${h.sandbox.baseUrl}/api/v1/calls`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: JSON.stringify(recordOf()) });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ field: 'idempotency-key' });
  });

  it.each([
    ['plain', `${PAN}`],
    ['grouped by spaces', '4111 1111 1111 1111'],
    ['grouped by dashes', '4111-1111-1111-1111'],
    ['in full-width digits', '４１１１１１１１１１１１１１１１'],
  ])('refuses a card number in the notes (%s) with a 400 naming notes, storing nothing and echoing nothing', async (_form, number) => {
    const record = recordOf({ notes: `お客様がカード番号 ${number} を読み上げた` });
    const response = await create(record);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: '112', category: 'D', field: 'notes' } });
    expect(cardNumberRuns(text)).toEqual([]);
    expect(h.sandbox.store.phoneCalls.has(record.phoneCallId)).toBe(false);
  });

  it("refuses an outcome not on the issuer's list (400 naming outcomeCode), and an outcome on anything but a wrap-up", async () => {
    const unknown = await create(recordOf({ outcomeCode: 'MADE_UP' }));
    expect(unknown.status).toBe(400);
    expect(await errorOf(unknown)).toMatchObject({ code: '112', field: 'outcomeCode' });
    const skippedWithOutcome = await create(recordOf({ closing: 'SKIPPED', outcomeCode: 'NO_ACTION' }));
    expect(skippedWithOutcome.status).toBe(400);
    expect(await errorOf(skippedWithOutcome)).toMatchObject({ field: 'outcomeCode' });
    const wrapUpWithout = await create(recordOf({ outcomeCode: null }));
    expect(wrapUpWithout.status).toBe(400);
    expect(await errorOf(wrapUpWithout)).toMatchObject({ field: 'outcomeCode' });
  });

  it('refuses a phone call closed without a wrap-up while the policy requires one (422 WRAP_UP_REQUIRED), and takes it once the policy allows it', async () => {
    const skipped = recordOf({ closing: 'SKIPPED', outcomeCode: null });
    const refused = await create(skipped);
    expect(refused.status).toBe(422);
    expect(await errorOf(refused)).toMatchObject({ code: 'WRAP_UP_REQUIRED', category: 'F' });
    try {
      await setPolicy({ ...trainingActionPolicy(), phoneCalls: { wrapUpRequired: false } });
      const policy = await h.get('/api/v1/policies/token-actions', agent);
      expect(await policy.json()).toMatchObject({ phoneCalls: { wrapUpRequired: false } });
      expect((await create(skipped)).status).toBe(201);
      // A discard at sign-out keeps no notes, whatever the policy.
      const discarded = await create(recordOf({ closing: 'DISCARDED', outcomeCode: null }));
      expect(discarded.status).toBe(400);
      expect(await errorOf(discarded)).toMatchObject({ field: 'notes' });
    } finally {
      await setPolicy(trainingActionPolicy());
    }
  });

  it("refuses a record naming another agent or role than the session's, and an unknown cardholder", async () => {
    const someoneElse = await create(recordOf({ agent: { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent' } }));
    expect(someoneElse.status).toBe(400);
    expect(await errorOf(someoneElse)).toMatchObject({ field: 'agent.agentId' });
    const promoted = await create(recordOf({ agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'supervisor' } }));
    expect(await errorOf(promoted)).toMatchObject({ field: 'agent.role' });
    const nobody = await create(recordOf({ cardholderId: 'C9999999' }));
    expect(nobody.status).toBe(404);
    expect(await errorOf(nobody)).toMatchObject({ code: '114', field: 'cardholderId' });
  });
});

describe('GET /api/v1/calls', () => {
  it('is for supervisors and administrators: an agent is refused with 403 FORBIDDEN_ROLE', async () => {
    const response = await h.get('/api/v1/calls', agent);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect((await h.get('/api/v1/calls', admin)).status).toBe(200);
  });

  it('lists newest first with filters by agent, cardholder, outcome and start time, and pages by cursor', async () => {
    const mine = [recordOf({ cardholderId: 'C0000008', outcomeCode: 'SUSPENDED_LOST_DEVICE' }), recordOf({ cardholderId: 'C0000008', outcomeCode: 'NO_ACTION' }), recordOf({ cardholderId: 'C0000008', outcomeCode: 'SUSPENDED_LOST_DEVICE' })];
    for (const record of mine) expect((await create(record)).status).toBe(201);
    const byCardholder = await list('?cardholderId=C0000008');
    expect(byCardholder.items.map((item) => item.phoneCallId)).toEqual(mine.map((record) => record.phoneCallId).reverse());
    expect(byCardholder.items[0]).toMatchObject({ ...mine[2], receivedAt: expect.any(String) as string });

    const byOutcome = await list('?cardholderId=C0000008&outcomeCode=SUSPENDED_LOST_DEVICE');
    expect(byOutcome.items.map((item) => item.phoneCallId)).toEqual([mine[2]?.phoneCallId, mine[0]?.phoneCallId]);
    const window = await list(`?cardholderId=C0000008&from=${encodeURIComponent(mine[1]?.startedAt ?? '')}&to=${encodeURIComponent(mine[2]?.startedAt ?? '')}`);
    expect(window.items.map((item) => item.phoneCallId)).toEqual([mine[1]?.phoneCallId]);
    expect((await list('?agentId=agent.kobayashi')).items).toEqual([]);

    const first = await list('?cardholderId=C0000008&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?cardholderId=C0000008&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...second.items].map((item) => item.phoneCallId)).toEqual(byCardholder.items.map((item) => item.phoneCallId));
    // A cursor belongs to its own filters.
    const foreign = await h.get(`/api/v1/calls?cardholderId=C0000001&cursor=${first.nextCursor ?? ''}`, supervisor);
    expect(foreign.status).toBe(400);
    expect(await errorOf(foreign)).toMatchObject({ field: 'cursor' });
  });
});

describe('outcome codes', () => {
  it('every role reads the training list (six codes, each labelled in Japanese and English); only an administrator replaces it', async () => {
    const read = await h.get('/api/v1/call-outcomes', agent);
    expect(read.status).toBe(200);
    const outcomes = CallOutcomeList.parse(await read.json());
    expect(outcomes.items.map((item) => item.code)).toEqual([
      'ACTIVATED_AFTER_VERIFICATION',
      'SUSPENDED_LOST_DEVICE',
      'DELETED_ON_REQUEST',
      'EXPLAINED_DECLINE_OR_CANCEL',
      'REFERRED_TO_FRAUD',
      'NO_ACTION',
    ]);
    const replacement = { items: [...outcomes.items, { code: 'CALLBACK_PROMISED', label: { ja: '折り返しを約束', en: 'Callback promised' } }] };
    const byAgent = await h.post('/api/v1/call-outcomes', replacement, supervisor);
    expect(byAgent.status).toBe(403);
    try {
      const saved = await h.post('/api/v1/call-outcomes', replacement, admin);
      expect(saved.status, await saved.clone().text()).toBe(200);
      expect(CallOutcomeList.parse(await saved.json()).items.at(-1)?.code).toBe('CALLBACK_PROMISED');
      expect((await create(recordOf({ outcomeCode: 'CALLBACK_PROMISED' }))).status).toBe(201);
      const twice = await h.post('/api/v1/call-outcomes', { items: [...replacement.items, replacement.items[0]] }, admin);
      expect(twice.status).toBe(400);
      expect(await errorOf(twice)).toMatchObject({ field: `items.${String(replacement.items.length)}.code` });
      const withNumber = await h.post('/api/v1/call-outcomes', { items: [{ code: 'X1', label: { ja: `${PAN}`, en: 'x' } }] }, admin);
      expect(withNumber.status).toBe(400);
      expect(await errorOf(withNumber)).toMatchObject({ field: 'items.0.label.ja' });
    } finally {
      expect((await h.post('/api/v1/call-outcomes', outcomes, admin)).status).toBe(200);
    }
  });
});

describe('GET /api/v1/cardholders/{id}/service-notes', () => {
  it("serves every note of a cardholder flagged hasServiceNotes, newest first, with who wrote it and when, and none to those without the flag; the seed's notes hold no card number", async () => {
    const seed = generateSeedData();
    const flagged = seed.cardholders.filter((holder) => holder.hasServiceNotes);
    expect(flagged.length).toBeGreaterThan(3);
    for (const holder of seed.cardholders) {
      const response = await h.get(`/api/v1/cardholders/${holder.cardholderId}/service-notes`, agent);
      expect(response.status).toBe(200);
      const notes = ServiceNotes.parse(await response.json());
      expect(notes.cardholderId).toBe(holder.cardholderId);
      expect(notes.items.length > 0, holder.cardholderId).toBe(holder.hasServiceNotes);
      const times = notes.items.map((note) => note.writtenAt);
      expect(times).toEqual([...times].sort().reverse());
      for (const note of notes.items) {
        expect(note.author.name.length).toBeGreaterThan(0);
        expect(cardNumberRuns(note.text)).toEqual([]);
        // Japanese, as the issuer's CRM writes them.
        expect(note.text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
      }
    }
    const takahashi = ServiceNotes.parse(await (await h.get('/api/v1/cardholders/C0000002/service-notes', supervisor)).json());
    expect(takahashi.items[0]).toMatchObject({ category: 'CAUTION', author: { name: '石井 由美子', team: '不正利用対策室' } });
  });

  it('answers 404 naming cardholderId for an unknown cardholder', async () => {
    const response = await h.get('/api/v1/cardholders/C9999999/service-notes', agent);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: '114', field: 'cardholderId' });
  });
});
