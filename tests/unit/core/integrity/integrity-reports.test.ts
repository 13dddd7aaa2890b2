import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StoredIntegrityReport } from '../../../../shared/api/integrity';
import { pageOf } from '../../../../shared/api/model';
import type { EventEnvelope, IntegrityNotice } from '../../../../shared/contract';
import { actionPaths } from '../../../../electron/core/app-core';
import type { RecordProblem } from '../../../../electron/core/fs/record-folder';
import { damagedActionOf } from '../../../../electron/core/integrity/damaged-action';
import { SATO, newActionId, openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';

/**
 * A problem in the console's own files is never only logged: over real HTTP against the sandbox,
 * a journal cut short or a damaged outbox entry shows as an integrity.changed event (what the
 * banner shows, also readable with integrity.notices) and reaches the backend with the
 * workstation's credential, before anyone signs in; a supervisor lists it, and a restart does not
 * report the same break again.
 */
let backend: Backend;
const dirs: string[] = [];
const desks: Desk[] = [];

// Generous hook time: the backend and the consoles start while the rest of the suite runs.
beforeAll(async () => {
  backend = await startBackend();
}, 60_000);
afterAll(async () => {
  await backend.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
});

const profile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'td-integrity-'));
  dirs.push(dir);
  return dir;
};

const open = async (dir: string): Promise<Desk> => {
  const desk = await openDesk(backend, { dir });
  desks.push(desk);
  return desk;
};

const shut = async (desk: Desk): Promise<void> => {
  await desk.close();
  desks.splice(desks.indexOf(desk), 1);
};

const noticeEvents = (desk: Desk): IntegrityNotice[][] =>
  desk.events.filter((envelope): envelope is Extract<EventEnvelope, { name: 'integrity.changed' }> => envelope.name === 'integrity.changed').map((envelope) => envelope.payload.notices);

