import { openRecordFolder, type RecordFolder } from '../fs/record-folder';
import { OutboxEntry } from './action-entry';

/**
 * The outbox on disk: one file per action, `<actionId>.json`, written whole and fsynced before
 * anything is sent (fs/record-folder.ts, which the phone calls' outbox shares); a damaged file is
 * kept aside and reported by name, never its content (a comment may hold personal data).
 */
export type OutboxStore = RecordFolder<OutboxEntry>;

export const openOutboxStore = (dir: string): OutboxStore =>
  openRecordFolder({ dir, schema: OutboxEntry, idOf: (entry) => entry.view.actionId, kind: 'the outbox entry schema' });
