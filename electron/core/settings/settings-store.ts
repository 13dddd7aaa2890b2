import { join } from 'node:path';
import { Settings } from '../../../shared/contract';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';
import type { Logger } from '../logging/logger';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = { language: 'ja' };

export interface SettingsStore {
  get(): Settings;
  set(next: Settings): Promise<Settings>;
  /** Set when the file on disk was unreadable: which file and what was wrong, for the fix-it screen. */
  readonly problem: { file: string; problem: string; fields: string[] } | null;
}

/**
 * The agent's own settings, in the user's profile. A broken file never stops the console from
 * opening: it starts on defaults, reports the problem, and the file is left untouched until the
 * agent saves, so nothing is lost to a typo.
 */
export const openSettingsStore = async (userDataDir: string, logger: Logger): Promise<SettingsStore> => {
  const file = join(userDataDir, SETTINGS_FILE);
  const read = await readJsonFile(file, Settings);
  let current: Settings = read.status === 'ok' ? read.value : DEFAULT_SETTINGS;
  const problem = read.status === 'invalid' ? { file: read.file, problem: read.problem, fields: read.fields } : null;
  if (problem) logger.warn(problem, 'settings file is invalid; starting on defaults');
  return {
    problem,
    get: () => current,
    async set(next) {
      const checked = Settings.parse(next);
      await writeFileAtomic(file, `${JSON.stringify(checked, null, 2)}\n`);
      current = checked;
      return current;
    },
  };
};
