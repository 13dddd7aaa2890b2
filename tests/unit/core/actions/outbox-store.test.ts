import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutboxStore } from '../../../../electron/core/actions/outbox-store';
import { WATCH_TOKEN, writtenAhead } from './support/entries';

/** The outbox on disk: one atomically written file per action; damage is reported and kept aside. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-outbox-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});


describe('the outbox store', () => {
  it('saves and loads entries whole, the latest version of each', async () => {
    const store = openOutboxStore(join(dir, 'outbox'));
    const a = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', comment: '端末を紛失' });
    const b = writtenAhead(WATCH_TOKEN, { operation: 'delete', reasonCode: 'ACCOUNT_CLOSED' });
    await Promise.all([store.save(a), store.save(b), store.save({ ...a, view: { ...a.view, attempts: 1 } })]);
    const loaded = await store.load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.entries.find((entry) => entry.view.actionId === a.view.actionId)?.view.attempts).toBe(1);
    expect(loaded.entries.find((entry) => entry.view.actionId === b.view.actionId)).toEqual(b);
    await store.remove(b.view.actionId);
    expect((await store.load()).entries.map((entry) => entry.view.actionId)).toEqual([a.view.actionId]);
    // No temporary file is left behind by a completed write.
    expect((await readdir(join(dir, 'outbox'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a truncated, a schema-breaking and a misnamed file by name, keeps them aside, and loads the rest', async () => {
    const outbox = join(dir, 'outbox');
    const store = openOutboxStore(outbox);
    const good = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const torn = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_STOLEN' });
    const misnamed = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'FRAUD_SUSPECTED' });
    await store.save(good);
    const tornText = JSON.stringify(torn);
    await writeFile(join(outbox, `${torn.view.actionId}.json`), tornText.slice(0, 100));
    await writeFile(join(outbox, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.json'), JSON.stringify({ version: 1 }));
    await writeFile(join(outbox, 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee.json'), JSON.stringify(misnamed));
    await writeFile(join(outbox, `${good.view.actionId}.json.1234.tmp`), 'half a write');
    const loaded = await store.load();
    expect(loaded.entries.map((entry) => entry.view.actionId)).toEqual([good.view.actionId]);
    expect(loaded.problems.map((problem) => [problem.file, problem.problem.split(' ')[0]]).sort()).toEqual(
      [
        [`${torn.view.actionId}.json`, 'not'],
        ['aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee.json', 'does'],
        ['ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee.json', 'holds'],
      ].sort(),
    );
    const files = await readdir(outbox);
    expect(files.filter((name) => name.endsWith('.damaged'))).toHaveLength(3);
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
    // Nothing is lost: the damaged text is still there to look at.
    const kept = loaded.problems.find((problem) => problem.file.startsWith(torn.view.actionId))?.keptAs ?? '';
    expect(await readFile(join(outbox, kept), 'utf8')).toBe(tornText.slice(0, 100));
    // A second load finds only the good one, and no new problems.
    expect((await store.load()).problems).toEqual([]);
  });

  it('saves many actions at once into one folder, and makes the folder again when it is gone', async () => {
    const outbox = join(dir, 'outbox');
    const store = openOutboxStore(outbox);
    const many = Array.from({ length: 20 }, () => writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' }));
    await Promise.all(many.map((entry) => store.save(entry)));
    expect((await store.load()).entries.map((entry) => entry.view.actionId).sort()).toEqual(many.map((entry) => entry.view.actionId).sort());
    await rm(outbox, { recursive: true, force: true });
    const [first] = many;
    if (!first) throw new Error('no entry');
    await store.save(first);
    expect((await readdir(outbox)).filter((name) => name.endsWith('.json'))).toEqual([`${first.view.actionId}.json`]);
  });
});
