import { z } from 'zod';
import { FloorAlertSettings } from '../domain/floor-alerts';
import { AgentId, IsoDateTime } from './ids';

/**
 * The floor's alert rules as the backend keeps them: one set for the whole floor (not one desk),
 * tuned by an administrator. The settings themselves are the one `FloorAlertSettings` schema the
 * rules are evaluated with; the version is what a change must name in `If-Match`, so two
 * administrators never overwrite each other unseen.
 */
const FloorAlertSettingsVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const StoredFloorAlertSettings = z.strictObject({
  settings: FloorAlertSettings,
  /** 0 while never set (the defaults); each change adds one. */
  version: FloorAlertSettingsVersion,
  /** When and by whom they were last changed; null while never set. */
  changedAt: IsoDateTime.nullable(),
  changedBy: z.strictObject({ agentId: AgentId, name: z.string().max(200) }).nullable(),
});
export type StoredFloorAlertSettings = z.infer<typeof StoredFloorAlertSettings>;

/** `If-Match` carries the version read, bare or quoted as an entity tag (`3` or `"3"`). */
const IF_MATCH = 'if-match';

export const FloorAlertSettingsHeaders = z.object({
  [IF_MATCH]: z.string().regex(/^"?[0-9]{1,15}"?$/, 'the version read, e.g. "3"'),
});

/** The version an `If-Match` value names. */
export const versionOfIfMatch = (value: string): number => Number(value.replace(/"/g, ''));
