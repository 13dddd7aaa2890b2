import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directDeletesPolicy } from '../../../support/direct-deletes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acceptedActions } from '../../../support/audit-trail';
import type { Token } from '../../../../shared/api/model';
import type { ActionView } from '../../../../shared/contract';
import { actionPaths } from '../../../../electron/core/app-core';
import { JournalLine } from '../../../../electron/core/actions/audit-journal';
import { OutboxEntry } from '../../../../electron/core/actions/action-entry';
import { watchServerRequests } from '../support/server-requests';
import { putInOutbox, writtenAhead } from './support/entries';
import { KOBAYASHI, SATO, newActionId, openDesk, startBackend, tracesOf, type Backend, type Desk } from './support/desk';

/**
 * The outbox under faults, over real HTTP against a standalone sandbox told to misbehave, and
 * across restarts of the console on the same profile: in every case the token changes once, and
 * the action has one journal line and one backend audit record.
 */
let backend: Backend;
const dirs: string[] = [];
const desks: Desk[] = [];

beforeAll(async () => {
  backend = await startBackend({ actionPolicy: directDeletesPolicy() });
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
  const dir = await mkdtemp(join(tmpdir(), 'td-outbox-'));
  dirs.push(dir);
  return dir;
};

const open = async (dir: string, options: Parameters<typeof openDesk>[1] = {}): Promise<Desk> => {
  const desk = await openDesk(backend, { dir, ...options });
  desks.push(desk);
  return desk;
};

const token = async (virtualCardId: string): Promise<Token> => {
  const answer = await backend.script.asAgent(backend.supervisor, 'GET', `/api/v1/tokens/${virtualCardId}`);
  return answer.json as Token;
};

const journal = async (dir: string): Promise<string[]> =>
  (await readFile(actionPaths(dir).auditJournalFile, 'utf8').catch(() => '')).split('\n').filter((line) => line.length > 0);

const expectOnce = async (desk: Desk, view: ActionView): Promise<void> => {
  const history = await backend.script.tokenEvents(backend.supervisor, view.virtualCardId);
  expect(tracesOf(history, view).agentActions).toBe(view.operationId === null ? 0 : 1);
  // Records only: a damaged outbox file's action has a line of its own kind (reconciledAfterDamage).
  const records = (await journal(desk.dir)).map((line) => JSON.parse(line) as object).filter((line) => 'record' in line);
  const lines = records.map((line) => JournalLine.parse(line)).filter((line) => line.record.actionId === view.actionId);
  expect(lines).toHaveLength(1);
  const stored = acceptedActions(await backend.script.auditRecords(backend.supervisor, view.virtualCardId)).filter(({ record }) => record.correlationId === view.correlationId);
  expect(stored).toHaveLength(view.operationId === null ? 0 : 1);
  // The journal line keeps the backend's receipt when the answer reached the console (a lost one leaves null).
  const receipt = lines[0]?.receipt ?? null;
  if (receipt !== null) expect(receipt).toEqual({ recordId: stored[0]?.record.recordId, hash: stored[0]?.record.hash });
};

const suspendInput = (virtualCardId: string) => ({
  actionId: newActionId(),
  virtualCardId,
  operation: 'suspend',
  reasonCode: 'DEVICE_STOLEN',
  comment: 'stolen on the train',
  expectedState: 'ACTIVE',
});

/** Every POST of the action reached the backend with the same correlation id and Idempotency-Key. */
const expectSameKeys = (seen: ReturnType<typeof watchServerRequests>['seen'], view: ActionView, sends: number): void => {
  const posts = seen.filter((request) => request.url.includes('/operations:'));
  expect(posts).toHaveLength(sends);
  expect(new Set(posts.map((request) => request.headers['x-correlation-id']))).toEqual(new Set([view.correlationId]));
  expect(new Set(posts.map((request) => request.headers['idempotency-key'])).size).toBe(1);
};

describe('a console killed mid-action resumes on start', () => {
  it('sends, once, an action written ahead but never sent, when its agent signs in', async () => {
    const dir = await profile();
    const entry = writtenAhead(await token('VCWATCH00001'), { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    await putInOutbox(actionPaths(dir).outboxDir, entry);
    const desk = await open(dir);
    expect(desk.core.actions.get(entry.view.actionId)?.view).toMatchObject({ status: 'REQUESTED', resumedAfterRestart: true, attempts: 0 });
    await desk.ok('session.signIn', SATO);
    const view = await desk.until(entry.view.actionId, ['CONFIRMED'], { settled: true });
    expect(view).toMatchObject({ attempts: 1, resumedAfterRestart: true });
    await expectOnce(desk, view);
    const [line] = (await journal(dir)).map((text) => JournalLine.parse(JSON.parse(text)));
    expect(line?.record).toMatchObject({ resumedAfterRestart: true, attempts: 1 });
    // Restarting again changes nothing: the action is over.
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    const again = await open(dir);
    await again.ok('session.signIn', SATO);
    await again.core.actions.idle(100);
    await expectOnce(again, view);
  });

  it('reconciles an action sent before the crash (the answer never recorded) from the history, without sending again', async () => {
    const dir = await profile();
    const target = await token('VCSUSPISSUER1');
    const entry = writtenAhead(target, { operation: 'resume', reasonCode: 'NO_FRAUD', attempts: 1 });
    await putInOutbox(actionPaths(dir).outboxDir, entry);
    // What the killed console had sent: same correlation id, key and body.
    const session = await backend.script.signIn(SATO);
    const sent = await backend.script.asAgent(session, 'POST', `/api/v1/tokens/${target.virtualCardId}/operations:resume`, {
      body: entry.request,
      headers: { 'x-correlation-id': entry.view.correlationId, 'idempotency-key': entry.idempotencyKey },
    });
    expect(sent.status).toBe(202);
    const watch = watchServerRequests('/api/v1/tokens/');
    try {
      const desk = await open(dir);
      await desk.ok('session.signIn', SATO);
      const view = await desk.until(entry.view.actionId, ['CONFIRMED'], { settled: true });
      expect(view).toMatchObject({ attempts: 1, resumedAfterRestart: true, operationId: (sent.json as { operationId: string }).operationId });
      expect(watch.seen.filter((request) => request.url.includes('/operations:'))).toHaveLength(0);
      await expectOnce(desk, view);
    } finally {
      watch.stop();
    }
  });

  it('waits for the agent who asked: another agent signed in leaves it queued and listed', async () => {
    const dir = await profile();
    const entry = writtenAhead(await token('VCHISTORY0001'), { operation: 'suspend', reasonCode: 'CARDHOLDER_REQUEST' });
    await putInOutbox(actionPaths(dir).outboxDir, entry);
    const desk = await open(dir);
    await desk.ok('session.signIn', KOBAYASHI);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.core.actions.get(entry.view.actionId)?.view).toMatchObject({ status: 'REQUESTED', attempts: 0 });
    expect((await desk.ok('actions.list')).items.map((item) => item.actionId)).toContain(entry.view.actionId);
    expect(await desk.fail('actions.submit', { ...suspendInput('VCHISTORY0001'), reasonCode: 'CARDHOLDER_REQUEST' })).toMatchObject({ code: 'ACTION_IN_PROGRESS' });
    await desk.ok('session.signOut');
    await desk.ok('session.signIn', SATO);
    const view = await desk.until(entry.view.actionId, ['CONFIRMED'], { settled: true });
    await expectOnce(desk, view);
  });

  it('reports damaged and truncated outbox files, keeps them aside, and resumes the rest', async () => {
    const dir = await profile();
    const { outboxDir } = actionPaths(dir);
    const good = writtenAhead(await token('VCSUSPTSP0001'), { operation: 'delete', reasonCode: 'ACCOUNT_CLOSED' });
    await putInOutbox(outboxDir, good);
    const torn = writtenAhead(await token('VCYELLOW0001'), { operation: 'delete', reasonCode: 'ACCOUNT_CLOSED' });
    const tornText = JSON.stringify(torn);
    await writeFile(join(outboxDir, `${torn.view.actionId}.json`), tornText.slice(0, tornText.length / 2));
    const garbage = '0f3c2d9e-aaaa-4bbb-8ccc-9ddddeeeefff';
    await writeFile(join(outboxDir, `${garbage}.json`), JSON.stringify({ version: 1, view: { status: 'NOPE' } }));
    const desk = await open(dir);
    const damaged = desk.logLines.filter((line) => line.includes('outbox entry damaged'));
    expect(damaged).toHaveLength(2);
    expect(damaged.join('')).toContain(torn.view.actionId);
    expect(damaged.join('')).toContain(garbage);
    const files = await readdir(outboxDir);
    expect(files.filter((name) => name.endsWith('.damaged'))).toHaveLength(2);
    await desk.ok('session.signIn', SATO);
    const view = await desk.until(good.view.actionId, ['CONFIRMED'], { settled: true });
    await expectOnce(desk, view);
  });
});

describe('faults while sending: retried under the same key, done once', () => {
  it('5xx once, then success', async () => {
    const desk = await open(await profile());
    await desk.ok('session.signIn', SATO);
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/tokens/VCWATCH00001/' }, fault: 'status-500', times: 1 });
    const watch = watchServerRequests('/api/v1/tokens/VCWATCH00001/');
    try {
      const input = { ...suspendInput('VCWATCH00001'), operation: 'resume', reasonCode: 'DEVICE_FOUND', expectedState: 'SUSPENDED' };
      await desk.ok('actions.submit', input);
      const view = await desk.until(input.actionId, ['CONFIRMED'], { settled: true });
      expect(view.attempts).toBe(2);
      expectSameKeys(watch.seen, view, 2);
      await expectOnce(desk, view);
    } finally {
      watch.stop();
    }
  });

  it.each(['timeout-after-work', 'reset-after-work'] as const)('%s: the work was done, the answer lost; the retry gets the first answer', async (fault) => {
    const desk = await open(await profile(), { timeoutMs: 400, actionTuning: { confirmPollMs: 150 } });
    await desk.ok('session.signIn', SATO);
    // Without the live stream only a second send can learn what the first did: the retry itself is
    // under test, and the slow poll confirms. (With it, the AGENT_ACTION on the stream says so
    // and nothing is sent again: send-step.test.ts.)
    desk.core.live.stop();
    const target = fault === 'timeout-after-work' ? 'VCSUSPISSUER1' : 'VCHISTORY0001';
    const current = await token(target);
    await backend.script.fault({ match: { method: 'POST', pathPrefix: `/api/v1/tokens/${target}/` }, fault, times: 1, ...(fault === 'timeout-after-work' ? { delayMs: 1_200 } : {}) });
    const watch = watchServerRequests(`/api/v1/tokens/${target}/`);
    try {
      const input =
        current.state === 'ACTIVE'
          ? suspendInput(target)
          : { ...suspendInput(target), operation: 'resume', reasonCode: 'NO_FRAUD', expectedState: current.state };
      await desk.ok('actions.submit', input);
      const view = await desk.until(input.actionId, ['CONFIRMED'], { settled: true });
      expect(view.attempts).toBe(2);
      expectSameKeys(watch.seen, view, 2);
      await expectOnce(desk, view);
    } finally {
      watch.stop();
    }
  });

  it('a backend that stays unreachable: after the retry window the history shows nothing was done → BACKEND_UNAVAILABLE', async () => {
    const desk = await open(await profile(), { actionTuning: { retryForMs: 300 } });
    await desk.ok('session.signIn', SATO);
    const current = await token('VCWATCH00001');
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/tokens/VCWATCH00001/' }, fault: 'status-503', times: 1000 });
    const input =
      current.state === 'ACTIVE' ? suspendInput('VCWATCH00001') : { ...suspendInput('VCWATCH00001'), operation: 'resume', reasonCode: 'DEVICE_FOUND', expectedState: current.state };
    await desk.ok('actions.submit', input);
    const view = await desk.until(input.actionId, ['FAILED'], { settled: true });
    expect(view.failure).toEqual({ code: 'BACKEND_UNAVAILABLE' });
    expect(view.attempts).toBeGreaterThan(1);
    expect(desk.changes(input.actionId).some((change) => change.status === 'REQUESTED' && change.nextAttemptAt !== null)).toBe(true);
    await expectOnce(desk, view);
    expect((await token('VCWATCH00001')).state).toBe(current.state);
  });

  it('answers lost on every send, the work done by the first: the history says so, and the action goes on to its confirmation', async () => {
    const desk = await open(await profile(), { actionTuning: { retryForMs: 300 } });
    await desk.ok('session.signIn', SATO);
    const current = await token('VCSUSPMULTI01');
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/tokens/VCSUSPMULTI01/' }, fault: 'reset-after-work', times: 1000 });
    const input = { ...suspendInput('VCSUSPMULTI01'), operation: 'resume', reasonCode: 'NO_FRAUD', expectedState: current.state };
    await desk.ok('actions.submit', input);
    const view = await desk.until(input.actionId, ['CONFIRMED', 'FAILED'], { settled: true });
    expect(view.status).toBe('CONFIRMED');
    expect(view.operationId).toMatch(/^OP/);
    await expectOnce(desk, view);
  });

  it('the token changed between the check and the send: the backend’s conflict with the state now, never retried', async () => {
    const desk = await open(await profile());
    await desk.ok('session.signIn', SATO);
    const target = 'VCOPTIOND0001';
    const current = await token(target);
    expect(current.state).not.toBe('DELETED');
    await backend.script.fault({ match: { method: 'POST', pathPrefix: `/api/v1/tokens/${target}/` }, fault: 'delay', times: 1, delayMs: 400 });
    const input = { ...suspendInput(target), operation: 'delete', reasonCode: 'DEVICE_STOLEN', expectedState: current.state, confirmTokenLastFour: current.tokenLastFour };
    await desk.ok('actions.submit', input);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await backend.script.simulate({ virtualCardId: target, action: 'DELETE', source: 'WALLET' });
    const view = await desk.until(input.actionId, ['FAILED'], { settled: true });
    expect(view).toMatchObject({ attempts: 1, failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'DELETED' } });
    await expectOnce(desk, view);
  });
});

describe('the audit journal across restarts', () => {
  it('never writes a second line for a record journaled just before a crash', async () => {
    const dir = await profile();
    const desk = await open(dir);
    await desk.ok('session.signIn', SATO);
    const input = { actionId: newActionId(), virtualCardId: 'VCSUSPWALLET1', operation: 'resume', reasonCode: 'DEVICE_FOUND', expectedState: 'SUSPENDED' };
    const refused = await desk.ok('actions.submit', input);
    await desk.until(refused.actionId, ['FAILED'], { settled: true });
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    // The crash: the line is in the journal, the entry not yet marked journaled or stored.
    const file = join(actionPaths(dir).outboxDir, `${input.actionId}.json`);
    const entry = OutboxEntry.parse(JSON.parse(await readFile(file, 'utf8')));
    if (!entry.audit) throw new Error('no audit');
    await writeFile(file, JSON.stringify({ ...entry, audit: { ...entry.audit, journaled: false } }));
    const again = await open(dir);
    await again.ok('session.signIn', SATO);
    await again.until(input.actionId, ['FAILED'], { settled: true });
    await expectOnce(again, refused);
  });

  it('verifies the chain on start and reports an edited line', async () => {
    const dir = await profile();
    const desk = await open(dir);
    await desk.ok('session.signIn', SATO);
    for (const reasonCode of ['DEVICE_FOUND', 'NO_FRAUD']) {
      const view = await desk.ok('actions.submit', { actionId: newActionId(), virtualCardId: 'VCSUSPWALLET1', operation: 'resume', reasonCode, expectedState: 'SUSPENDED' });
      await desk.until(view.actionId, ['FAILED'], { settled: true });
    }
    await desk.close();
    desks.splice(desks.indexOf(desk), 1);
    const clean = await open(dir);
    expect(clean.logLines.some((line) => line.includes('audit journal verified'))).toBe(true);
    expect(clean.logLines.some((line) => line.includes('audit journal problem'))).toBe(false);
    await clean.close();
    desks.splice(desks.indexOf(clean), 1);
    const lines = await journal(dir);
    await writeFile(actionPaths(dir).auditJournalFile, `${[lines[0]?.replace('DEVICE_FOUND', 'NO_FRAUD'), ...lines.slice(1)].join('\n')}\n`);
    const tampered = await open(dir);
    const problems = tampered.logLines.filter((line) => line.includes('audit journal problem'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('chain broken');
    expect(problems[0]).toContain('"line":2');
  });
});
