import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownFixtures } from '../../../sandbox/index';
import { startHarness } from './harness';

/**
 * What the callbacks leave in the data file survives a restart (--data): a parked callback is
 * still applied when its token appears, a processed one is still known (its copy a duplicate),
 * the training clock stays ahead, and what was sent to cardholders is still kept.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-callbacks-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const { yellowPath } = knownFixtures;

describe('callbacks across a restart with --data', () => {
  it('keeps parked and processed callbacks, the training clock and the notifications sent', async () => {
    const dataFile = join(dir, 'state.json');
    const first = await startHarness({ dataFile, reminderCheckMs: 0 });
    const call = async (h: typeof first, path: string, body: unknown, correlationId: string): Promise<Response> =>
      h.post(path, body, await h.platformHeaders({ 'x-correlation-id': correlationId }));
    const watch = first.sandbox.store.tokens.get(yellowPath.activeVirtualCardId);
    if (!watch) throw new Error('no watch token');
    const suspend = { issuerCardRefId: yellowPath.issuerCardRefId, virtualCardId: watch.virtualCardId, walletProviderId: 'APPLE_PAY', tokenStorageId: watch.device.tokenStorageId, isPrimary: false, action: 'SUSPEND', source: 'WALLET' };
    expect((await call(first, '/tsh/v1/notifyVirtualCardChange', suspend, 'restart-suspend-1')).status).toBe(200);
    const parked = { ...suspend, virtualCardId: 'VCRESTARTPARK1', tokenStorageId: 'SE-RESTARTPARKED', isPrimary: true, action: 'ACTIVATE', source: 'TSP' };
    expect((await call(first, '/tsh/v1/notifyVirtualCardChange', parked, 'enr-restart-1')).status).toBe(200);
    expect((await call(first, '/training/v1/clock', { hours: 2 }, 'clock-1')).status).toBe(200);
    const gone = first.sandbox.store.tokens.get(knownFixtures.bulkCard.active[0]);
    if (!gone) throw new Error('no token');
    const deletion = { issuerCardRefId: gone.issuerCardRefId, virtualCardId: gone.virtualCardId, walletProviderId: gone.tokenRequestor.walletProviderId, tokenStorageId: gone.device.tokenStorageId, isPrimary: gone.isPrimary, action: 'DELETE', source: 'TSP' };
    expect((await call(first, '/tsh/v1/notifyVirtualCardChange', deletion, 'restart-delete-1')).status).toBe(200);
    const sent = first.sandbox.store.sentNotifications.size;
    expect(sent).toBeGreaterThan(0);
    await first.close();

    const second = await startHarness({ dataFile, reminderCheckMs: 0 });
    try {
      expect(second.sandbox.store.parkedCallbacks).toHaveLength(1);
      expect(second.sandbox.store.clockAheadMinutes).toBe(120);
      expect(second.sandbox.store.sentNotifications.size).toBe(sent);
      const copy = await call(second, '/tsh/v1/notifyVirtualCardChange', suspend, 'restart-suspend-1');
      expect(((await copy.json()) as { results: Array<{ outcome: string }> }).results[0]?.outcome).toBe('DUPLICATE');
      const decided = await call(
        second,
        '/tsh/v1/requestCardDigitization',
        { issuerCardRefId: yellowPath.issuerCardRefId, virtualCardId: 'VCRESTARTPARK1', walletProviderId: 'APPLE_PAY', device: { type: 'PHONE', tokenStorageId: 'SE-RESTARTPARKED' }, isPrimary: true },
        'enr-restart-1',
      );
      expect(decided.status).toBe(200);
      expect(second.sandbox.store.tokens.get('VCRESTARTPARK1')?.state).toBe('ACTIVE');
      expect(second.sandbox.store.parkedCallbacks).toHaveLength(0);
    } finally {
      await second.close();
    }
  });
});
