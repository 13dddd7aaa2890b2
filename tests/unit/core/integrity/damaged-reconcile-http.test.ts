import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityNotice } from '../../../../shared/contract';
import { actionPaths } from '../../../../electron/core/app-core';
import type { ActionIdentity } from '../../../../electron/core/actions/action-identity';
import { ReconciledLine } from '../../../../electron/core/actions/audit-journal';
import { acceptedActions } from '../../../support/audit-trail';
import { SATO, newActionId, openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';

/**
 * Over real HTTP against the training backend: an action the console sent, whose outbox file is then
 * damaged beyond reading, and one whose file was damaged before it ever left. After a restart the
 * banner says "unknown" until someone signs in; then the token's history says the first was done and
 * the second never reached the backend (and it is not sent now), each with its journal line.
 */
const SUZUKI = { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' } as const;

let backend: Backend;
let dir: string;
beforeAll(async () => {
  backend = await startBackend();
  dir = await mkdtemp(join(tmpdir(), 'td-damaged-http-'));
}, 60_000);
afterAll(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

const outboxNotices = async (desk: Desk, until: (notices: IntegrityNotice[]) => boolean): Promise<IntegrityNotice[]> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const notices = (await desk.ok('integrity.notices')).notices.filter((notice) => notice.subject === 'OUTBOX_ENTRY');
    if (until(notices)) return notices;
    if (Date.now() > deadline) throw new Error(`notices not as expected: ${JSON.stringify(notices)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const reconciledLines = async (): Promise<ReconciledLine[]> =>
  (await readFile(actionPaths(dir).auditJournalFile, 'utf8'))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as object)
    .filter((line) => 'reconciledAfterDamage' in line)
    .map((line) => ReconciledLine.parse(line));

describe('a damaged outbox file over real HTTP', { timeout: 60_000 }, () => {
  it('is reconciled from the token’s history once someone signs in: done, or never sent (and not sent now)', async () => {
    const { outboxDir } = actionPaths(dir);
    const first = await openDesk(backend, { dir });
    await first.ok('session.signIn', SATO);
    const sent = await first.ok('actions.submit', { actionId: newActionId(), virtualCardId: 'VCHISTORY0001', operation: 'suspend', reasonCode: 'DEVICE_STOLEN', expectedState: 'ACTIVE' });
    await first.until(sent.actionId, ['CONFIRMED'], { settled: true });
    await first.close();
    // Damaged beyond reading: nothing identifying is left in the file, only its write-ahead header says which action it was.
    await writeFile(join(outboxDir, `${sent.actionId}.json`), '{"version":1,"view":{"act');

    // An action whose file was damaged before its first send left: its header, and a file that is not JSON.
    const unsent: ActionIdentity = {
      version: 1,
      actionId: randomUUID(),
      correlationId: randomUUID(),
      idempotencyKey: randomUUID(),
      virtualCardId: 'VCWATCH00001',
      operation: 'suspend',
      tokenLastFour: '6604',
      requestedAt: new Date().toISOString(),
      agentId: 'agent.sato',
    };
    await mkdir(join(outboxDir, 'identity'), { recursive: true });
    await writeFile(join(outboxDir, 'identity', `${unsent.actionId}.json`), `${JSON.stringify(unsent)}\n`);
    await writeFile(join(outboxDir, `${unsent.actionId}.json`), '\u0000\u0000\u0000');

    const desk = await openDesk(backend, { dir });
    try {
      // Nobody signed in: the backend cannot be asked yet, and the banner says so.
      const before = await outboxNotices(desk, (notices) => notices.length === 2);
      expect(before.map((notice) => notice.action?.reconciled)).toEqual(['UNKNOWN', 'UNKNOWN']);
      expect(before.find((notice) => notice.action?.file === `${sent.actionId}.json`)?.action).toMatchObject({ operation: 'suspend', tokenLastFour: sent.tokenLastFour });
      expect(await reconciledLines()).toEqual([]);

      // A supervisor signs in: the history is read, and the trail gives the receipt of the action's record.
      await desk.ok('session.signIn', SUZUKI);
      const after = await outboxNotices(desk, (notices) => notices.length === 2 && notices.every((notice) => notice.action?.reconciled !== 'UNKNOWN'));
      const byFile = new Map(after.map((notice) => [notice.action?.file, notice.action]));
      expect(byFile.get(`${sent.actionId}.json`)).toMatchObject({ reconciled: 'CONFIRMED' });
      expect(byFile.get(`${unsent.actionId}.json`)).toMatchObject({ reconciled: 'NOT_SENT', operation: 'suspend', tokenLastFour: '6604' });

      const lines = await reconciledLines();
      const done = lines.find((line) => line.reconciledAfterDamage.identity.actionId === sent.actionId);
      const stored = acceptedActions(await backend.script.auditRecords(backend.supervisor, 'VCHISTORY0001')).filter(({ record }) => record.correlationId === sent.correlationId);
      expect(stored).toHaveLength(1);
      expect(done?.reconciledAfterDamage).toMatchObject({ outcome: 'CONFIRMED', operationId: sent.operationId ?? expect.any(String), readBy: 'supervisor.suzuki', identity: { from: 'HEADER' } });
      expect(done?.receipt).toEqual({ recordId: stored[0]?.record.recordId, hash: stored[0]?.record.hash });
      const never = lines.find((line) => line.reconciledAfterDamage.identity.actionId === unsent.actionId);
      expect(never?.reconciledAfterDamage).toMatchObject({ outcome: 'NOT_SENT', operationId: null });
      // Not sent now either: the backend has no trace of its correlation id.
      const history = await backend.script.tokenEvents(backend.supervisor, 'VCWATCH00001');
      expect(history.filter((event) => event.correlationId === unsent.correlationId)).toEqual([]);
      expect(desk.core.actions.damaged.pending()).toBe(0);
    } finally {
      await desk.close();
    }
    // Reconciled once: the next start shows and journals nothing more.
    const again = await openDesk(backend, { dir });
    try {
      await again.ok('session.signIn', SATO);
      await again.core.actions.damaged.idle();
      expect((await again.ok('integrity.notices')).notices).toEqual([]);
      expect(await reconciledLines()).toHaveLength(2);
    } finally {
      await again.close();
    }
  });
});
