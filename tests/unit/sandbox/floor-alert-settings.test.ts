import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoredFloorAlertSettings } from '../../../shared/api/floor-alert-settings';
import { DEFAULT_FLOOR_ALERT_SETTINGS, type FloorAlertSettings } from '../../../shared/domain/floor-alerts';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * The floor's alert rules on the training backend over real HTTP: who may read and change them,
 * the one schema checking a change, If-Match against a change made meanwhile, the data file
 * holding them before the answer and across a restart, and the audit record of each change.
 */
const PATH = '/api/v1/floor-alert-settings';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-floor-rules-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = (harness: Harness, body: unknown, headers: Record<string, string>, ifMatch: string | null, key = `test-${randomUUID()}`): Promise<Response> =>
  fetch(`${harness.sandbox.baseUrl}${PATH}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(ifMatch === null ? {} : { 'if-match': ifMatch }), ...headers },
    body: JSON.stringify(body),
  });

const lowered = (max: number): FloorAlertSettings => ({ ...DEFAULT_FLOOR_ALERT_SETTINGS, activationsPerHour: { enabled: true, max } });

describe('floor alert settings', () => {
  it('answers the defaults at version 0 to supervisors and administrators, and refuses agents', async () => {
    const harness = await startHarness();
    try {
      for (const agentId of ['supervisor.suzuki', 'admin.tanaka']) {
        const response = await harness.get(PATH, await harness.agentHeaders(agentId));
        expect(response.status).toBe(200);
        expect(StoredFloorAlertSettings.parse(await response.json())).toEqual({ settings: DEFAULT_FLOOR_ALERT_SETTINGS, version: 0, changedAt: null, changedBy: null });
      }
      const agent = await harness.get(PATH, await harness.agentHeaders('agent.sato'));
      expect(agent.status).toBe(403);
      expect((await errorOf(agent)).code).toBe('FORBIDDEN_ROLE');
    } finally {
      await harness.close();
    }
  });

  it('lets only an administrator change them, against the version read; a stale version is a 412 and changes nothing', async () => {
    const harness = await startHarness();
    try {
      for (const agentId of ['agent.sato', 'supervisor.suzuki']) {
        const refused = await put(harness, lowered(1), await harness.agentHeaders(agentId), '0');
        expect(refused.status).toBe(403);
        expect((await errorOf(refused)).code).toBe('FORBIDDEN_ROLE');
      }
      const admin = await harness.agentHeaders('admin.tanaka');
      const saved = await put(harness, lowered(2), admin, '"0"');
      expect(saved.status, await saved.clone().text()).toBe(200);
      expect(StoredFloorAlertSettings.parse(await saved.json())).toMatchObject({ settings: lowered(2), version: 1, changedBy: { agentId: 'admin.tanaka' } });

      // A second screen still holding version 0.
      const stale = await put(harness, lowered(5), admin, '0');
      expect(stale.status).toBe(412);
      expect(await errorOf(stale)).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'if-match' });
      const now = StoredFloorAlertSettings.parse(await (await harness.get(PATH, admin)).json());
      expect(now).toMatchObject({ settings: lowered(2), version: 1 });

      const missing = await put(harness, lowered(5), admin, null);
      expect(missing.status).toBe(400);
      expect((await errorOf(missing)).field).toBe('if-match');
      const noKey = await fetch(`${harness.sandbox.baseUrl}${PATH}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': '1', ...admin }, body: JSON.stringify(lowered(5)) });
      expect(noKey.status).toBe(400);
    } finally {
      await harness.close();
    }
  });

  it('checks a change with the one schema and names the field', async () => {
    const harness = await startHarness();
    try {
      const admin = await harness.agentHeaders('admin.tanaka');
      const cases: [unknown, string][] = [
        [lowered(0), 'activationsPerHour.max'],
        [{ ...DEFAULT_FLOOR_ALERT_SETTINGS, businessHours: { ...DEFAULT_FLOOR_ALERT_SETTINGS.businessHours, start: '25:00' } }, 'businessHours.start'],
        [{ ...DEFAULT_FLOOR_ALERT_SETTINGS, businessHours: { ...DEFAULT_FLOOR_ALERT_SETTINGS.businessHours, timeZone: 'Mars/Olympus' } }, 'businessHours.timeZone'],
        [{ ...DEFAULT_FLOOR_ALERT_SETTINGS, deletesPerCardholder: { enabled: true, max: 3, windowHours: 500 } }, 'deletesPerCardholder.windowHours'],
        [{ ...DEFAULT_FLOOR_ALERT_SETTINGS, extra: true }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const response = await put(harness, body, admin, '0');
        expect(response.status).toBe(400);
        expect((await errorOf(response)).field).toBe(field);
      }
      expect(harness.sandbox.store.floorAlertSettings.version).toBe(0);
    } finally {
      await harness.close();
    }
  });

  it('keeps a change in the data file before answering and after a restart, and records who changed what from what', async () => {
    const dataFile = join(dir, 'state.json');
    const first = await startHarness({ dataFile });
    try {
      const admin = await first.agentHeaders('admin.tanaka');
      const changed = { ...lowered(1), businessHours: { enabled: false, start: '08:30', end: '20:00', timeZone: 'Asia/Tokyo' } };
      const saved = await put(first, changed, admin, '0');
      expect(saved.status).toBe(200);
      // On disk when the answer came.
      const onDisk = (JSON.parse(await readFile(dataFile, 'utf8')) as { floorAlertSettings: unknown }).floorAlertSettings;
      expect(StoredFloorAlertSettings.parse(onDisk)).toMatchObject({ settings: changed, version: 1 });

      const records = first.sandbox.audit.list({ kind: 'SETTINGS_CHANGED' }, null, 50).items;
      const record = records.find((item) => item.kind === 'SETTINGS_CHANGED' && item.detail.setting === 'FLOOR_ALERT_RULES');
      expect(record).toMatchObject({
        actor: { type: 'AGENT', agentId: 'admin.tanaka', role: 'admin' },
        detail: {
          changed: ['activationsPerHour.max', 'businessHours.enabled', 'businessHours.start', 'businessHours.end'],
          values: [
            { field: 'activationsPerHour.max', before: '10', after: '1' },
            { field: 'businessHours.enabled', before: 'true', after: 'false' },
            { field: 'businessHours.start', before: '09:00', after: '08:30' },
            { field: 'businessHours.end', before: '18:00', after: '20:00' },
          ],
        },
      });
    } finally {
      await first.close();
    }
    const second = await startHarness({ dataFile });
    try {
      const read = await second.get(PATH, await second.agentHeaders('supervisor.suzuki'));
      expect(StoredFloorAlertSettings.parse(await read.json())).toMatchObject({ settings: { activationsPerHour: { max: 1 }, businessHours: { enabled: false } }, version: 1 });
    } finally {
      await second.close();
    }
  });

  it('is listed in the OpenAPI document with its If-Match header', async () => {
    const harness = await startHarness();
    try {
      const document = (await (await harness.get('/openapi.json', {})).json()) as { paths: Record<string, Record<string, { parameters?: { name: string; required: boolean }[] }>> };
      const path = document.paths[PATH];
      expect(Object.keys(path ?? {}).sort()).toEqual(['get', 'put']);
      expect(path?.put?.parameters).toContainEqual(expect.objectContaining({ name: 'if-match', required: true }));
    } finally {
      await harness.close();
    }
  });
});
