import type { StoredFloorAlertSettings } from '../../shared/api/floor-alert-settings';
import { versionOfIfMatch } from '../../shared/api/floor-alert-settings';
import type { FloorAlertSettings } from '../../shared/domain/floor-alerts';
import { agentActor } from '../audit/parts';
import type { AuditTrail } from '../audit/trail';
import { ApiFailure } from '../http/errors';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

type Leaf = string | number | boolean;

/** Every leaf of the settings by its dotted path (`activationsPerHour.max`), as a value the trail can show. */
const leavesOf = (settings: FloorAlertSettings): Map<string, Leaf> => {
  const leaves = new Map<string, Leaf>();
  for (const [rule, fields] of Object.entries(settings)) {
    for (const [field, value] of Object.entries(fields as Record<string, Leaf>)) leaves.set(`${rule}.${field}`, value);
  }
  return leaves;
};

/** Each value that differs, before and after: the rules hold no secret, so the trail says what they were and became. */
const differences = (before: FloorAlertSettings, after: FloorAlertSettings): { field: string; before: string; after: string }[] => {
  const old = leavesOf(before);
  return [...leavesOf(after)]
    .filter(([field, value]) => old.get(field) !== value)
    .map(([field, value]) => ({ field, before: String(old.get(field) ?? ''), after: String(value) }));
};

/**
 * The floor's alert rules: read by supervisors and administrators (the route's roles), replaced by
 * an administrator only against the version they read (`If-Match`; optimistic, so a second
 * administrator's change is never overwritten unseen). A change is in the data file and in the
 * audit trail before it is answered.
 */
export const floorAlertSettingsHandlers = (store: SandboxStore, audit: AuditTrail): HandlersFor<'getFloorAlertSettings' | 'saveFloorAlertSettings'> => ({
  getFloorAlertSettings: () => store.floorAlertSettings,
  saveFloorAlertSettings: async ({ body, headers, session, client, correlationId, now }) => {
    const current = store.floorAlertSettings;
    const expected = versionOfIfMatch(headers['if-match']);
    if (expected !== current.version) {
      throw new ApiFailure('PRECONDITION_FAILED', `The floor's alert rules are at version ${current.version}, not ${expected}: someone changed them meanwhile. Read them again.`, 'if-match');
    }
    const values = differences(current.settings, body);
    const next: StoredFloorAlertSettings = {
      settings: body,
      version: current.version + 1,
      changedAt: now.toISOString(),
      changedBy: { agentId: session.agent.agentId, name: session.agent.name },
    };
    store.setFloorAlertSettings(next);
    await store.persist();
    await audit.append({
      kind: 'SETTINGS_CHANGED',
      actor: agentActor(session),
      workstationId: client.clientId,
      correlationId,
      outcome: 'SUCCEEDED',
      cardholder: null,
      token: null,
      detail: { setting: 'FLOOR_ALERT_RULES', changed: values.map((value) => value.field), values },
    });
    return next;
  },
});