const reportedNotices = async (desk: Desk, count: number): Promise<IntegrityNotice[]> => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { notices } = await desk.ok('integrity.notices');
    if (notices.length === count && notices.every((notice) => notice.reported)) return notices;
    if (Date.now() > deadline) throw new Error(`notices not reported: ${JSON.stringify(notices)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const storedReports = async (workstationId: string) => {
  const answer = await backend.script.asAgent(backend.supervisor, 'GET', `/api/v1/integrity-reports?workstationId=${workstationId}`);
  return pageOf(StoredIntegrityReport).parse(answer.json).items;
};

/** Two ended actions' journal lines, written as the console writes them. */
const journalOfTwoActions = async (dir: string): Promise<string[]> => {
  const desk = await open(dir);
  await desk.ok('session.signIn', SATO);
  for (const reasonCode of ['DEVICE_FOUND', 'NO_FRAUD']) {
    const view = await desk.ok('actions.submit', { actionId: newActionId(), virtualCardId: 'VCSUSPWALLET1', operation: 'resume', reasonCode, expectedState: 'SUSPENDED' });
    await desk.until(view.actionId, ['FAILED', 'CONFIRMED'], { settled: true });
  }
  await shut(desk);
  return (await readFile(actionPaths(dir).auditJournalFile, 'utf8')).split('\n').filter((line) => line.length > 0);
};

describe('integrity reports', { timeout: 60_000 }, () => {
  it('shows a journal cut short and tells the backend with the workstation credential, once across restarts', async () => {
    const dir = await profile();
    const lines = await journalOfTwoActions(dir);
    expect(lines).toHaveLength(2);
    await writeFile(actionPaths(dir).auditJournalFile, `${lines[0]}\n`);

    const desk = await open(dir);
    // Nobody is signed in: the report goes on its own, with the workstation's credential.
    const [notice] = await reportedNotices(desk, 1);
    expect(notice).toMatchObject({ subject: 'AUDIT_JOURNAL', findingCount: 1 });
    expect(notice?.findings).toEqual([{ line: 1, problem: expect.stringContaining('lines removed from the journal: the head records 2, the journal holds 1') }]);
    expect(notice?.keptAs).toMatch(/^audit-journal\.jsonl\.\d{8}T\d{9}Z\.damaged$/);
    // A window listening when the backend stored it learns it by the event too; the report may be
    // through before this test's listener (core starts it before it returns), and a window opened
    // later reads integrity.notices, as above.
    const lastEvent = noticeEvents(desk).at(-1);
    if (lastEvent !== undefined) expect(lastEvent).toEqual([{ ...notice, reported: true }]);
    const workstationId = (await desk.ok('session.status')).workstationId;
    const stored = await storedReports(workstationId);
    expect(stored.filter((report) => report.reportId === notice?.reportId)).toEqual([
      expect.objectContaining({ subject: 'AUDIT_JOURNAL', keptAs: notice?.keptAs, agentId: null, findings: notice?.findings }),
    ]);
    // The damaged journal is kept as it was; nothing waits on disk to be sent.
    expect(await readFile(join(dir, 'audit', notice?.keptAs ?? ''), 'utf8')).toBe(`${lines[0]}\n`);
    expect(await readdir(join(dir, 'integrity'))).toEqual([]);
    await shut(desk);

    const again = await open(dir);
    expect((await again.ok('integrity.notices')).notices).toEqual([]);
    expect((await storedReports(workstationId)).filter((report) => report.subject === 'AUDIT_JOURNAL')).toHaveLength(stored.filter((report) => report.subject === 'AUDIT_JOURNAL').length);
  });

  it('shows and reports a damaged outbox entry, kept aside, with the action it was as far as it can be read', async () => {
    const dir = await profile();
    const outbox = actionPaths(dir).outboxDir;
    await mkdir(outbox, { recursive: true });
    const actionId = randomUUID();
    const name = `${actionId}.json`;
    // Cut off part way, as a disk failure or a hand edit would leave it: no longer JSON.
    await writeFile(
      join(outbox, name),
      `{"version":1,"view":{"actionId":"${actionId}","bulkId":null,"operation":"suspend","virtualCardId":"VCWATCH00001","issuerCardRefId":"CR000001GOLD","cardholderId":"C0000001","tokenLastFour":"6604","requestedAt":"2026-11-23T09:00:00.000Z","upd`,
    );
    const desk = await open(dir);
    const [notice] = await reportedNotices(desk, 1);
    expect(notice).toMatchObject({ subject: 'OUTBOX_ENTRY', findings: [{ line: 0, problem: expect.stringContaining(name) }] });
    // Cut before its correlation id, with no write-ahead header beside it: the backend cannot be asked, so it stays unknown for good.
    expect(notice?.action).toEqual({ file: name, operation: 'suspend', tokenLastFour: '6604', requestedAt: '2026-11-23T09:00:00.000Z', reconciled: 'UNKNOWN', unidentified: true });
    const workstationId = (await desk.ok('session.status')).workstationId;
    expect((await storedReports(workstationId)).find((report) => report.reportId === notice?.reportId)?.action).toEqual(notice?.action);
    expect(notice?.keptAs).toMatch(new RegExp(`^${name.replace('.', '\\.')}\\..*\\.damaged$`));
    expect((await readdir(outbox)).filter((file) => file === notice?.keptAs)).toHaveLength(1);
  });

  it('keeps a report the backend could not take on disk and sends it on the next start', async () => {
    const dir = await profile();
    const lines = await journalOfTwoActions(dir);
    await writeFile(actionPaths(dir).auditJournalFile, `${lines[1]}\n`);
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/integrity-reports' }, fault: 'status-503', times: 1000 });
    let desk: Desk;
    try {
      desk = await open(dir);
      const { notices } = await desk.ok('integrity.notices');
      expect(notices).toEqual([expect.objectContaining({ subject: 'AUDIT_JOURNAL', reported: false })]);
      expect(await readdir(join(dir, 'integrity'))).toEqual([`${notices[0]?.reportId}.json`]);
      await shut(desk);
    } finally {
      await backend.script.clearFaults();
    }
    desk = await open(dir);
    const [notice] = await reportedNotices(desk, 1);
    expect(notice?.subject).toBe('AUDIT_JOURNAL');
    expect(await readdir(join(dir, 'integrity'))).toEqual([]);
  });
});

describe('what a damaged outbox file still says', () => {
  const problemFor = (file: string): RecordProblem => ({ file, problem: 'not valid JSON (truncated or overwritten)', keptAs: null });

  it('leaves out a field edited out of its form, and names the file when nothing else can be read', async () => {
    const dir = await profile();
    const name = `${randomUUID()}.json`;
    await writeFile(join(dir, name), '{"view":{"operation":"unlock","tokenLastFour":"66a4","requestedAt":"2026-11-23T09:00:00.000Z"');
    expect(await damagedActionOf(dir, problemFor(name))).toEqual({ file: name, operation: null, tokenLastFour: null, requestedAt: '2026-11-23T09:00:00.000Z', reconciled: 'UNKNOWN' });
    expect(await damagedActionOf(dir, problemFor(`${randomUUID()}.json`))).toMatchObject({ operation: null, tokenLastFour: null, requestedAt: null });
    expect(await damagedActionOf(dir, problemFor('notes.json'))).toBeNull();
  });
});
