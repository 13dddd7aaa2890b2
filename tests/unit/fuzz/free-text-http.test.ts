import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../shared/api/audit';
import { actionPaths } from '../../../electron/core/app-core';
import { openAuditJournal, verifyJournal } from '../../../electron/core/actions/audit-journal';
import { createLogger } from '../../../electron/core/logging/logger';
import { eventually } from '../core/support/server-requests';
import { SATO } from '../core/actions/support/desk';
import { CARD_NUMBER_FORMS } from './free-text-arbitraries';
import { startFreeTextWorld, type FreeTextWorld } from './free-text-world';
import { longestDigitRun } from '../../support/digit-runs';

/**
 * A card number in every free-text field, in each form people write one, over real HTTP: refused
 * by the console's contract and again by the backend (400, category D, the field named), so that
 * nothing with one is stored, sent or logged. Nothing here echoes the number back in an error.
 */

/** Runs of 13+ digits, UUIDs set aside (a log line's correlation id is one, and is not a card number). */
const holdsRun = (text: string): boolean => longestDigitRun(text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'uuid')) >= 13;

const TOKEN = 'VCWATCH00001';
let world: FreeTextWorld;
let historyBefore: number;

beforeAll(async () => {
  world = await startFreeTextWorld();
  historyBefore = (await world.backend.script.tokenEvents(world.backend.supervisor, TOKEN)).length;
}, 30_000);
afterAll(async () => {
  await world.close();
});

const refusedAt = (answer: { status: number; json: unknown; text: string }, field: string, text: string): void => {
  expect(answer.status, answer.text).toBe(400);
  expect(answer.json).toMatchObject({ error: { category: 'D', field } });
  expect(answer.text).not.toContain(text);
};

