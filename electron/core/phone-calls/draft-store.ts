import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';
import type { Logger } from '../logging/logger';
import { PhoneCallDraft } from './phone-call-files';
import { oneAtATime } from '../async/one-at-a-time';

/**
 * The open phone call on disk (`current.json`), written whole and fsynced (writeFileAtomic) on
 * every change, so a crash leaves the previous version or the new one. Writes wait for each other
 * in the order they were asked for: a slow save can never overwrite a newer one.
 */
export interface PhoneCallDraftStore {
  readonly file: string;
  /** The draft, or null when there is none; a damaged file is moved aside and reported. */
  load(): Promise<PhoneCallDraft | null>;
  /** Durable when it resolves. */
  save(draft: PhoneCallDraft): Promise<void>;
  clear(): Promise<void>;
}

export const openPhoneCallDraftStore = (dir: string, logger: Logger): PhoneCallDraftStore => {
  const file = join(dir, 'current.json');
  const serial = oneAtATime();
  return {
    file,
    async load() {
      const read = await readJsonFile(file, PhoneCallDraft);
      if (read.status === 'ok') return read.value;
      if (read.status === 'missing') return null;
      // A readable time, not epoch milliseconds: a long run of digits would be masked in the log as a card number.
      const keptAs = `${file}.${new Date().toISOString().replace(/[-:.]/g, '')}.damaged`;
      const moved = await rename(file, keptAs).then(
        () => true,
        () => false,
      );
      // The fields only, never the content: the notes may hold personal data.
      logger.error({ file, fields: read.fields.slice(0, 5), keptAs: moved ? keptAs : null }, 'phone call draft damaged; kept aside, not restored');
      return null;
    },
    save: (draft) => serial(() => writeFileAtomic(file, `${JSON.stringify(draft)}\n`)),
    clear: () => serial(() => rm(file, { force: true })),
  };
};