describe.each(CARD_NUMBER_FORMS)('a card number %s', (_form, text) => {
  it('in an action comment: the console refuses it at the field, before main keeps or sends anything', async () => {
    const actionId = randomUUID();
    const single = await world.rpc('actions.submit', { actionId, virtualCardId: TOKEN, operation: 'suspend', reasonCode: 'OTHER', comment: text, expectedState: 'ACTIVE' });
    expect(single).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: ['comment'] } });
    const bulk = await world.rpc('actions.submitBulk', {
      bulkId: randomUUID(),
      operation: 'suspend',
      scope: { kind: 'CARD', issuerCardRefId: 'CR000001GOLD' },
      reasonCode: 'OTHER',
      comment: text,
      items: [{ actionId: randomUUID(), virtualCardId: TOKEN, expectedState: 'ACTIVE' }],
    });
    expect(bulk).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: ['comment'] } });
    expect(world.desk.core.actions.get(actionId)).toBeUndefined();
  });

  it("in an action comment or the reason sent straight to the backend: 400, category D, the field named, the token's history unchanged", async () => {
    const path = `/api/v1/tokens/${TOKEN}/operations:suspend`;
    refusedAt(await world.post(path, { reasonCode: 'OTHER', reason: 'OTHER', comment: text, expectedState: 'ACTIVE' }), 'comment', text);
    refusedAt(await world.post(path, { reasonCode: 'DEVICE_LOST', reason: text, expectedState: 'ACTIVE' }), 'reason', text);
    expect(await world.backend.script.tokenEvents(world.backend.supervisor, TOKEN)).toHaveLength(historyBefore);
  });

  it('in a search: the console refuses it, and so does the backend, without searching', async () => {
    const search = await world.rpc('cardholders.search', { q: text, requestId: `search-${randomUUID()}` });
    expect(search).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: ['q'] } });
    const direct = await world.backend.script.asAgent(world.session, 'GET', `/api/v1/cardholders?q=${encodeURIComponent(text)}`);
    expect(direct.status).toBe(400);
    expect(direct.json).toMatchObject({ error: { code: 'PAN_NOT_ACCEPTED', category: 'D', field: 'q' } });
    expect(direct.text).not.toContain(text);
  });

  it("in the backend's audit trail: a console cannot post a record, and the refused calls above left none that holds it", async () => {
    const posted = await world.post('/api/v1/audit-records', { comment: text });
    expect(posted.status).toBe(404);
    const trail = await world.backend.script.auditRecords(world.backend.supervisor, TOKEN);
    expect(holdsRun(JSON.stringify(trail))).toBe(false);
  });

  it('as the customer-service number every notification prints: refused', async () => {
    const admin = await world.backend.script.signIn({ agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' });
    refusedAt(await world.post('/api/v1/notification-settings', { customerServiceNumber: text, issuerSendsOwnOtp: false, reminderAfterHours: 24 }, admin), 'customerServiceNumber', text);
  });

  it('in a log line: the log file holds no run of it, in the message or in any field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-free-text-log-'));
    try {
      const logger = createLogger({ dir });
      const marker = `end-${randomUUID()}`;
      logger.warn({ comment: text, nested: { q: [text] }, correlationId: randomUUID() }, `agent typed ${text}`);
      logger.child({ note: text }).info(marker);
      const written = await eventually(async () => {
        const names = await readdir(dir);
        const all = (await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))).join('\n');
        if (!all.includes(marker)) throw new Error('not written yet');
        return all;
      });
      expect(written).toContain('[redacted-pan]');
      expect(holdsRun(written)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('in the audit journal: a record that carries one is written with its last four only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-free-text-journal-'));
    try {
      const file = join(dir, 'audit-journal.jsonl');
      const journal = openAuditJournal(file);
      await journal.append({
        auditId: randomUUID(),
        actionId: randomUUID(),
        bulkId: null,
        agent: { agentId: SATO.agentId, name: '佐藤 美咲', role: 'agent' },
        workstationId: 'WS-TEST-01',
        requestedAt: '2026-11-23T09:00:00.000Z',
        completedAt: '2026-11-23T09:00:01.000Z',
        virtualCardId: TOKEN,
        issuerCardRefId: 'CR000001GOLD',
        cardholderId: 'C0000001',
        tokenLastFour: '6604',
        operation: 'suspend',
        reasonCode: 'OTHER',
        reasonSent: 'OTHER',
        comment: `written before comments were checked: ${text}`,
        verifiers: [],
        riskRules: [],
        correlationId: randomUUID(),
        operationId: null,
        outcome: 'CONFIRMED',
        failure: null,
        attempts: 1,
        resumedAfterRestart: false,
      }, null);
      await journal.close();
      // The line's `prev` is a hash (the genesis one is 64 zeros): the record is what holds text.
      const { record } = JSON.parse(await readFile(file, 'utf8')) as { record: ActionRecord };
      expect(holdsRun(JSON.stringify(record))).toBe(false);
      expect(record.comment).toMatch(/^written before comments were checked: .*\*{4}\p{Nd}{4}/u);
      expect((await verifyJournal(file)).problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('after every refusal above', () => {
  it("the console's own log, its journal and its outbox hold no card number, and the token is as it was", async () => {
    const paths = actionPaths(world.desk.dir);
    const outbox = await readdir(paths.outboxDir).catch(() => []);
    const files = await Promise.all([paths.auditJournalFile, ...outbox.map((name) => join(paths.outboxDir, name))].map((file) => readFile(file, 'utf8').catch(() => '')));
    // Journal lines carry hashes of the line before (the first one's is 64 zeros): set them aside.
    const texts = files.map((content) => content.replace(/"prev":"[0-9a-f]{64}"/g, '"prev":"hash"'));
    for (const content of [...texts, world.desk.logLines.join('\n')]) expect(holdsRun(content)).toBe(false);
    expect(world.desk.logLines.some((line) => line.includes('invalid input refused'))).toBe(true);
    expect(await world.backend.script.tokenEvents(world.backend.supervisor, TOKEN)).toHaveLength(historyBefore);
  });
});
